/// A period from a first to a last day, both inclusive (a contract's looptijd).
public struct Term: Sendable, Hashable, Codable {
    public let start: Day
    public let end: Day

    public init?(start: Day, end: Day) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// Days counted inclusive: 2026-01-01 to 2028-12-31 is 1.096 days.
    public var days: Int { end.ordinal - start.ordinal + 1 }

    /// Whole calendar months covered: 2026-01-01 to 2026-06-30 is 6 months; to 2026-06-29 is 5.
    public var wholeMonths: Int {
        // n full months are covered when start + n months is on or before the day after the end.
        let next = end.adding(days: 1)
        var months = (next.year - start.year) * 12 + (next.month - start.month)
        if start.adding(months: months) > next { months -= 1 }
        return max(0, months)
    }

    /// Days of the term that have passed by `day` (inclusive), between 0 and `days`.
    public func elapsedDays(on day: Day) -> Int {
        if day < start { return 0 }
        if day >= end { return days }
        return day.ordinal - start.ordinal + 1
    }

    /// Days still to go after `day`.
    public func remainingDays(after day: Day) -> Int { days - elapsedDays(on: day) }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
}
