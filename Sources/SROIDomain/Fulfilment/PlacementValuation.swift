/// What the valuation of a placement needs to know. Never a name or BSN: the candidate is a pseudonym elsewhere.
public struct PlacementFacts: Sendable, Hashable {
    public var block: BuildingBlock
    public var targetGroup: TargetGroup
    /// BBL level for apprenticeships (2 or 3 and up).
    public var apprenticeshipLevel: Int?
    public var hoursPerWeek: Hours
    public var start: Day
    /// nil while the placement continues.
    public var end: Day?
    public var bonuses: Set<PlacementBonus>
    /// The paid hours recorded for the placement (periods never overlap); empty when none are.
    public var paidHours: [PaidHours]

    public init(block: BuildingBlock, targetGroup: TargetGroup, apprenticeshipLevel: Int? = nil, hoursPerWeek: Hours,
                start: Day, end: Day?, bonuses: Set<PlacementBonus> = [], paidHours: [PaidHours] = []) {
        self.block = block
        self.targetGroup = targetGroup
        self.apprenticeshipLevel = apprenticeshipLevel
        self.hoursPerWeek = hoursPerWeek
        self.start = start
        self.end = end
        self.bonuses = bonuses
        self.paidHours = paidHours
    }
}

/// A computed value with its reasoning in Dutch.
public struct Valuation: Sendable, Hashable {
    public var value: Money
    public var explanation: [String]

    public init(value: Money, explanation: [String]) {
        self.value = value
        self.explanation = explanation
    }
}

/// Values a placement by the bouwblokkenmethode (docs/rules.md): a value per full-time year, pro rata the
/// hours a week (hours / 36) and the days counted (days / 365); per month for work-experience places and day
/// activities; bonuses once. Only the days inside `window` (a report period) count, so periods add up.
///
/// Where paid hours are recorded (hour-based blocks), those days are valued by the hours actually paid, never more
/// than the contracted hours a week over the same days: paid hours × value per year / (36 × 365/7). The days
/// without recorded paid hours count on the contracted hours or not at all, as the policy's `unpaid` says.
public enum PlacementValuation {
    public static func value(_ p: PlacementFacts, scheme: ValuationScheme, contract: Term, window: Term,
                             unpaid: UnpaidPeriods = .contractedHours) -> Valuation {
        let blockName = scheme.label(of: p.block)
        let ownPerMonth: Money? = if case .own(let key) = p.block, let own = scheme.ownBlock(key), own.unit == .perMonth { own.value } else { nil }
        if p.start < contract.start.adding(months: -12) {
            return Valuation(value: .zero, explanation: [
                "Telt niet mee: de plaatsing begon op \(p.start.dutch), meer dan 12 maanden voor de start van het contract."])
        }
        let countFrom = max(p.start, contract.start)
        let months = p.block == .workExperience || p.block == .dayActivities
            ? 0 : scheme.months(block: p.block, targetGroup: p.targetGroup, apprenticeshipLevel: p.apprenticeshipLevel)
        let capEnd = months == 0 ? contract.end : countFrom.adding(months: months).adding(days: -1)
        let lastDay = [p.end ?? contract.end, contract.end, capEnd].min()!
        guard let counted = Term(start: max(countFrom, window.start), end: min(lastDay, window.end)) else {
            return Valuation(value: .zero, explanation: ["Geen dagen van deze plaatsing vallen in \(window.start.dutch) – \(window.end.dutch)."])
        }
        let days = Int64(counted.days)
        var lines: [String] = []
        var total = Money.zero
        switch p.block {
        case _ where ownPerMonth != nil, .workExperience, .dayActivities:
            let perMonth = ownPerMonth ?? (p.block == .workExperience ? scheme.workExperiencePerMonth : scheme.dayActivitiesPerMonth)
            if p.block == .workExperience && p.hoursPerWeek < Hours(whole: Int64(scheme.workExperienceMinimumHours)) {
                return Valuation(value: .zero, explanation: [
                    "Een werkervaringsplek telt vanaf \(scheme.workExperienceMinimumHours) uur per week; deze heeft \(p.hoursPerWeek) uur."])
            }
            // per month × days × 12 / 365
            let value = Money(cents: divideRoundingHalfUp(perMonth.cents * days * 12, by: 365))
            total = value
            lines.append("\(capitalised(blockName)): \(perMonth) per maand × \(days) dagen / (365/12) = \(value)")
        default:
            guard let yearly = scheme.yearlyValue(block: p.block, targetGroup: p.targetGroup, apprenticeshipLevel: p.apprenticeshipLevel) else {
                let what = p.block == .employment ? scheme.label(of: p.targetGroup) : blockName
                return Valuation(value: .zero, explanation: ["De waardetabel \(scheme.name) heeft geen waarde voor \(what)."])
            }
            let fullTime = Int64(scheme.fullTimeHours) * 100
            let hours = min(p.hoursPerWeek.hundredths, fullTime)
            let what = capitalised(p.block == .employment ? scheme.label(of: p.targetGroup) : blockName)
            let paid = p.paidHours.filter { $0.period.start <= counted.end && counted.start <= $0.period.end }
            if paid.isEmpty && unpaid == .contractedHours {
                // yearly × hours/36 × days/365, rounded half up to cents at the end.
                let value = Money(cents: divideRoundingHalfUp(yearly.cents * hours * days, by: fullTime * 365))
                total = value
                lines.append("\(what): \(yearly) per jaar × \(Hours(hundredths: hours))/\(scheme.fullTimeHours) uur × \(days)/365 dagen = \(value)")
            } else {
                let byPaid = paidValue(paid, placement: p, contractedHundredths: hours, yearly: yearly, fullTime: fullTime, counted: counted)
                total = byPaid.value
                var paidDays = byPaid.days
                if !paid.isEmpty {
                    lines.append("\(what): \(byPaid.hours) verloonde uren over \(paidDays) dagen × \(yearly) per jaar / (\(scheme.fullTimeHours) uur × 365/7 dagen) = \(byPaid.value)")
                    if byPaid.capped {
                        lines.append("Verloonde uren boven de contracturen (\(p.hoursPerWeek) uur per week) tellen niet mee.")
                    }
                }
                paidDays = min(paidDays, counted.days)
                let unpaidDays = Int64(counted.days - paidDays)
                if unpaidDays > 0 {
                    let dayWord = unpaidDays == 1 ? "dag" : "dagen"
                    switch unpaid {
                    case .contractedHours:
                        let value = Money(cents: divideRoundingHalfUp(yearly.cents * hours * unpaidDays, by: fullTime * 365))
                        total = total + value
                        lines.append("\(unpaidDays) \(dayWord) zonder verloonde uren, op de contracturen: \(yearly) per jaar × \(Hours(hundredths: hours))/\(scheme.fullTimeHours) uur × \(unpaidDays)/365 dagen = \(value)")
                    case .notCounted:
                        lines.append("\(unpaidDays) \(dayWord) zonder verloonde uren \(unpaidDays == 1 ? "telt" : "tellen") niet mee (beleid).")
                    }
                }
            }
        }
        if counted.contains(countFrom) {
            for bonus in PlacementBonus.allCases where p.bonuses.contains(bonus) {
                guard let amount = scheme.bonuses[bonus] else { continue }
                total = total + amount
                lines.append("Bonus \(bonus.dutchLabel): \(amount)")
            }
        }
        if lines.count > 1 { lines.append("Totaal: \(total)") }
        if months > 0, capEnd < (p.end ?? contract.end), capEnd <= window.end {
            lines.append("Telt hoogstens \(months) maanden, tot en met \(capEnd.dutch).")
        }
        return Valuation(value: total, explanation: lines)
    }

    /// The paid hours that fall in `counted`, each period capped at the contracted hours a week over the days the
    /// placement ran in it, and taken pro rata when the period reaches outside `counted`.
    static func paidValue(_ paid: [PaidHours], placement p: PlacementFacts, contractedHundredths: Int64, yearly: Money,
                          fullTime: Int64, counted: Term) -> (value: Money, hours: Hours, days: Int, capped: Bool) {
        var countedHours: Int64 = 0
        var days = 0
        var capped = false
        for record in paid {
            guard let running = PaidHoursRule.placementDays(of: record.period, start: p.start, end: p.end),
                  let inside = Term(start: max(record.period.start, counted.start), end: min(record.period.end, counted.end)) else { continue }
            let runningDays = Int64(running.days)
            let cap = divideRoundingHalfUp(contractedHundredths * runningDays, by: 7)
            if record.hours.hundredths > cap { capped = true }
            let hours = max(0, min(record.hours.hundredths, cap))
            countedHours += divideRoundingHalfUp(hours * Int64(inside.days), by: runningDays)
            days += inside.days
        }
        let value = Money(cents: divideRoundingHalfUp(yearly.cents * countedHours * 7, by: fullTime * 365))
        return (value, Hours(hundredths: countedHours), days, capped)
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
