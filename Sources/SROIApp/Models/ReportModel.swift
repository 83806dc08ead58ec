import Fluent
import Foundation
import SROIDomain

/// A progress report (voortgangsrapportage) of a supplier for one period of a contract.
final class ReportModel: Model, @unchecked Sendable {
    static let schema = "reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "status") var statusRaw: String
    @OptionalField(key: "supplier_note") var supplierNote: String?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "reviewed_by") var reviewedBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var status: ReportStatus { ReportStatus(rawValue: statusRaw) ?? .draft }
    var period: Term? {
        guard let s = Day(iso: periodStart), let e = Day(iso: periodEnd) else { return nil }
        return Term(start: s, end: e)
    }
}

/// One line of a submitted report: the value of a placement in the period, or of an activity, as credited
/// to an obligation, with the buyer's decision.
final class ReportItemModel: Model, @unchecked Sendable {
    static let schema = "report_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ReportModel
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceID: UUID
    /// The obligation (contract) this value is credited to.
    @Field(key: "contract_id") var contractID: UUID
    @Field(key: "block") var blockRaw: String
    @Field(key: "value_cents") var valueCents: Int64
    @Field(key: "explanation") var explanation: String
    /// pending, approved or rejected
    @Field(key: "decision") var decisionRaw: String
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}
}

/// One step in the conversation on a report line: an answer of the supplier (kind `answer`, or `reoffer` when it
/// offers the line again), or a decision of the reviewer (`approved`, `rejected`) with its comment.
final class ReportItemMessageModel: Model, @unchecked Sendable {
    static let schema = "report_item_messages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "item_id") var item: ReportItemModel
    @OptionalField(key: "author_user_id") var authorUserID: UUID?
    @OptionalField(key: "author_organisation_id") var authorOrganisationID: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @OptionalField(key: "evidence_id") var evidenceID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The lines of a report as they were at one submission (JSON of `SubmittedLine`).
final class ReportSubmissionModel: Model, @unchecked Sendable {
    static let schema = "report_submissions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ReportModel
    @Field(key: "number") var number: Int
    @Field(key: "lines") var lines: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}
}

extension ReportItemModel {
    var decision: LineDecision {
        get { LineDecision(rawValue: decisionRaw) ?? .pending }
        set { decisionRaw = newValue.rawValue }
    }
}

extension ReportModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $periodStart, $periodEnd, $statusRaw, $supplierNote, $reviewComment, $submittedAt,
            $submittedBy, $reviewedAt, $reviewedBy, $createdAt
        ]
    }
}

extension ReportItemModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $report, $sourceType, $sourceID, $contractID, $blockRaw, $valueCents, $explanation, $decisionRaw,
            $comment, $decidedBy, $decidedAt
        ]
    }
}

extension ReportItemMessageModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $item, $authorUserID, $authorOrganisationID, $kind, $text, $evidenceID, $createdAt
        ]
    }
}

extension ReportSubmissionModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $report, $number, $lines, $submittedAt
        ]
    }
}
