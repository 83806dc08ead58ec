/// How often a supplier reports progress, counted from the contract start.
public enum MonitoringFrequency: String, Sendable, Codable, CaseIterable {
    case month
    case quarter
    case halfYear = "half_year"

    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .halfYear: 6
        }
    }

    public var dutchLabel: String {
        switch self {
        case .month: "per maand"
        case .quarter: "per kwartaal"
        case .halfYear: "per half jaar"
        }
    }

    /// The reporting periods of a term: consecutive periods of `months`, the last one ending at the term's end.
    public func periods(of term: Term) -> [Term] {
        var result: [Term] = []
        var start = term.start
        var index = 1
        while start <= term.end {
            let next = term.start.adding(months: months * index)
            let end = min(next.adding(days: -1), term.end)
            if let period = Term(start: start, end: end) { result.append(period) }
            start = next
            index += 1
        }
        return result
    }
}

/// A report that is due: its period, and whether it is late.
public enum ReportDue {
    /// Days after a period's end before its report is overdue.
    public static let graceDays = 30

    public static func isOverdue(_ period: Term, today: Day) -> Bool {
        today > period.end.adding(days: graceDays)
    }
}
