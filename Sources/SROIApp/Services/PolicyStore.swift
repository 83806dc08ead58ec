import Fluent
import Foundation
import SROIDomain

/// Reads and adds policy versions. A version is never changed after it is saved.
enum PolicyStore {
    static func current(of organisationID: UUID, on db: any Database) async throws -> PolicyVersionModel? {
        try await PolicyVersionModel.query(on: db)
            .filter(\.$organisation.$id == organisationID)
            .sort(\.$number, .descending)
            .first()
    }

    /// The organisation's current policy, or the common municipal default when it has none yet.
    static func currentPolicy(of organisationID: UUID, on db: any Database) async throws -> SocialReturnPolicy {
        try await current(of: organisationID, on: db)?.policy() ?? .municipalDefault
    }

    /// Changes the organisation's policy by `change`, for the page and the API alike: a new version only when
    /// something changed (`changed` false, and the current version, otherwise). Only a coordinator changes it.
    static func change(for organisationID: UUID, by user: CurrentUser, note: String?, on db: any Database,
                       _ change: @Sendable @escaping (SocialReturnPolicy) throws -> SocialReturnPolicy) async throws
        -> (version: PolicyVersionModel?, changed: Bool) {
        try Access.requireCoordinator(user)
        return try await db.writeTransaction { db in
            let currentVersion = try await current(of: organisationID, on: db)
            let before = try currentVersion?.policy() ?? .municipalDefault
            let after = try change(before)
            if after == before, currentVersion != nil { return (currentVersion, false) }
            return (try await addVersion(after, for: organisationID, by: user, note: note, on: db), true)
        }
    }

    static func versions(of organisationID: UUID, on db: any Database) async throws -> [PolicyVersionModel] {
        try await PolicyVersionModel.query(on: db)
            .filter(\.$organisation.$id == organisationID)
            .sort(\.$number, .descending)
            .all()
    }

    /// Saves the policy as the organisation's next version, after checking it.
    @discardableResult
    /// A version stays based on the regional policy its predecessor was adopted from, unless `basedOn` says otherwise.
    static func addVersion(_ policy: SocialReturnPolicy, for organisationID: UUID, by user: CurrentUser?, note: String?,
                           basedOn: UUID? = nil, on db: any Database) async throws -> PolicyVersionModel {
        let errors = policy.validate()
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let previous = try await current(of: organisationID, on: db)
        let version = try PolicyVersionModel(organisationID: organisationID, number: (previous?.number ?? 0) + 1,
                                             policy: policy, createdBy: user?.userID, note: note)
        version.basedOnVersionID = basedOn ?? previous?.basedOnVersionID
        try await version.create(on: db)
        try await AuditLog.record(.policyChange, objectType: "policy", objectID: organisationID, by: user,
                                  before: try previous?.policy(), after: policy, on: db)
        return version
    }
}
