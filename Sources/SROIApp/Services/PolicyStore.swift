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
            try await requireOwnDefinitionsKept(from: before.valuation, to: after.valuation, of: organisationID, on: db)
            return (try await addVersion(after, for: organisationID, by: user, note: note, on: db), true)
        }
    }

    /// An own target group or block that the buyer's placements or activities use cannot be taken out of the table:
    /// their lines would lose their value. Its name and value can change.
    static func requireOwnDefinitionsKept(from before: ValuationScheme, to after: ValuationScheme, of organisationID: UUID,
                                          on db: any Database) async throws {
        let goneGroups = before.ownTargetGroups.filter { g in !after.ownTargetGroups.contains { $0.key == g.key } }
        let goneBlocks = before.ownBuildingBlocks.filter { b in !after.ownBuildingBlocks.contains { $0.key == b.key } }
        guard !goneGroups.isEmpty || !goneBlocks.isEmpty else { return }
        let contracts = try await ContractModel.query(on: db).filter(\.$buyer.$id == organisationID).all(\.$id)
        guard !contracts.isEmpty else { return }
        var errors: [FieldError] = []
        for group in goneGroups {
            let n = try await PlacementModel.query(on: db).filter(\.$contract.$id ~~ contracts).filter(\.$targetGroupRaw == group.key.rawValue).count()
            if n > 0 {
                errors.append(.init(field: "valuation.ownTargetGroups",
                                    message: "\(group.name) is in gebruik bij \(n) \(n == 1 ? "plaatsing" : "plaatsingen"); u kunt de naam en de waarde wijzigen, niet de doelgroep weghalen"))
            }
        }
        for block in goneBlocks {
            let n = try await PlacementModel.query(on: db).filter(\.$contract.$id ~~ contracts).filter(\.$blockRaw == block.key).count()
                + ActivityModel.query(on: db).filter(\.$contract.$id ~~ contracts).filter(\.$blockRaw == block.key).count()
            if n > 0 {
                errors.append(.init(field: "valuation.ownBuildingBlocks",
                                    message: "\(block.name) is in gebruik bij \(n) \(n == 1 ? "plaatsing of activiteit" : "plaatsingen en activiteiten"); u kunt de naam en de waarde wijzigen, niet het bouwblok weghalen"))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
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
