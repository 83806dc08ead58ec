import Fluent
import Foundation
import SROIDomain

/// Forgot password: the same answer whether or not the address has an account; a single-use link valid one hour;
/// throttled per address and per account like the login; a new password ends every session and token.
enum PasswordResetService {
    static let lifetime: TimeInterval = 3600
    static let maximumPerAccount = 3
    static let maximumPerAddress = 20

    /// Queues the e-mail when the address belongs to an active account and neither the account nor the asking
    /// address asked too often; otherwise does nothing. The caller answers the same either way.
    static func request(email: String, address: String?, now: Date = Date(), on db: any Database) async throws {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        let since = now.addingTimeInterval(-LoginThrottle.window)
        let accountKey = "reset:" + normalised, addressKey = "reset-address:" + (address ?? "unknown")
        let byAccount = try await LoginFailureModel.query(on: db).filter(\.$key == accountKey).filter(\.$at > since).count()
        let byAddress = try await LoginFailureModel.query(on: db).filter(\.$key == addressKey).filter(\.$at > since).count()
        // Over a limit nothing is written either, so a flood of requests cannot grow the table.
        guard byAccount < maximumPerAccount, byAddress < maximumPerAddress else { return }
        try await LoginFailureModel(key: accountKey, at: now).create(on: db)
        try await LoginFailureModel(key: addressKey, at: now).create(on: db)
        guard let user = try await UserModel.query(on: db).filter(\.$email == normalised).filter(\.$active == true).first() else { return }
        let token = SecretLinks.newToken()
        let reset = PasswordResetModel()
        reset.$user.id = try user.requireID()
        reset.tokenHash = SecretLinks.hash(token)
        reset.expiresAt = now.addingTimeInterval(lifetime)
        let content = MailTemplates.passwordReset(name: user.name, link: MailSettings.relativeLink("/wachtwoord/nieuw/\(token)"))
        try await db.writeTransaction { db in
            // An earlier link stops working.
            for open in try await PasswordResetModel.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$usedAt == nil).all() {
                open.usedAt = now
                try await open.update(on: db)
            }
            try await reset.create(on: db)
            try await Outbox.queue(OutgoingMail(to: user.email, toName: user.name, subject: content.subject, text: content.text,
                                                html: content.html, kind: "password_reset"), now: now, on: db)
            try await AuditLog.record(.create, objectType: "password_reset", objectID: reset.id, by: nil, before: Optional<String>.none,
                                      after: ["user": user.email], about: user.$organisation.id, on: db)
        }
    }

    static func open(token: String, now: Date = Date(), on db: any Database) async throws -> PasswordResetModel {
        guard let reset = try await PasswordResetModel.query(on: db).filter(\.$tokenHash == SecretLinks.hash(token)).with(\.$user).first() else {
            throw LinkProblem.unknown
        }
        guard reset.usedAt == nil else { throw LinkProblem.used }
        guard reset.expiresAt > now else { throw LinkProblem.expired }
        return reset
    }

    /// Sets the new password; every session and API token of the account ends.
    static func confirm(token: String, password: String?, passwords: Passwords, now: Date = Date(), on db: any Database) async throws -> UserModel {
        let reset = try await open(token: token, now: now, on: db)
        let problems = Passwords.problems(with: password ?? "")
        guard problems.isEmpty else {
            throw AppError.validation([.init(field: "password", message: "het wachtwoord moet " + problems.joined(separator: " en "))])
        }
        let user = reset.user
        let hash = try passwords.hash(password ?? "")
        try await db.writeTransaction { db in
            reset.usedAt = now
            try await reset.update(on: db)
            user.passwordHash = hash
            user.sessionsValidAfter = now
            try await user.update(on: db)
            try await APITokenModel.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            try await AuditLog.record(.update, objectType: "user", objectID: user.id, by: nil, before: Optional<String>.none,
                                      after: ["password": "opnieuw ingesteld via e-maillink"], about: user.$organisation.id, on: db)
        }
        return user
    }
}
