extension ValuationScheme {
    /// The presets a buyer starts from, by a key the API and the form use.
    public static let presetsByKey: [(key: String, scheme: ValuationScheme)] = [("haaglanden2023", .haaglanden2023), ("utrecht", .utrecht)]

    public static func preset(_ key: String) -> ValuationScheme? { presetsByKey.first { $0.key == key }?.scheme }

    /// The target groups that have a value per year for employment (students count as interns).
    public static let employmentGroups: [TargetGroup] = TargetGroup.standard.filter { $0 != .studentMboHbo && $0 != .studentVsoPro }

    /// Every line that cannot be right, by its path (`valuation.employmentPerYear.ww`): no negative amounts, counting
    /// limits of 0 (the whole contract) to 120 months, a work-experience minimum of 0 to 60 hours a week, shares and
    /// the contribution cap from 0 to 100%, full time 1 to 60 hours.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        func money(_ m: Money, _ field: String) {
            if m.cents < 0 { errors.append(.init(field: "valuation." + field, message: "mag niet negatief zijn")) }
            if m.cents > 100_000_000 { errors.append(.init(field: "valuation." + field, message: "hoogstens € 1.000.000")) }
        }
        if name.trimming(" ").isEmpty { errors.append(.init(field: "valuation.name", message: "geef de waarderingstabel een naam")) }
        for group in employmentGroupsWithOwn {
            guard let value = employmentPerYear[group] else {
                errors.append(.init(field: "valuation.employmentPerYear.\(group.rawValue)", message: "geef een waarde per jaar voor \(label(of: group))"))
                continue
            }
            money(value, "employmentPerYear.\(group.rawValue)")
        }
        for (field, value) in [("internshipMboHboPerYear", internshipMboHboPerYear), ("internshipVsoProPerYear", internshipVsoProPerYear),
                               ("apprenticeshipLevel2PerYear", apprenticeshipLevel2PerYear), ("apprenticeshipLevel3PerYear", apprenticeshipLevel3PerYear),
                               ("workExperiencePerMonth", workExperiencePerMonth), ("dayActivitiesPerMonth", dayActivitiesPerMonth),
                               ("jobCoachingPerHour", jobCoachingPerHour), ("socialContributionPerHour", socialContributionPerHour)] {
            money(value, field)
        }
        for (bonus, value) in bonuses { money(value, "bonuses.\(bonus.rawValue)") }
        for (group, months) in countedMonths.sorted(by: { $0.key < $1.key }) where !(0...120).contains(months) {
            errors.append(.init(field: "valuation.countedMonths.\(group.rawValue)", message: "verwacht 0 (de hele looptijd) tot 120 maanden"))
        }
        for (field, months) in [("apprenticeshipLevel2Months", apprenticeshipLevel2Months), ("apprenticeshipLevel3Months", apprenticeshipLevel3Months)]
        where !(0...120).contains(months) {
            errors.append(.init(field: "valuation." + field, message: "verwacht 0 (de hele looptijd) tot 120 maanden"))
        }
        if !(0...60).contains(workExperienceMinimumHours) {
            errors.append(.init(field: "valuation.workExperienceMinimumHours", message: "verwacht 0 tot 60 uur per week"))
        }
        if !(1...60).contains(fullTimeHours) { errors.append(.init(field: "valuation.fullTimeHours", message: "verwacht 1 tot 60 uur per week")) }
        if !(0...10_000).contains(socialContributionCap.basisPoints) {
            errors.append(.init(field: "valuation.socialContributionCap", message: "verwacht een percentage van 0 tot 100"))
        }
        for (status, share) in socialPurchaseShare where !(0...10_000).contains(share.basisPoints) {
            errors.append(.init(field: "valuation.socialPurchaseShare.\(status.rawValue)", message: "verwacht een percentage van 0 tot 100"))
        }
        errors += validateOwn()
        return errors
    }
}
