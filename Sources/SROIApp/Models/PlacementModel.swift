import Fluent
import Foundation
import SROIDomain

/// A candidate in a building block on a contract (plaatsing). The candidate is only a keyed pseudonym.
final class PlacementModel: Model, @unchecked Sendable {
    static let schema = "placements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    /// HMAC-SHA256 pseudonym of the BSN or the supplier's reference; never the BSN or a name.
    @Field(key: "candidate") var candidate: String
    @Field(key: "block") var blockRaw: String
    @Field(key: "target_group") var targetGroupRaw: String
    @OptionalField(key: "apprenticeship_level") var apprenticeshipLevel: Int?
    @Field(key: "hours_per_week") var hoursPerWeekHundredths: Int64
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "end_date") var endDate: String?
    /// temporary, permanent or secondment
    @Field(key: "employment_kind") var employmentKind: String
    /// The job service that established the target group, and when; nil: as the supplier stated it.
    @OptionalField(key: "verified_by") var verifiedBy: UUID?
    @OptionalField(key: "verified_on") var verifiedOn: String?
    /// The vacancy this placement filled, if any.
    @OptionalField(key: "vacancy_id") var vacancyID: UUID?
    /// Registered in the doelgroepregister: counts for the banenafspraak.
    @Field(key: "doelgroepregister") var doelgroepregister: Bool
    /// Comma-separated `PlacementBonus` raw values.
    @Field(key: "bonuses") var bonusesRaw: String
    @OptionalField(key: "evidence") var evidence: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The labour-market region the person comes from; compared with the contract's region.
    @OptionalField(key: "region") var region: String?
    /// How it turned out (`PlacementOutcome`), and when.
    @OptionalField(key: "outcome") var outcomeRaw: String?
    @OptionalField(key: "outcome_date") var outcomeDate: String?
    /// Part of a stacked job (stapelbaan) with placements of the same person with other suppliers.
    @OptionalField(key: "stacked_job_id") var stackedJobID: UUID?
    /// The supplier's own reference, sealed with a key outside the database (`ReferenceCipher`); nil for a BSN.
    @OptionalField(key: "sealed_reference") var sealedReference: String?

    init() {}

    var outcome: PlacementOutcome? { outcomeRaw.flatMap(PlacementOutcome.init(rawValue:)) }

    /// The supplier's own reference, for that supplier only; nil for anyone else, or when none was kept.
    func reference(for user: CurrentUser, contract: ContractModel, cipher: ReferenceCipher) -> String? {
        guard let sealedReference, let supplier = contract.$supplier.id, user.organisationID == supplier else { return nil }
        return cipher.open(sealedReference, supplier: supplier.uuidString)
    }

    var span: PlacementSpan? {
        guard let id, let start = Day(iso: startDate) else { return nil }
        return PlacementSpan(id: id.upperText, candidate: candidate, start: start, end: endDate.flatMap(Day.init(iso:)), outcome: outcome,
                             step: LadderStep(block: block, hoursPerWeek: Hours(hundredths: hoursPerWeekHundredths), permanent: employmentKind == "permanent"))
    }

    var block: BuildingBlock { BuildingBlock(stored: blockRaw) }
    var targetGroup: TargetGroup { TargetGroup(rawValue: targetGroupRaw) ?? .jobSeeker }
    var bonuses: Set<PlacementBonus> { Set(bonusesRaw.split(separator: ",").compactMap { PlacementBonus(rawValue: String($0)) }) }

    var facts: PlacementFacts? {
        guard let start = Day(iso: startDate) else { return nil }
        return PlacementFacts(block: block, targetGroup: targetGroup, apprenticeshipLevel: apprenticeshipLevel,
                              hoursPerWeek: Hours(hundredths: hoursPerWeekHundredths), start: start,
                              end: endDate.flatMap(Day.init(iso:)), bonuses: bonuses)
    }
}

/// Hours actually paid (verloonde uren) to a placement in a period. One row per placement and period:
/// importing the same period again replaces the hours instead of adding them.
final class PaidHoursModel: Model, @unchecked Sendable {
    static let schema = "paid_hours"

    @ID(key: .id) var id: UUID?
    @Parent(key: "placement_id") var placement: PlacementModel
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "hours") var hoursHundredths: Int64

    init() {}
}

/// An activity that places nobody: training, job coaching, social purchasing, social contribution.
final class ActivityModel: Model, @unchecked Sendable {
    static let schema = "activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "block") var blockRaw: String
    @Field(key: "description") var summary: String
    @Field(key: "activity_date") var activityDate: String
    @OptionalField(key: "amount_cents") var amountCents: Int64?
    @OptionalField(key: "hours") var hoursHundredths: Int64?
    @OptionalField(key: "enterprise_name") var enterpriseName: String?
    @OptionalField(key: "enterprise_kvk") var enterpriseKvK: String?
    @OptionalField(key: "enterprise_status") var enterpriseStatusRaw: String?
    @OptionalField(key: "evidence") var evidence: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var block: BuildingBlock { BuildingBlock(stored: blockRaw) }

    var facts: ActivityFacts {
        ActivityFacts(block: block, amount: amountCents.map(Money.init(cents:)), hours: hoursHundredths.map(Hours.init(hundredths:)),
                      enterpriseStatus: enterpriseStatusRaw.flatMap(SocialEnterpriseStatus.init(rawValue:)))
    }
}

/// The share of a placement's or activity's value credited to an obligation. Shares of one source add up to
/// at most 100%, so value is never counted twice; today every source starts with 100% on its own contract.
final class AllocationModel: Model, @unchecked Sendable {
    static let schema = "allocations"

    @ID(key: .id) var id: UUID?
    /// "placement" or "activity"
    @Field(key: "source_type") var sourceType: String
    @Field(key: "source_id") var sourceID: UUID
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "share_bp") var shareBasisPoints: Int
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @OptionalField(key: "reason") var reason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// proposed, accepted or declined. The own obligation's allocation is accepted from the start.
    @Field(key: "status") var status: String
    /// A fixed amount instead of a share (activities only).
    @OptionalField(key: "amount_cents") var amountCents: Int64?
    @OptionalField(key: "proposed_by") var proposedBy: UUID?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    /// For a placement: the first day the transfer counts, after every period the own obligation already reported.
    @OptionalField(key: "effective_from") var effectiveFrom: String?
    @OptionalField(key: "decision_comment") var decisionComment: String?

    init() {}

    var share: AllocationLedger.Share {
        if let amountCents { return .amount(Money(cents: amountCents)) }
        return .percentage(Percentage(basisPoints: shareBasisPoints))
    }

    init(sourceType: String, sourceID: UUID, contractID: UUID, shareBasisPoints: Int, decidedBy: UUID?, reason: String?) {
        self.sourceType = sourceType
        self.sourceID = sourceID
        self.$contract.id = contractID
        self.shareBasisPoints = shareBasisPoints
        self.decidedBy = decidedBy
        self.reason = reason
        self.status = "accepted"
    }
}

extension PlacementModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $candidate, $blockRaw, $targetGroupRaw, $apprenticeshipLevel, $hoursPerWeekHundredths,
            $startDate, $endDate, $employmentKind, $verifiedBy, $verifiedOn, $vacancyID, $doelgroepregister,
            $bonusesRaw, $evidence, $createdBy, $createdAt, $region, $outcomeRaw, $outcomeDate, $stackedJobID,
            $sealedReference
        ]
    }
}

extension PaidHoursModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $placement, $periodStart, $periodEnd, $hoursHundredths
        ]
    }
}

extension ActivityModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $blockRaw, $summary, $activityDate, $amountCents, $hoursHundredths, $enterpriseName,
            $enterpriseKvK, $enterpriseStatusRaw, $evidence, $createdBy, $createdAt
        ]
    }
}

extension AllocationModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $sourceType, $sourceID, $contract, $shareBasisPoints, $decidedBy, $reason, $createdAt, $status,
            $amountCents, $proposedBy, $decidedAt, $effectiveFrom, $decisionComment
        ]
    }
}
