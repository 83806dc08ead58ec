import Fluent
import Foundation
import NIOCore
import SQLKit
import SROIMail

/// Delivers what the outbox holds: claims due messages (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several
/// instances never take the same row; SQLite lets one writer at a time), sends each over SMTP or writes it as a
/// .eml file, and marks it sent. A relay that is down or answers 4xx: tried again later, waiting 30 seconds doubling
/// to at most an hour, 12 times; a 5xx answer: failed for good. A claim older than ten minutes (its sender died)
/// returns to the queue. What SMTP cannot promise: a sender that dies after the relay accepted a message but before
/// it marked the row sent will send that message again once its claim expires (each copy has the same Message-ID).
enum OutboxSender {
    static let batch = 20
    static let maximumAttempts = 12
    static let claimTimeout: TimeInterval = 10 * 60

    struct Result: Sendable, Equatable {
        var sent = 0
        var retried = 0
        var failed = 0
    }

    /// Sends every message that is due now; returns what happened.
    @discardableResult
    static func deliverDue(settings: MailSettings, now: @Sendable () -> Date = { Date() }, sender: String = UUID().uuidString,
                           claimTimeout: TimeInterval = OutboxSender.claimTimeout, on db: any Database) async throws -> Result {
        var result = Result()
        while true {
            let claimed = try await claim(sender: sender, now: now(), claimTimeout: claimTimeout, on: db)
            if claimed.isEmpty { break }
            for message in claimed {
                do {
                    try await deliver(message, settings: settings)
                    message.status = OutboxStatus.sent.rawValue
                    message.sentAt = now()
                    message.lastError = nil
                    result.sent += 1
                } catch {
                    let transient = (error as? SMTPError)?.kind != .permanent
                    message.attempts += 1
                    message.lastError = String(describing: error).prefix(500).description
                    if transient && message.attempts < maximumAttempts {
                        message.status = OutboxStatus.pending.rawValue
                        message.nextAttemptAt = now().addingTimeInterval(backoff(attempts: message.attempts))
                        result.retried += 1
                    } else {
                        message.status = OutboxStatus.failed.rawValue
                        result.failed += 1
                    }
                }
                message.claimedBy = nil
                message.claimedAt = nil
                try await message.update(on: db)
            }
            if result.retried > 0 { break }
        }
        return result
    }

    /// 30 s, 60 s, 2 min … at most an hour.
    static func backoff(attempts: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempts - 1))))
    }

    /// Takes up to `batch` due messages for this sender, in one statement.
    static func claim(sender: String, now: Date, claimTimeout: TimeInterval = OutboxSender.claimTimeout, on db: any Database) async throws -> [OutboxMessageModel] {
        guard let sql = db as? any SQLDatabase else { return [] }
        // Claims of a sender that died go back to the queue.
        try await sql.raw("""
            UPDATE outbox_messages SET status = 'pending', claimed_by = NULL, claimed_at = NULL
            WHERE status = 'sending' AND claimed_at < \(bind: now.addingTimeInterval(-claimTimeout))
            """).run()
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        struct Row: Decodable { var id: UUID }
        let ids = try await sql.raw("""
            UPDATE outbox_messages SET status = 'sending', claimed_by = \(bind: sender), claimed_at = \(bind: now)
            WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
                         ORDER BY created_at LIMIT \(unsafeRaw: String(batch))\(unsafeRaw: lock))
            RETURNING id
            """).all(decoding: Row.self).map(\.id)
        guard !ids.isEmpty else { return [] }
        return try await OutboxMessageModel.query(on: db).filter(\.$id ~~ ids).filter(\.$claimedBy == sender).sort(\.$createdAt).all()
    }

    static func mailMessage(_ m: OutboxMessageModel, settings: MailSettings) throws -> MailMessage {
        var attachments: [MailAttachment] = []
        if let name = m.attachmentName, let type = m.attachmentType, let data = m.attachmentBase64.flatMap({ Data(base64Encoded: $0) }) {
            attachments.append(MailAttachment(filename: name, contentType: type, data: Array(data)))
        }
        let domain = settings.from.address.split(separator: "@").last.map(String.init) ?? "sroi.local"
        return MailMessage(from: settings.from, to: [try MailAddress(m.recipient, name: m.recipientName)], subject: m.subject,
                           text: settings.resolvingLinks(m.textBody), html: m.htmlBody.map(settings.resolvingLinks), attachments: attachments,
                           messageID: "<\(try m.requireID().uuidString.lowercased())@\(domain)>", date: m.createdAt ?? Date())
    }

    static func deliver(_ m: OutboxMessageModel, settings: MailSettings) async throws {
        let message = try mailMessage(m, settings: settings)
        switch settings.transport {
        case .smtp(let configuration):
            try await SMTPClient.send(message, using: configuration)
        case .directory(let path):
            let fm = FileManager.default
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            let stamp = ISO8601DateFormatter().string(from: m.createdAt ?? Date()).replacingOccurrences(of: ":", with: "")
            let name = "\(stamp)-\(m.kind)-\(try m.requireID().uuidString.lowercased()).eml"
            let temporary = path + "/." + name + ".part"
            try Data(message.rendered().utf8).write(to: URL(fileURLWithPath: temporary))
            try? fm.removeItem(atPath: path + "/" + name)
            try fm.moveItem(atPath: temporary, toPath: path + "/" + name)
        }
    }
}
