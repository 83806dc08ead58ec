import Fluent
import Foundation
import Vapor

/// What `sroi serve` does besides answering requests: delivering the outbox every few seconds and the daily
/// reminders (checked every hour; they are idempotent). Stopped before the databases close.
final class BackgroundJobs: @unchecked Sendable {
    private var tasks: [Task<Void, Never>] = []

    func start(_ app: Application, mailInterval: TimeInterval = 5, reminderInterval: TimeInterval = 3600,
               claimTimeout: TimeInterval = OutboxSender.claimTimeout) {
        let settings = app.platform.mail
        let db = app.db
        let logger = app.logger
        let today = app.platform.today
        let sender = "serve-" + UUID().uuidString.prefix(8)
        tasks.append(Task {
            while !Task.isCancelled {
                do {
                    let r = try await OutboxSender.deliverDue(settings: settings, sender: String(sender), claimTimeout: claimTimeout, on: db)
                    if r.sent + r.retried + r.failed > 0 {
                        logger.info("e-mail: \(r.sent) verstuurd, \(r.retried) later opnieuw, \(r.failed) mislukt")
                    }
                } catch {
                    logger.warning("e-mail: de outbox kon niet worden gelezen: \(error)")
                }
                try? await Task.sleep(nanoseconds: UInt64(mailInterval * 1_000_000_000))
            }
        })
        tasks.append(Task {
            while !Task.isCancelled {
                do {
                    let r = try await Reminders.run(today: today(), on: db)
                    if r.reportReminders + r.actionReminders + r.digests > 0 {
                        logger.info("herinneringen: \(r.reportReminders) rapportages, \(r.actionReminders) acties, \(r.digests) overzichten")
                    }
                } catch {
                    logger.warning("herinneringen: \(error)")
                }
                try? await Task.sleep(nanoseconds: UInt64(reminderInterval * 1_000_000_000))
            }
        })
    }

    /// Cancels the jobs and waits until they have let go of the database.
    func stop() async {
        for t in tasks { t.cancel() }
        for t in tasks { await t.value }
        tasks = []
    }
}
