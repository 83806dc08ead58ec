import Fluent
import Foundation
import SROIDomain

/// A tender or contract (aanbesteding / opdracht) of a buyer, awarded to a supplier once it is.
final class ContractModel: Model, @unchecked Sendable {
    static let schema = "contracts"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Parent(key: "buyer_id") var buyer: OrganisationModel
    @OptionalParent(key: "supplier_id") var supplier: OrganisationModel?
    @OptionalField(key: "cpv") var cpv: String?
    @Field(key: "kind") var kindRaw: String
    @Field(key: "value_cents") var valueCents: Int64
    @OptionalField(key: "wage_sum_cents") var wageSumCents: Int64?
    @OptionalField(key: "labour_share_bp") var labourShareBasisPoints: Int?
    /// Days as "YYYY-MM-DD": a contract term has no time of day or time zone.
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @OptionalField(key: "region") var region: String?
    @Field(key: "status") var statusRaw: String
    @OptionalField(key: "framework_id") var frameworkID: UUID?
    @OptionalField(key: "publication_date") var publicationDate: String?
    @OptionalField(key: "extension_until") var extensionUntil: String?
    /// Reserved for social enterprises (art. 2.82 Aanbestedingswet); nil is no.
    @OptionalField(key: "reserved") var reservedFlag: Bool?
    /// How the tender asks for social return (`SocialReturnAsk`); nil: not recorded (a contract condition by default).
    @OptionalField(key: "sr_ask") var srAskRaw: String?
    /// The award criterion's weight in the tender, in basis points.
    @OptionalField(key: "sr_weight_bp") var srWeightBasisPoints: Int?
    /// What bidders offer: euros (default) or jobs.
    @OptionalField(key: "offer_unit") var offerUnit: String?
    /// The last day bidders can enter or change their own offer.
    @OptionalField(key: "bids_close_on") var bidsCloseOn: String?
    /// A planned tender open for ideas from suppliers and social enterprises of its region.
    @OptionalField(key: "market_consultation") var marketConsultationFlag: Bool?
    /// Set at award: the policy version the obligation is computed with from then on.
    @OptionalParent(key: "policy_version_id") var policyVersion: PolicyVersionModel?
    @OptionalField(key: "override_applicable") var overrideApplicable: Bool?
    @OptionalField(key: "override_amount_cents") var overrideAmountCents: Int64?
    @OptionalField(key: "override_reason") var overrideReason: String?
    @OptionalField(key: "override_by") var overrideBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// The derived values (`kind`, `terms`, `override`, …) come from `ContractFields`, shared with `ContractRecord`.
extension ContractModel: ContractFields {
    var buyerID: UUID { $buyer.id }
    var supplierID: UUID? { $supplier.id }
    var policyVersionID: UUID? { $policyVersion.id }
}

extension ContractModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $title, $buyer, $supplier, $cpv, $kindRaw, $valueCents, $wageSumCents, $labourShareBasisPoints,
            $startDate, $endDate, $region, $statusRaw, $frameworkID, $publicationDate, $extensionUntil, $reservedFlag,
            $srAskRaw, $srWeightBasisPoints, $offerUnit, $bidsCloseOn, $marketConsultationFlag, $policyVersion,
            $overrideApplicable, $overrideAmountCents, $overrideReason, $overrideBy, $createdAt, $updatedAt
        ]
    }
}
