import Fluent
import Foundation
import SROIDomain

/// A shared regional policy (uniformiteit): a buyer, often the region itself, shares its policy; other buyers
/// adopt it as their own next version and may deviate, and every deviation is listed against the regional version.
enum RegionalPolicyService {
    struct Deviations: Sendable {
        var regional: OrganisationModel
        var regionalVersion: PolicyVersionModel
        var deviations: [PolicyDeviation]
    }

    static func setShared(_ shared: Bool, organisation: OrganisationModel, by user: CurrentUser, on db: any Database) async throws {
        try Access.requireCoordinator(user)
        guard try await PolicyStore.current(of: organisation.requireID(), on: db) != nil || !shared else {
            throw AppError.conflict(field: "shared", message: "leg eerst een beleid vast voordat u het deelt")
        }
        let before = organisation.sharesPolicy
        organisation.sharesPolicy = shared
        try await db.writeTransaction { db in
            try await organisation.update(on: db)
            try await AuditLog.record(.update, objectType: "organisation", objectID: organisation.id, by: user,
                                      before: ["sharesPolicy": before], after: ["sharesPolicy": shared], about: organisation.id, on: db)
        }
    }

    /// Buyers whose policy may be adopted, with their current version.
    static func shared(on db: any Database) async throws -> [(OrganisationModel, PolicyVersionModel)] {
        var result: [(OrganisationModel, PolicyVersionModel)] = []
        for org in try await OrganisationModel.query(on: db).filter(\.$sharesPolicy == true).sort(\.$name).all() {
            if let v = try await PolicyStore.current(of: org.requireID(), on: db) { result.append((org, v)) }
        }
        return result
    }

    /// Adopts the regional policy's current version as the buyer's next version, keeping the buyer's own name.
    static func adopt(regionalID: UUID?, for organisation: OrganisationModel, note: String?, by user: CurrentUser,
                      on db: any Database) async throws -> PolicyVersionModel {
        try Access.requireCoordinator(user)
        guard let regionalID, regionalID != organisation.id, let regional = try await OrganisationModel.find(regionalID, on: db),
              regional.sharesPolicy, let version = try await PolicyStore.current(of: regionalID, on: db) else {
            throw AppError.validation([.init(field: "regionalOrganisationId", message: "kies een opdrachtgever die zijn beleid deelt")])
        }
        var policy = try version.policy()
        policy.name = try await PolicyStore.current(of: organisation.requireID(), on: db)?.policy().name ?? organisation.name
        return try await PolicyStore.addVersion(policy, for: organisation.requireID(), by: user,
                                                note: note ?? "Regionaal beleid van \(regional.name) (versie \(version.number)) overgenomen",
                                                basedOn: version.requireID(), on: db)
    }

    /// Where the buyer's current version deviates from the regional version it is based on; nil if not based on one.
    static func deviations(of organisationID: UUID, on db: any Database) async throws -> Deviations? {
        guard let current = try await PolicyStore.current(of: organisationID, on: db), let baseID = current.basedOnVersionID,
              let base = try await PolicyVersionModel.query(on: db).filter(\.$id == baseID).with(\.$organisation).first() else { return nil }
        return Deviations(regional: base.organisation, regionalVersion: base,
                          deviations: PolicyDifference.deviations(of: try current.policy(), from: try base.policy()))
    }
}
