/// Hours actually paid (verloonde uren) to a placement over a period, as the payroll records them.
public struct PaidHours: Sendable, Hashable {
    public var period: Term
    public var hours: Hours

    public init(period: Term, hours: Hours) {
        self.period = period
        self.hours = hours
    }
}

/// Whether the days of a placement for which no paid hours are recorded count in a report (a policy setting).
public enum UnpaidPeriods: String, Sendable, Codable, CaseIterable {
    /// Days without recorded paid hours count on the contracted hours a week (the supplier may record hours later).
    case contractedHours = "contracted_hours"
    /// Only days with recorded paid hours count.
    case notCounted = "not_counted"

    public var dutchLabel: String {
        switch self {
        case .contractedHours: "tellen op de contracturen"
        case .notCounted: "tellen niet mee"
        }
    }
}

/// What a person can plausibly be paid for in a period, and when: the Arbeidstijdenwet allows at most 12 hours
/// in a day and 60 in a week, so a period holds at most 60 hours per whole week plus 12 per remaining day (never
/// more than 60 for those days together). Hours for a period entirely outside the placement are refused; a period
/// that only partly overlaps the placement (a payroll month in which the placement started) is judged on the
/// days that overlap.
public enum PaidHoursRule {
    public static let maximumPerWeek = Hours(whole: 60)
    public static let maximumPerDay = Hours(whole: 12)

    public enum Field: Sendable, Hashable { case period, hours }

    public struct Problem: Sendable, Hashable {
        public var field: Field
        public var message: String
    }

    /// The most hours a person can be paid for in `days` days.
    public static func maximum(days: Int) -> Hours {
        let weeks = Int64(max(0, days) / 7)
        let rest = Int64(max(0, days) % 7)
        return Hours(hundredths: weeks * maximumPerWeek.hundredths + min(rest * maximumPerDay.hundredths, maximumPerWeek.hundredths))
    }

    /// The days of `period` on which the placement ran, or nil when none.
    public static func placementDays(of period: Term, start: Day, end: Day?) -> Term? {
        Term(start: max(period.start, start), end: min(period.end, end ?? period.end))
    }

    public static func problems(_ paid: PaidHours, placementStart: Day, placementEnd: Day?) -> [Problem] {
        guard let days = placementDays(of: paid.period, start: placementStart, end: placementEnd) else {
            let running = placementEnd.map { "van \(placementStart.dutch) tot en met \($0.dutch)" } ?? "vanaf \(placementStart.dutch)"
            return [Problem(field: .period, message: "de periode \(paid.period.start.dutch) – \(paid.period.end.dutch) valt buiten de plaatsing (die loopt \(running))")]
        }
        let most = maximum(days: days.days)
        if paid.hours > most {
            let dayWord = days.days == 1 ? "dag" : "dagen"
            return [Problem(field: .hours, message: "\(paid.hours) uur in \(days.days) \(dayWord) kan niet: iemand werkt hoogstens \(maximumPerWeek) uur per week en \(maximumPerDay) uur per dag, dus hoogstens \(most) uur in deze periode")]
        }
        if paid.hours.hundredths < 0 {
            return [Problem(field: .hours, message: "het aantal uren kan niet negatief zijn")]
        }
        return []
    }

    /// Two periods of the same placement overlap without being the same period (the same period replaces).
    public static func overlaps(_ a: Term, _ b: Term) -> Bool {
        a != b && a.start <= b.end && b.start <= a.end
    }
}
