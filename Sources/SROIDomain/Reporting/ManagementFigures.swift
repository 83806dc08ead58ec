/// Management information (stap 5: rapporteren van managementinformatie) over a set of contracts: totals,
/// status counts and the timeline of realised against expected value. Pure: the app gathers the facts.
public enum ManagementFigures {
    /// What one contract contributes.
    public struct ContractFacts: Sendable {
        public var obligation: Money
        public var term: Term
        /// Approved value of report periods ending on or before the reporting day.
        public var realised: Money
        /// Approved value of report periods ending in the selected year.
        public var realisedInYear: Money
        public var pending: Money
        public var green: Percentage
        public var amber: Percentage
        /// The status of an obligation agreed in jobs, placements or effort (`TargetProgress`): it counts as a contract
        /// with an obligation, in that status, and adds no euros.
        public var statusInOtherUnit: ProgressStatus?

        public init(obligation: Money, term: Term, realised: Money, realisedInYear: Money, pending: Money, green: Percentage, amber: Percentage,
                    statusInOtherUnit: ProgressStatus? = nil) {
            self.statusInOtherUnit = statusInOtherUnit
            self.obligation = obligation
            self.term = term
            self.realised = realised
            self.realisedInYear = realisedInYear
            self.pending = pending
            self.green = green
            self.amber = amber
        }
    }

    public struct Totals: Sendable, Hashable {
        public var contracts: Int
        public var withObligation: Int
        public var obligation: Money
        public var realised: Money
        public var realisedInYear: Money
        public var pending: Money
        public var expected: Money
        public var statusCounts: [ProgressStatus: Int]
    }

    /// The day figures are taken on: today, or the last day of a past year.
    public static func reportingDay(year: Int, today: Day) -> Day {
        min(today, Day(year: year, month: 12, day: 31)!)
    }

    public static func totals(_ contracts: [ContractFacts], on day: Day) -> Totals {
        var t = Totals(contracts: contracts.count, withObligation: 0, obligation: .zero, realised: .zero, realisedInYear: .zero,
                       pending: .zero, expected: .zero, statusCounts: [:])
        for c in contracts {
            let p = ProgressCalculator.progress(obligation: c.obligation, term: c.term, today: day, realised: c.realised,
                                                pending: c.pending, green: c.green, amber: c.amber, explained: false)
            if c.obligation.cents > 0 || c.statusInOtherUnit != nil { t.withObligation += 1 }
            // Every contract has a status, "geen verplichting" included, so the statuses add up to the contracts.
            t.statusCounts[c.statusInOtherUnit ?? p.status, default: 0] += 1
            t.obligation = t.obligation + c.obligation
            t.realised = t.realised + c.realised
            t.realisedInYear = t.realisedInYear + c.realisedInYear
            t.pending = t.pending + c.pending
            t.expected = t.expected + p.expected
        }
        return t
    }

    public struct TimelinePoint: Sendable, Hashable {
        public var label: String
        public var end: Day
        /// Cumulative: Σ obligation × elapsed share of each term at the quarter's end.
        public var expected: Money
        /// Cumulative approved value of periods ending by the quarter's end; nil for a quarter still to come.
        public var realised: Money?
    }

    /// Realised against expected at the end of each quarter of the year, cumulative since the contracts began.
    public static func timeline(_ contracts: [(obligation: Money, term: Term)], approved: [(periodEnd: Day, value: Money)],
                                year: Int, today: Day) -> [TimelinePoint] {
        (1...4).map { q in
            let end = Day(year: year, month: q * 3, day: Day.daysIn(month: q * 3, year: year))!
            let expected = contracts.reduce(Int64(0)) { sum, c in
                sum + divideRoundingHalfUp(c.obligation.cents * Int64(c.term.elapsedDays(on: end)), by: Int64(c.term.days))
            }
            let quarterStart = Day(year: year, month: q * 3 - 2, day: 1)!
            let cutoff = min(end, today)
            let realised = quarterStart > today ? nil
                : Money(cents: approved.filter { $0.periodEnd <= cutoff }.reduce(0) { $0 + $1.value.cents })
            return TimelinePoint(label: "K\(q) \(year)", end: end, expected: Money(cents: expected), realised: realised)
        }
    }

    /// Distinct people per key (a person on two contracts counts once).
    public static func distinctPeople<Key: Hashable>(_ rows: [(key: Key, candidate: String)]) -> [Key: Int] {
        Dictionary(grouping: rows, by: \.key).mapValues { Set($0.map(\.candidate)).count }
    }

    /// Banenafspraak jobs in the year so far: paid hours in the year / (25,5 × weeks from 1 January to the reporting day).
    public static func jobsThousandths(paidHoursInYear: Hours, year: Int, today: Day) -> Int64 {
        let start = Day(year: year, month: 1, day: 1)!
        let day = reportingDay(year: year, today: today)
        guard day >= start else { return 0 }
        return BanenafspraakJobs.thousandths(paidHours: paidHoursInYear, days: day.ordinal - start.ordinal + 1)
    }
}
