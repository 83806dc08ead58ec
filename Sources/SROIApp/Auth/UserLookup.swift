import Fluent
import Foundation
import SROIDomain
import Vapor

/// Finds users for login and turns a stored user into a `CurrentUser`.
enum UserLookup {
    static func currentUser(userID: UUID, on db: any Database) async throws -> CurrentUser? {
        guard let user = try await UserModel.query(on: db).filter(\.$id == userID).with(\.$organisation).first() else {
            return nil
        }
        return try currentUser(user)
    }

    static func currentUser(_ user: UserModel) throws -> CurrentUser {
        CurrentUser(userID: try user.requireID(), name: user.name, email: user.email, role: user.role,
                    organisationID: user.$organisation.id, organisationName: user.organisation.name,
                    organisationKind: user.organisation.kind)
    }

    /// The user with this e-mail and password; nil when either is wrong (the caller does not say which).
    static func authenticate(email: String, password: String, passwords: Passwords, on db: any Database) async throws -> UserModel? {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserModel.query(on: db).filter(\.$email == normalised).with(\.$organisation).first() else {
            // Spend the same time as a real check, so timing does not tell which addresses exist.
            _ = passwords.verify(password, against: passwords.decoyHash)
            return nil
        }
        return passwords.verify(password, against: user.passwordHash) ? user : nil
    }
}
