/// How often a supplier reports progress, counted from the contract start.
public enum MonitoringFrequency: String, Sendable, Codable, CaseIterable {
    case month
    case quarter
    case halfYear = "half_year"
    case year

    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .halfYear: 6
        case .year: 12
        }
    }

    public var dutchLabel: String {
        switch self {
        case .month: "per maand"
        case .quarter: "per kwartaal"
        case .halfYear: "per half jaar"
        case .year: "per jaar"
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

/// The reporting calendar of a contract: its report periods by the policy's frequency, each due a number of days
/// after it ends (the policy's `reportDueDays`, default 30).
public enum ReportCalendar {
    public enum State: String, Sendable, Equatable {
        /// The period has not ended yet.
        case running
        /// Ended, the report is not late yet.
        case due
        /// Past its due date without a report.
        case overdue
    }

    public struct Entry: Sendable, Equatable {
        public var period: Term
        public var dueDate: Day
        public var state: State
    }

    public static func dueDate(of period: Term, dueDays: Int) -> Day { period.end.adding(days: dueDays) }

    public static func isOverdue(_ period: Term, dueDays: Int, today: Day) -> Bool {
        today > dueDate(of: period, dueDays: dueDays)
    }

    /// The periods that have started by `today` and have no report yet (a report covering any day of a period
    /// counts for it), with their due date and state, oldest first.
    public static func open(term: Term, frequency: MonitoringFrequency, dueDays: Int, reported: [Term], today: Day) -> [Entry] {
        frequency.periods(of: term).filter { p in
            p.start <= today && !reported.contains { $0.start <= p.end && p.start <= $0.end }
        }.map { p in
            let due = dueDate(of: p, dueDays: dueDays)
            return Entry(period: p, dueDate: due, state: today <= p.end ? .running : (today > due ? .overdue : .due))
        }
    }
}

/// When the supplier is reminded of a report: 14 days before its due date, then on the day after the due date,
/// then weekly, three reminders of lateness at most. A daily job asks which reminder applies today; each has a key,
/// so running the job twice sends nothing twice.
public enum ReminderSchedule {
    public static let daysBefore = 14
    public static let lateReminders = 3

    public enum Reminder: Sendable, Equatable {
        case dueSoon
        /// The n-th reminder of lateness (1 on the day after the due date, 2 a week later, 3 another week later).
        case overdue(Int)

        public var key: String {
            switch self {
            case .dueSoon: "due-soon"
            case .overdue(let n): "overdue-\(n)"
            }
        }
    }

    public static func reminder(dueDate: Day, today: Day) -> Reminder? {
        if today <= dueDate {
            return dueDate.adding(days: -daysBefore) <= today ? .dueSoon : nil
        }
        let n = (dueDate.daysUntil(today) - 1) / 7 + 1
        return n <= lateReminders ? .overdue(n) : nil
    }
}
