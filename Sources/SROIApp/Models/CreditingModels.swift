import Fluent
import Foundation
import SROIDomain

/// A buyer taking part in a joint tender (gezamenlijke aanbesteding) with its share of the contract value.
/// The obligation is credited to each participant in proportion to that share (pro-rata booking).
final class ContractParticipantModel: Model, @unchecked Sendable {
    static let schema = "contract_participants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "value_cents") var valueCents: Int64

    init() {}

    init(contractID: UUID, organisationID: UUID, valueCents: Int64) {
        self.$contract.id = contractID
        self.$organisation.id = organisationID
        self.valueCents = valueCents
    }
}

/// A stacked job (stapelbaan): one person's job made of tasks for several suppliers of the same buyer.
/// Its placements are valued together (hours added up, a bonus once) and split by each supplier's hours.
final class StackedJobModel: Model, @unchecked Sendable {
    static let schema = "stacked_jobs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "buyer_id") var buyer: OrganisationModel
    @Field(key: "candidate") var candidate: String
    @Field(key: "title") var title: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// An entry in the register of social enterprises and sheltered workshops.
final class SocialEnterpriseModel: Model, @unchecked Sendable {
    static let schema = "social_enterprises"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kvk") var kvk: String
    @OptionalField(key: "pso_step") var psoStepRaw: String?
    @Field(key: "article_2_82") var article282: Bool
    @Field(key: "sheltered_workshop") var shelteredWorkshop: Bool
    /// Comma-separated sectors, e.g. "schoonmaak,groen".
    @Field(key: "sectors") var sectorsRaw: String
    @OptionalField(key: "region") var region: String?
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "website") var website: String?
    /// The buyer that keeps this entry; nil: the platform's administrators keep it.
    @OptionalField(key: "owner_organisation_id") var ownerOrganisationID: UUID?
    /// The PSO certificate's number and its last valid day (ISO date); a lapsed step no longer counts.
    @OptionalField(key: "pso_certificate") var psoCertificate: String?
    @OptionalField(key: "pso_valid_until") var psoValidUntil: String?
    /// What the enterprise offers, in its own words.
    @OptionalField(key: "offers") var offers: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var sectors: [String] { sectorsRaw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    var profile: SocialEnterpriseProfile {
        SocialEnterpriseProfile(psoStep: psoStepRaw.flatMap(PSOStep.init(rawValue:)), article282: article282, shelteredWorkshop: shelteredWorkshop,
                                psoValidUntil: psoValidUntil.flatMap(Day.init(iso:)))
    }
}

/// A proposed change of a register entry's status (PSO step, art. 2.82, sheltered workshop), decided by the entry's
/// owner or an administrator. Status: proposed, approved or declined.
final class SocialEnterpriseStatusChangeModel: Model, @unchecked Sendable {
    static let schema = "social_enterprise_status_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "enterprise_id") var enterprise: SocialEnterpriseModel
    @OptionalField(key: "pso_step") var psoStepRaw: String?
    @Field(key: "article_2_82") var article282: Bool
    @Field(key: "sheltered_workshop") var shelteredWorkshop: Bool
    @OptionalField(key: "pso_certificate") var psoCertificate: String?
    @OptionalField(key: "pso_valid_until") var psoValidUntil: String?
    /// Proposed by the enterprise about its own entry: any buyer's coordinator may verify it.
    @Field(key: "by_enterprise") var byEnterpriseItself: Bool
    @Field(key: "reason") var reason: String
    @Field(key: "proposed_by") var proposedBy: UUID
    @Field(key: "proposed_by_organisation") var proposedByOrganisation: UUID
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "comment") var comment: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var profile: SocialEnterpriseProfile {
        SocialEnterpriseProfile(psoStep: psoStepRaw.flatMap(PSOStep.init(rawValue:)), article282: article282, shelteredWorkshop: shelteredWorkshop,
                                psoValidUntil: psoValidUntil.flatMap(Day.init(iso:)))
    }
}

extension ContractParticipantModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $organisation, $valueCents
        ]
    }
}

extension StackedJobModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $buyer, $candidate, $title, $createdBy, $createdAt
        ]
    }
}

extension SocialEnterpriseModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $name, $kvk, $psoStepRaw, $article282, $shelteredWorkshop, $sectorsRaw, $region, $city, $website,
            $ownerOrganisationID, $psoCertificate, $psoValidUntil, $offers, $createdAt, $updatedAt
        ]
    }
}

extension SocialEnterpriseStatusChangeModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $enterprise, $psoStepRaw, $article282, $shelteredWorkshop, $psoCertificate, $psoValidUntil,
            $byEnterpriseItself, $reason, $proposedBy, $proposedByOrganisation, $status, $decidedBy, $decidedAt,
            $comment, $createdAt
        ]
    }
}
