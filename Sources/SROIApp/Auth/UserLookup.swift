import Fluent
import Foundation
import SROIDomain
import Vapor

/// Finds users for login and turns a stored user into a `CurrentUser`.
enum UserLookup {
    static func currentUser(userID: UUID, on db: any Database) async throws -> CurrentUser? {
        guard let user = try await UserModel.query(on: db).filter(\.$id == userID).with(\.$organisation).first(), user.active else {
            return nil
        }
        return try await currentUser(user, on: db)
    }

    /// The user of a loaded model (its organisation loaded too), with the contracts it reports for on a supplier's behalf.
    static func currentUser(_ user: UserModel, on db: any Database) async throws -> CurrentUser? {
        try await withDelegations(try currentUser(user), on: db)
    }

    /// A supplier's user with the contracts its organisation reports for on another supplier's behalf.
    static func withDelegations(_ user: CurrentUser, on db: any Database) async throws -> CurrentUser {
        guard user.isSupplier else { return user }
        var current = user
        current.delegatedContracts = Set(try await ContractDelegationModel.query(on: db)
            .filter(\.$delegate.$id == current.organisationID).filter(\.$revokedAt == nil).all(\.$contract.$id))
        return current
    }

    static func currentUser(_ user: UserModel) throws -> CurrentUser {
        CurrentUser(userID: try user.requireID(), name: user.name, email: user.email, role: user.role,
                    organisationID: user.$organisation.id, organisationName: user.organisation.name,
                    organisationKind: user.organisation.kind, sessionsValidAfter: user.sessionsValidAfter)
    }

    /// Logs in with throttling and an audit entry either way: the user, or nil when the e-mail or password is
    /// wrong (the caller does not say which); 429 while this address must wait (see `LoginThrottle`).
    static func login(email: String, password: String, address: String?, passwords: Passwords, on db: any Database) async throws -> UserModel? {
        let delay = try await LoginThrottle.check(email: email, address: address, on: db)
        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
        guard let user = try await authenticate(email: email, password: password, passwords: passwords, on: db) else {
            try await LoginThrottle.recordFailure(email: email, address: address, on: db)
            try await AuditLog.record(.loginFailed, objectType: "user", objectID: nil, by: nil, before: Optional<String>.none,
                                      after: ["email": email.lowercased(), "address": address ?? "unknown"], on: db)
            return nil
        }
        try await LoginThrottle.recordSuccess(email: email, address: address, on: db)
        try await AuditLog.record(.login, objectType: "user", objectID: user.id, by: try currentUser(user), on: db)
        return user
    }

    /// The user with this e-mail and password; nil when either is wrong (the caller does not say which).
    static func authenticate(email: String, password: String, passwords: Passwords, on db: any Database) async throws -> UserModel? {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserModel.query(on: db).filter(\.$email == normalised).with(\.$organisation).first() else {
            // Spend the same time as a real check, so timing does not tell which addresses exist.
            _ = passwords.verify(password, against: passwords.decoyHash)
            return nil
        }
        // A deactivated account is refused like a wrong password (after the same work).
        return passwords.verify(password, against: user.passwordHash) && user.active ? user : nil
    }
}
