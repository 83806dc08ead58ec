import Fluent
import Foundation
import SROIDomain

/// The daily job: reminders of reports due in 14 days or late (`ReminderSchedule`), actions of the action plan past
/// their deadline, and the daily digest of whoever chose one. Every reminder has a key, so running the job twice on a
/// day (or on several instances) writes nothing twice.
enum Reminders {
    struct Result: Sendable, Equatable {
        var reportReminders = 0
        var actionReminders = 0
        var digests = 0
    }

    @discardableResult
    static func run(today: Day, on db: any Database) async throws -> Result {
        var result = Result()
        result.reportReminders = try await reportReminders(today: today, on: db)
        result.actionReminders = try await actionReminders(today: today, on: db)
        result.digests = try await digests(today: today, on: db)
        return result
    }

    static func reportReminders(today: Day, on db: any Database) async throws -> Int {
        var written = 0
        let contracts = try await ContractModel.query(on: db).filter(\.$statusRaw ~~ [ContractStatus.awarded.rawValue, ContractStatus.running.rawValue])
            .filter(\.$frameworkID == nil).all()
        let awarded = contracts.filter { $0.$supplier.id != nil }
        let calendars = try await ReportCalendarService.open(for: awarded, today: today, on: db)
        for contract in awarded {
            let open = (calendars[try contract.requireID()] ?? []).compactMap { entry in
                ReminderSchedule.reminder(dueDate: entry.dueDate, today: today).map { (entry, $0) }
            }
            // Only a contract with a reminder due today asks for its supplier's reporters.
            guard !open.isEmpty else { continue }
            let reporters = try await Notifications.supplierReporters(of: contract, on: db)
            for (entry, reminder) in open {
                let period = "\(entry.period.start.dutch) – \(entry.period.end.dutch)"
                let event: Notifications.Event
                switch reminder {
                case .dueSoon:
                    event = .init(kind: .reportDueSoon, title: "Rapportage uiterlijk \(entry.dueDate.dutch): \(contract.title)",
                                  body: "De rapportage over \(period) voor \(contract.title) moet uiterlijk \(entry.dueDate.dutch) zijn ingediend.",
                                  link: PagePath.contract(try contract.requireID()) + "#rapportages")
                case .overdue(let n):
                    event = .init(kind: .reportOverdue, title: "Rapportage te laat: \(contract.title)",
                                  body: "De rapportage over \(period) voor \(contract.title) had uiterlijk \(entry.dueDate.dutch) ingediend moeten zijn."
                                      + (n < ReminderSchedule.lateReminders ? " Dien haar zo snel mogelijk in." : " Dit is de laatste herinnering; de opdrachtgever ziet dat zij te laat is."),
                                  link: PagePath.contract(try contract.requireID()) + "#rapportages")
                }
                var keyed = event
                keyed.dedupeKey = "report:\(try contract.requireID()):\(entry.period.start.iso):\(reminder.key)"
                let final = keyed
                written += try await db.writeTransaction { db in try await Notifications.send(final, to: reporters, on: db).count }
            }
        }
        return written
    }

    static func actionReminders(today: Day, on db: any Database) async throws -> Int {
        var written = 0
        for action in try await ActionItemModel.query(on: db).filter(\.$doneAt == nil).filter(\.$deadline < today.iso).all() {
            guard let owner = action.ownerUserID, let user = try await UserModel.find(owner, on: db) else { continue }
            let event = Notifications.Event(kind: .actionOverdue, title: "Actie over de termijn: \(action.project)",
                                            body: "De actie ‘\(action.summary)’ uit het actieplan had \(Day(iso: action.deadline)?.dutch ?? action.deadline) klaar moeten zijn.",
                                            link: "/action-plan", dedupeKey: "action:\(try action.requireID()):overdue")
            written += try await db.writeTransaction { db in try await Notifications.send(event, to: [user], on: db).count }
        }
        return written
    }

    /// One message per person with notifications waiting for the digest; then they wait no more.
    static func digests(today: Day, on db: any Database) async throws -> Int {
        let pending = try await NotificationModel.query(on: db).filter(\.$digestPending == true).sort(\.$createdAt).all()
        var sent = 0
        for (userID, items) in Dictionary(grouping: pending, by: { $0.$user.id }) {
            guard let user = try await UserModel.find(userID, on: db), user.active else { continue }
            let content = MailTemplates.digest(items: items.map { ($0.title, MailSettings.relativeLink($0.link)) }, day: today,
                                               preferencesLink: MailSettings.relativeLink("/meldingen"))
            try await db.writeTransaction { db in
                try await Outbox.queue(OutgoingMail(to: user.email, toName: user.name, subject: content.subject, text: content.text,
                                                    html: content.html, kind: "digest", dedupeKey: "digest:\(userID):\(today.iso)"), on: db)
                try await NotificationModel.query(on: db).filter(\.$id ~~ items.compactMap(\.id)).set(\.$digestPending, to: false).update()
            }
            sent += 1
        }
        return sent
    }
}
