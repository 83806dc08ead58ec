import Fluent
import Foundation
import SROIDomain
import SROIMail

/// Tells people what happened: a notification in the app for each recipient and, by each person's choice for that
/// kind, an e-mail at once, a line in the daily digest, or nothing. Written in the caller's transaction. Texts name
/// contracts, organisations and periods, never a candidate.
enum Notifications {
    struct Event: Sendable {
        var kind: NotificationKind
        var title: String
        var body: String
        /// A path in the platform, e.g. `/contracts/…/reports/…`.
        var link: String
        /// With a key, each recipient gets this event once, however often it is sent (scheduled reminders).
        var dedupeKey: String? = nil
        var attachment: MailAttachment? = nil
    }

    /// Returns the notifications written (none for a recipient who already had this key).
    @discardableResult
    static func send(_ event: Event, to recipients: [UserModel], on db: any Database) async throws -> [NotificationModel] {
        var written: [NotificationModel] = []
        var seen: Set<UUID> = []
        for user in recipients where user.active {
            let userID = try user.requireID()
            guard seen.insert(userID).inserted else { continue }
            if let key = event.dedupeKey,
               try await NotificationModel.query(on: db).filter(\.$user.$id == userID).filter(\.$dedupeKey == key).first() != nil { continue }
            let mode = try await mode(of: userID, for: event.kind, on: db)
            let n = NotificationModel()
            n.$user.id = userID
            n.kind = event.kind.rawValue
            n.title = event.title
            n.body = event.body
            n.link = event.link
            n.dedupeKey = event.dedupeKey
            n.digestPending = mode == .dailyDigest
            try await n.create(on: db)
            if mode == .immediately {
                let content = MailTemplates.notification(title: event.title, body: event.body, link: MailSettings.relativeLink(event.link),
                                                         preferencesLink: MailSettings.relativeLink("/meldingen"))
                try await Outbox.queue(OutgoingMail(to: user.email, toName: user.name, subject: content.subject, text: content.text,
                                                    html: content.html, attachment: event.attachment, kind: event.kind.rawValue,
                                                    dedupeKey: "notification:" + (try n.requireID().uuidString)), on: db)
            }
            written.append(n)
        }
        return written
    }

    static func mode(of userID: UUID, for kind: NotificationKind, on db: any Database) async throws -> DeliveryMode {
        let p = try await NotificationPreferenceModel.query(on: db).filter(\.$user.$id == userID).filter(\.$kind == kind.rawValue).first()
        return p.flatMap { DeliveryMode(rawValue: $0.mode) } ?? .default
    }

    static func preferences(of userID: UUID, on db: any Database) async throws -> [(NotificationKind, DeliveryMode)] {
        let stored = try await NotificationPreferenceModel.query(on: db).filter(\.$user.$id == userID).all()
        let byKind = Dictionary(stored.map { ($0.kind, $0.mode) }, uniquingKeysWith: { a, _ in a })
        return NotificationKind.allCases.map { k in (k, byKind[k.rawValue].flatMap(DeliveryMode.init(rawValue:)) ?? .default) }
    }

    /// Sets the user's choices; an unknown kind or mode is named.
    static func setPreferences(_ choices: [String: String], for user: CurrentUser, on db: any Database) async throws {
        var parsed: [(NotificationKind, DeliveryMode)] = []
        var errors: [FieldError] = []
        for (k, m) in choices.sorted(by: { $0.key < $1.key }) {
            guard let kind = NotificationKind(rawValue: k) else {
                errors.append(.init(field: k, message: "onbekende soort melding")); continue
            }
            guard let mode = DeliveryMode(rawValue: m) else {
                errors.append(.init(field: k, message: "kies immediately, daily_digest of off")); continue
            }
            parsed.append((kind, mode))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let chosen = parsed
        try await db.writeTransaction { db in
            for (kind, mode) in chosen {
                let p = try await NotificationPreferenceModel.query(on: db).filter(\.$user.$id == user.userID)
                    .filter(\.$kind == kind.rawValue).first() ?? NotificationPreferenceModel()
                p.$user.id = user.userID
                p.kind = kind.rawValue
                p.mode = mode.rawValue
                try await p.save(on: db)
            }
            try await AuditLog.record(.update, objectType: "notification_preferences", objectID: user.userID, by: user,
                                      before: Optional<String>.none, after: Dictionary(chosen.map { ($0.0.rawValue, $0.1.rawValue) }, uniquingKeysWith: { a, _ in a }),
                                      on: db)
        }
    }

    // MARK: Who hears of what

    /// The buyer's reviewers of a contract: its SR coordinators and contract managers.
    static func buyerReviewers(of contract: ContractModel, on db: any Database) async throws -> [UserModel] {
        try await UserModel.query(on: db).filter(\.$organisation.$id == contract.$buyer.id).filter(\.$active == true)
            .filter(\.$roleRaw ~~ [Role.coordinator.rawValue, Role.contractManager.rawValue]).all()
    }

    /// The buyer's SR coordinators.
    static func coordinators(of organisationID: UUID, on db: any Database) async throws -> [UserModel] {
        try await UserModel.query(on: db).filter(\.$organisation.$id == organisationID).filter(\.$active == true)
            .filter(\.$roleRaw == Role.coordinator.rawValue).all()
    }

    /// The supplier's people who report on a contract.
    static func supplierReporters(of contract: ContractModel, on db: any Database) async throws -> [UserModel] {
        guard let supplier = contract.$supplier.id else { return [] }
        return try await UserModel.query(on: db).filter(\.$organisation.$id == supplier).filter(\.$active == true)
            .filter(\.$roleRaw ~~ [Role.reporter.rawValue, Role.supplierAdmin.rawValue]).all()
    }

    // MARK: Reading

    static func list(for user: CurrentUser, limit: Int = 100, on db: any Database) async throws -> [NotificationModel] {
        try await NotificationModel.query(on: db).filter(\.$user.$id == user.userID).sort(\.$createdAt, .descending).limit(limit).all()
    }

    static func unreadCount(for userID: UUID, on db: any Database) async throws -> Int {
        try await NotificationModel.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
    }

    static func markRead(_ id: UUID?, for user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> NotificationModel {
        guard let id, let n = try await NotificationModel.query(on: db).filter(\.$id == id).filter(\.$user.$id == user.userID).first() else {
            throw AppError.notFound
        }
        if n.readAt == nil {
            n.readAt = now
            try await n.update(on: db)
        }
        return n
    }

    static func markAllRead(for user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        try await NotificationModel.query(on: db).filter(\.$user.$id == user.userID).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
    }
}
