import Foundation
import Vapor

/// `sroi notify`: the daily reminders and a round of the outbox, for cron where `sroi serve` does not run them.
public enum NotifyRun {
    public struct Result: Sendable {
        public let reportReminders: Int
        public let actionReminders: Int
        public let digests: Int
        public let sent: Int
        public let retried: Int
        public let failed: Int
    }

    public static func run(_ app: Application) async throws -> Result {
        let reminders = try await Reminders.run(today: app.platform.today(), on: app.db)
        let delivery = try await OutboxSender.deliverDue(settings: app.platform.mail, sender: "notify-" + UUID().uuidString.prefix(8), on: app.db)
        return Result(reportReminders: reminders.reportReminders, actionReminders: reminders.actionReminders, digests: reminders.digests,
                      sent: delivery.sent, retried: delivery.retried, failed: delivery.failed)
    }
}
