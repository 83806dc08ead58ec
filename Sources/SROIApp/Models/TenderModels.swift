import Fluent
import Foundation

/// A bid on a tender: the bidder, its social return offer (cents, or jobs in thousandths, as the tender asks) and its
/// plan of approach. One per bidder; a bidder's own entry closes with the tender's closing date.
final class BidModel: Model, @unchecked Sendable {
    static let schema = "bids"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Parent(key: "supplier_id") var supplier: OrganisationModel
    @Field(key: "offer") var offer: Int64
    @Field(key: "plan") var plan: String
    @OptionalField(key: "entered_by") var enteredBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// One assessor's points for one criterion of a bid's plan.
final class BidScoreModel: Model, @unchecked Sendable {
    static let schema = "bid_scores"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bid_id") var bid: BidModel
    @Field(key: "assessor_id") var assessorID: UUID
    @Field(key: "criterion") var criterion: String
    @Field(key: "points") var points: Int
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// An idea for social return sent on a planned tender.
final class MarketIdeaModel: Model, @unchecked Sendable {
    static let schema = "market_ideas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "text") var text: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A file with a bid's plan of approach; the bytes live with the evidence files under a random name.
final class BidAttachmentModel: Model, @unchecked Sendable {
    static let schema = "bid_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bid_id") var bid: BidModel
    @Field(key: "filename") var filename: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Timestamp(key: "uploaded_at", on: .create) var uploadedAt: Date?

    init() {}
}

extension BidModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $supplier, $offer, $plan, $enteredBy, $createdAt, $updatedAt
        ]
    }
}

extension BidScoreModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $bid, $assessorID, $criterion, $points, $note, $createdAt
        ]
    }
}

extension MarketIdeaModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $organisation, $text, $createdBy, $createdAt
        ]
    }
}

extension BidAttachmentModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $bid, $filename, $size, $sha256, $storageKey, $uploadedBy, $uploadedAt
        ]
    }
}
