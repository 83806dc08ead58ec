import Fluent
import Foundation
import SROIDomain

/// A supplier's vacancy for one of its contracts. Status: open, filled or closed.
final class VacancyModel: Model, @unchecked Sendable {
    static let schema = "vacancies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "supplier_id") var supplierID: UUID
    @OptionalField(key: "potential_job_id") var potentialJobID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "tasks") var tasks: String
    @Field(key: "hours_per_week") var hoursPerWeekHundredths: Int64
    @OptionalField(key: "place") var place: String?
    @Field(key: "region") var region: String
    @Field(key: "start_date") var startDate: String
    /// Comma-separated building blocks that fit (keys).
    @Field(key: "blocks") var blocksRaw: String
    /// Comma-separated target groups that fit (keys); empty: any.
    @Field(key: "target_groups") var targetGroupsRaw: String
    @OptionalField(key: "requirements") var requirements: String?
    /// The supplier's contact for this vacancy (a business contact, never a candidate's).
    @Field(key: "contact") var contact: String
    @Field(key: "status") var status: String
    @OptionalField(key: "placement_id") var placementID: UUID?
    @OptionalField(key: "filled_at") var filledAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var blocks: [BuildingBlock] { blocksRaw.split(separator: ",").map { BuildingBlock(stored: String($0)) } }
    var targetGroups: [TargetGroup] { targetGroupsRaw.split(separator: ",").compactMap { TargetGroup(rawValue: String($0)) } }
}

/// A job service's candidate for a vacancy. Status: proposed, interview, accepted, declined or withdrawn.
final class ProposalModel: Model, @unchecked Sendable {
    static let schema = "proposals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "vacancy_id") var vacancy: VacancyModel
    @Parent(key: "job_service_id") var jobService: OrganisationModel
    /// The pseudonym of the BSN or the job service's client number; never the number itself.
    @Field(key: "candidate") var candidate: String
    @Field(key: "target_group") var targetGroupRaw: String
    /// The day the job service established the target group ("doelgroep vastgesteld door").
    @Field(key: "established_on") var establishedOn: String
    /// A short profile without name or contact details.
    @Field(key: "profile") var profile: String
    @Field(key: "status") var status: String
    @OptionalField(key: "interview_on") var interviewOn: String?
    @OptionalField(key: "decline_reason") var declineReason: String?
    @OptionalField(key: "placement_id") var placementID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "decided_by") var decidedBy: UUID?

    init() {}
}

extension VacancyModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $supplierID, $potentialJobID, $title, $tasks, $hoursPerWeekHundredths, $place, $region,
            $startDate, $blocksRaw, $targetGroupsRaw, $requirements, $contact, $status, $placementID, $filledAt,
            $createdBy, $createdAt
        ]
    }
}

extension ProposalModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $vacancy, $jobService, $candidate, $targetGroupRaw, $establishedOn, $profile, $status, $interviewOn,
            $declineReason, $placementID, $createdBy, $createdAt, $decidedAt, $decidedBy
        ]
    }
}
