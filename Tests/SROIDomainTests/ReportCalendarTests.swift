import SROIDomain
import Testing

/// The reporting calendar and its reminders, with dates worked out by hand.
@Suite("Report calendar and reminders")
struct ReportCalendarTests {
    let term = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-12-31")!)!

    @Test("Quarterly, due 30 days after the quarter: on 15 May Q1 is overdue (due 30 April), Q2 is running")
    func quarterly() {
        // Arrange / act
        let open = ReportCalendar.open(term: term, frequency: .quarter, dueDays: 30, reported: [], today: Day(iso: "2026-05-15")!)
        // Check
        #expect(open.count == 2)
        #expect(open[0].period.end.iso == "2026-03-31")
        #expect(open[0].dueDate.iso == "2026-04-30")
        #expect(open[0].state == .overdue)
        #expect(open[1].state == .running)
        #expect(open[1].dueDate.iso == "2026-07-30")
    }

    @Test("On the due date itself a report is due, not late; a report covering the period removes it")
    func dueDayAndReported() {
        let onDue = ReportCalendar.open(term: term, frequency: .quarter, dueDays: 30, reported: [], today: Day(iso: "2026-04-30")!)
        #expect(onDue[0].state == .due)
        let q1 = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-03-31")!)!
        let after = ReportCalendar.open(term: term, frequency: .quarter, dueDays: 30, reported: [q1], today: Day(iso: "2026-05-15")!)
        #expect(after.map(\.period.start.iso) == ["2026-04-01"])
        // A policy with 14 days: Q1 is late from 15 April.
        #expect(ReportCalendar.isOverdue(q1, dueDays: 14, today: Day(iso: "2026-04-15")!))
        #expect(!ReportCalendar.isOverdue(q1, dueDays: 14, today: Day(iso: "2026-04-14")!))
    }

    @Test("Reminders for a report due 30 April: from 16 April 'due soon', 1, 8 and 15 May late, then silence")
    func reminders() {
        let due = Day(iso: "2026-04-30")!
        func on(_ iso: String) -> ReminderSchedule.Reminder? { ReminderSchedule.reminder(dueDate: due, today: Day(iso: iso)!) }
        #expect(on("2026-04-15") == nil)
        #expect(on("2026-04-16") == .dueSoon)
        #expect(on("2026-04-30") == .dueSoon)
        #expect(on("2026-05-01") == .overdue(1))
        #expect(on("2026-05-07") == .overdue(1))
        #expect(on("2026-05-08") == .overdue(2))
        #expect(on("2026-05-15") == .overdue(3))
        #expect(on("2026-05-21") == .overdue(3))
        #expect(on("2026-05-22") == nil)
        #expect(ReminderSchedule.Reminder.overdue(2).key == "overdue-2")
    }
}

@Suite("What a resubmission changed")
struct SubmissionChangesTests {
    @Test("Lines are matched by what they are about: new, changed (old and new value), removed, and both totals")
    func changes() {
        // Arrange: € 2.971,08 and € 500 before; € 2.228,31, € 1.000 and a new € 300 after.
        let before = [SubmittedLine(sourceType: "placement", sourceID: "A", block: "employment", valueCents: 297_108, explanation: "K-1"),
                      SubmittedLine(sourceType: "activity", sourceID: "B", block: "training", valueCents: 50_000, explanation: "cursus"),
                      SubmittedLine(sourceType: "activity", sourceID: "C", block: "training", valueCents: 100_000, explanation: "kept")]
        let after = [SubmittedLine(sourceType: "placement", sourceID: "A", block: "employment", valueCents: 222_831, explanation: "K-1"),
                     SubmittedLine(sourceType: "activity", sourceID: "C", block: "training", valueCents: 100_000, explanation: "kept"),
                     SubmittedLine(sourceType: "activity", sourceID: "D", block: "social_purchase", valueCents: 30_000, explanation: "inkoop")]
        // Act
        let c = SubmissionChanges(previous: before, current: after)
        // Check
        #expect(c.added.map(\.sourceID) == ["D"])
        #expect(c.removed.map(\.sourceID) == ["B"])
        #expect(c.changed.map { [$0.before.valueCents, $0.after.valueCents] } == [[297_108, 222_831]])
        #expect(c.previousTotalCents == 447_108)
        #expect(c.totalCents == 352_831)
        #expect(SubmissionChanges(previous: before, current: before).isEmpty)
    }
}

@Suite("Report status")
struct ReportStatusTests {
    @Test("A report settles only when no line is pending: all approved, none approved, or some")
    func settles() {
        #expect(ReportStatus.settled([.approved, .pending]) == nil)
        #expect(ReportStatus.settled([.approved, .approved]) == .approved)
        #expect(ReportStatus.settled([.rejected, .rejected]) == .rejected)
        #expect(ReportStatus.settled([.approved, .rejected]) == .partiallyApproved)
        #expect(LineDecision.pending.dutchLabel == "wacht op beoordeling")
    }
}
