import Fluent
import Foundation
import SROIMail

/// A message to send, as the platform writes it; never holds a candidate's data, not even a pseudonym.
struct OutgoingMail: Sendable {
    var to: String
    var toName: String?
    var subject: String
    var text: String
    var html: String?
    var attachment: MailAttachment?
    /// What it is for (invitation, password_reset, or a `NotificationKind`).
    var kind: String
    /// A message with a key is written at most once.
    var dedupeKey: String?
}

/// Writes messages to the outbox, in the caller's transaction: when the event that causes a message is rolled back,
/// so is the message; when it commits, the message will be delivered (`OutboxSender`).
enum Outbox {
    @discardableResult
    static func queue(_ mail: OutgoingMail, now: Date = Date(), on db: any Database) async throws -> OutboxMessageModel? {
        if let key = mail.dedupeKey, try await OutboxMessageModel.query(on: db).filter(\.$dedupeKey == key).first() != nil {
            return nil
        }
        let m = OutboxMessageModel()
        m.recipient = mail.to
        m.recipientName = mail.toName
        m.subject = mail.subject
        m.textBody = mail.text
        m.htmlBody = mail.html
        m.attachmentName = mail.attachment?.filename
        m.attachmentType = mail.attachment?.contentType
        m.attachmentBase64 = mail.attachment.map { Data($0.data).base64EncodedString() }
        m.kind = mail.kind
        m.dedupeKey = mail.dedupeKey
        m.status = OutboxStatus.pending.rawValue
        m.attempts = 0
        m.nextAttemptAt = now
        try await m.create(on: db)
        return m
    }
}

enum OutboxStatus: String, Sendable {
    case pending, sending, sent, failed
}
