import Fluent
import Foundation
import SROIDomain

/// The people of an organisation: listed, given another role, deactivated (no login any more; their history in the
/// audit log stays) or activated again. Every step is in the audit log.
enum PeopleAdministration {
    struct Change: Sendable {
        var role: String?
        var active: Bool?
    }

    static func users(of organisationID: UUID, by user: CurrentUser, on db: any Database) async throws -> [UserModel] {
        try PeopleAccess.requireManager(of: organisationID, user)
        return try await UserModel.query(on: db).filter(\.$organisation.$id == organisationID).sort(\.$name).all()
    }

    static func change(_ userID: UUID?, _ change: Change, by user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> UserModel {
        guard let userID, let target = try await UserModel.query(on: db).filter(\.$id == userID).with(\.$organisation).first() else {
            throw AppError.notFound
        }
        // Another organisation's user is not found, rather than forbidden.
        guard user.isAdministrator || target.$organisation.id == user.organisationID else { throw AppError.notFound }
        try PeopleAccess.requireManager(of: target.$organisation.id, user)
        var errors: [FieldError] = []
        var role = target.role
        if let raw = change.role {
            let allowed = Role.allowed(for: target.organisation.kind)
            if let r = Role(rawValue: raw), allowed.contains(r) { role = r } else {
                errors.append(.init(field: "role", message: "kies een van: " + allowed.map(\.rawValue).joined(separator: ", ")))
            }
        }
        if userID == user.userID && (change.active == false || (change.role != nil && role != target.role)) {
            errors.append(.init(field: change.active == false ? "active" : "role",
                                message: "u kunt uw eigen account niet uitschakelen of uw eigen rol wijzigen; vraag een collega-beheerder"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let before = ["role": target.roleRaw, "active": String(target.active)]
        let deactivating = change.active == false && target.active
        let newRole = role
        try await db.writeTransaction { db in
            target.roleRaw = newRole.rawValue
            if let active = change.active { target.active = active }
            if deactivating {
                // Logged out everywhere at once.
                target.sessionsValidAfter = now
                try await APITokenModel.query(on: db).filter(\.$user.$id == userID).delete()
            }
            try await target.update(on: db)
            try await AuditLog.record(.update, objectType: "user", objectID: userID, by: user, before: before,
                                      after: ["role": target.roleRaw, "active": String(target.active)], about: target.$organisation.id, on: db)
        }
        return target
    }
}
