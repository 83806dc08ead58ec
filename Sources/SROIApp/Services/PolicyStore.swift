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
