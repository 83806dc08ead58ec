import Foundation
import SROIDomain
import Vapor

/// A policy's valuation table as the API shows and changes it: money in cents, shares in percent, target groups,
/// bonuses and enterprise statuses by their codes. In a change every field is optional; `preset` starts from a
/// named table (haaglanden2023, utrecht) before the other fields are applied.
struct ValuationSettingsDTO: Content {
    var preset: String?
    var name: String?
    var employmentPerYearCents: [String: Int64]?
    var countedMonths: [String: Int]?
    var internshipMboHboPerYearCents: Int64?
    var internshipVsoProPerYearCents: Int64?
    var apprenticeshipLevel2PerYearCents: Int64?
    var apprenticeshipLevel3PerYearCents: Int64?
    var apprenticeshipLevel2Months: Int?
    var apprenticeshipLevel3Months: Int?
    var bonusesCents: [String: Int64]?
    var workExperiencePerMonthCents: Int64?
    var workExperienceMinimumHours: Int?
    var dayActivitiesPerMonthCents: Int64?
    var jobCoachingPerHourCents: Int64?
    var socialContributionPerHourCents: Int64?
    var socialContributionCap: Double?
    var socialPurchaseShare: [String: Double]?
    var fullTimeHours: Int?
    /// The policy's own target groups; their values are in `employmentPerYearCents` and `countedMonths` by key.
    /// In a change, the list given replaces the old one.
    var ownTargetGroups: [OwnTargetGroupDTO]?
    /// The policy's own building blocks; in a change, the list given replaces the old one.
    var ownBuildingBlocks: [OwnBuildingBlockDTO]?

    struct OwnTargetGroupDTO: Content {
        /// Made from the name when left out (`Statushouder` → `statushouder`); kept once a placement uses it.
        var key: String?
        var name: String
    }

    struct OwnBuildingBlockDTO: Content {
        /// Made from the name when left out.
        var key: String?
        var name: String
        /// per_year, per_month, per_hour or invoice.
        var unit: String
        var valueCents: Int64?
        var countedMonths: Int?
    }

    init(_ v: ValuationScheme) {
        preset = ValuationScheme.presetsByKey.first { $0.scheme == v }?.key
        name = v.name
        employmentPerYearCents = Dictionary(uniqueKeysWithValues: v.employmentPerYear.map { ($0.key.rawValue, $0.value.cents) })
        countedMonths = Dictionary(uniqueKeysWithValues: v.employmentGroupsWithOwn.map { ($0.rawValue, v.countedMonths[$0] ?? 12) })
        ownTargetGroups = v.ownTargetGroups.map { OwnTargetGroupDTO(key: $0.key.rawValue, name: $0.name) }
        ownBuildingBlocks = v.ownBuildingBlocks.map {
            OwnBuildingBlockDTO(key: $0.key, name: $0.name, unit: $0.unit.rawValue, valueCents: $0.value.cents, countedMonths: $0.countedMonths)
        }
        internshipMboHboPerYearCents = v.internshipMboHboPerYear.cents
        internshipVsoProPerYearCents = v.internshipVsoProPerYear.cents
        apprenticeshipLevel2PerYearCents = v.apprenticeshipLevel2PerYear.cents
        apprenticeshipLevel3PerYearCents = v.apprenticeshipLevel3PerYear.cents
        apprenticeshipLevel2Months = v.apprenticeshipLevel2Months
        apprenticeshipLevel3Months = v.apprenticeshipLevel3Months
        bonusesCents = Dictionary(uniqueKeysWithValues: v.bonuses.map { ($0.key.rawValue, $0.value.cents) })
        workExperiencePerMonthCents = v.workExperiencePerMonth.cents
        workExperienceMinimumHours = v.workExperienceMinimumHours
        dayActivitiesPerMonthCents = v.dayActivitiesPerMonth.cents
        jobCoachingPerHourCents = v.jobCoachingPerHour.cents
        socialContributionPerHourCents = v.socialContributionPerHour.cents
        socialContributionCap = PercentNumber.number(v.socialContributionCap)
        socialPurchaseShare = Dictionary(uniqueKeysWithValues: v.socialPurchaseShare.map { ($0.key.rawValue, PercentNumber.number($0.value)) })
        fullTimeHours = v.fullTimeHours
    }

    /// The table these settings give, from `base` (or the preset) for every field left out; unknown codes are named.
    func applied(to base: ValuationScheme) throws -> ValuationScheme {
        var errors: [FieldError] = []
        var v = base
        if let preset {
            if let p = ValuationScheme.preset(preset) { v = v.adopting(p) } else {
                errors.append(.init(field: "valuation.preset", message: "kies " + ValuationScheme.presetsByKey.map(\.key).joined(separator: " of ")))
            }
        }
        if let name { v.name = name }
        func keyed<K: RawRepresentable & CaseIterable, T>(_ values: [String: T]?, _ field: String, _ set: (K, T) -> Void) where K.RawValue == String {
            for (key, value) in values ?? [:] {
                if let k = K(rawValue: key) { set(k, value) } else {
                    errors.append(.init(field: "valuation.\(field).\(key)", message: "onbekend; kies " + K.allCases.map(\.rawValue).joined(separator: ", ")))
                }
            }
        }
        if let own = ownTargetGroups {
            let kept = Set(own.map { $0.key ?? OwnKey.from(name: $0.name) })
            // A group taken out of the list takes its lines with it.
            for old in v.ownTargetGroups where !kept.contains(old.key.rawValue) {
                v.employmentPerYear[old.key] = nil
                v.countedMonths[old.key] = nil
            }
            v.ownTargetGroups = []
            for (i, g) in own.enumerated() {
                guard let key = TargetGroup(rawValue: g.key ?? OwnKey.from(name: g.name)) else {
                    errors.append(.init(field: "valuation.ownTargetGroups.\(i).key", message: "verwacht 2 tot 40 kleine letters, cijfers of _, beginnend met een letter"))
                    continue
                }
                v.ownTargetGroups.append(OwnTargetGroup(key: key, name: g.name.trimmingCharacters(in: .whitespaces)))
            }
        }
        if let own = ownBuildingBlocks {
            v.ownBuildingBlocks = []
            for (i, b) in own.enumerated() {
                guard let unit = OwnBlockUnit(rawValue: b.unit) else {
                    errors.append(.init(field: "valuation.ownBuildingBlocks.\(i).unit", message: "kies " + OwnBlockUnit.allCases.map(\.rawValue).joined(separator: ", ")))
                    continue
                }
                v.ownBuildingBlocks.append(OwnBuildingBlock(key: b.key ?? OwnKey.from(name: b.name), name: b.name.trimmingCharacters(in: .whitespaces), unit: unit,
                                                            value: Money(cents: b.valueCents ?? 0), countedMonths: b.countedMonths ?? 12))
            }
        }
        let groups = Set(v.targetGroups.map(\.rawValue))
        let choices = v.employmentGroupsWithOwn.map(\.rawValue).joined(separator: ", ")
        for (key, cents) in employmentPerYearCents ?? [:] {
            if groups.contains(key), let g = TargetGroup(rawValue: key) { v.employmentPerYear[g] = Money(cents: cents) } else {
                errors.append(.init(field: "valuation.employmentPerYearCents.\(key)", message: "onbekende doelgroep; kies " + choices))
            }
        }
        for (key, months) in countedMonths ?? [:] {
            if groups.contains(key), let g = TargetGroup(rawValue: key) { v.countedMonths[g] = months } else {
                errors.append(.init(field: "valuation.countedMonths.\(key)", message: "onbekende doelgroep; kies " + choices))
            }
        }
        keyed(bonusesCents, "bonusesCents") { (b: PlacementBonus, c: Int64) in v.bonuses[b] = Money(cents: c) }
        keyed(socialPurchaseShare, "socialPurchaseShare") { (s: SocialEnterpriseStatus, p: Double) in
            v.socialPurchaseShare[s] = Percentage(basisPoints: PercentNumber.basisPoints(p))
        }
        if let c = internshipMboHboPerYearCents { v.internshipMboHboPerYear = Money(cents: c) }
        if let c = internshipVsoProPerYearCents { v.internshipVsoProPerYear = Money(cents: c) }
        if let c = apprenticeshipLevel2PerYearCents { v.apprenticeshipLevel2PerYear = Money(cents: c) }
        if let c = apprenticeshipLevel3PerYearCents { v.apprenticeshipLevel3PerYear = Money(cents: c) }
        if let m = apprenticeshipLevel2Months { v.apprenticeshipLevel2Months = m }
        if let m = apprenticeshipLevel3Months { v.apprenticeshipLevel3Months = m }
        if let c = workExperiencePerMonthCents { v.workExperiencePerMonth = Money(cents: c) }
        if let h = workExperienceMinimumHours { v.workExperienceMinimumHours = h }
        if let c = dayActivitiesPerMonthCents { v.dayActivitiesPerMonth = Money(cents: c) }
        if let c = jobCoachingPerHourCents { v.jobCoachingPerHour = Money(cents: c) }
        if let c = socialContributionPerHourCents { v.socialContributionPerHour = Money(cents: c) }
        if let p = socialContributionCap { v.socialContributionCap = Percentage(basisPoints: PercentNumber.basisPoints(p)) }
        if let h = fullTimeHours { v.fullTimeHours = h }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return v
    }
}
