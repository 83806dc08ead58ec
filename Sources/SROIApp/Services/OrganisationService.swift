import Fluent
import Foundation
import SROIDomain

/// Registers organisations. A new buyer starts with the default policy as version 1.
enum OrganisationService {
    struct Draft: Sendable {
        var name: String?
        var kind: String?
        var kvk: String?
        var region: String?
    }

    static func create(_ draft: Draft, policy: SocialReturnPolicy? = nil, by user: CurrentUser?, on db: any Database) async throws -> OrganisationModel {
        var errors: [FieldError] = []
        let name = draft.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { errors.append(.init(field: "name", message: "vul de naam van de organisatie in")) }
        let kind = draft.kind.flatMap(OrganisationKind.init(rawValue:))
        if kind == nil { errors.append(.init(field: "kind", message: "kies buyer, supplier of social_enterprise")) }
        let kvk = draft.kvk?.trimmingCharacters(in: .whitespaces)
        if let kvk, !kvk.isEmpty, !(kvk.count == 8 && kvk.allSatisfy(\.isNumber)) {
            errors.append(.init(field: "kvk", message: "een KvK-nummer heeft 8 cijfers"))
        }
        if case .failure = LabourMarketRegion.optional(draft.region) {
            errors.append(.init(field: "region", message: LabourMarketRegion.message))
        }
        if let user, !user.isAdministrator {
            // A buyer may add the suppliers it awards contracts to; everything else is for the platform administrator.
            if !(user.isBuyer && user.role.canEditContracts && kind?.canBeAwarded == true) {
                throw AppError.forbidden("Uw rol mag deze organisatie niet registreren.")
            }
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(errors) }
        let kvkValue = (kvk?.isEmpty ?? true) ? nil : kvk
        return try await db.writeTransaction { db in
            if let kvkValue, try await OrganisationModel.query(on: db).filter(\.$kvk == kvkValue).first() != nil {
                throw AppError.conflict(field: "kvk", message: "er is al een organisatie met KvK-nummer \(kvkValue)")
            }
            let org = OrganisationModel(name: name, kind: kind, kvk: kvkValue, region: try? LabourMarketRegion.optional(draft.region).get())
            try await org.create(on: db)
            try await AuditLog.record(.create, objectType: "organisation", objectID: org.id, by: user,
                                      before: Optional<String>.none, after: ["name": name, "kind": kind.rawValue], on: db)
            if kind == .buyer {
                try await PolicyStore.addVersion(policy ?? .municipalDefault, for: try org.requireID(), by: user,
                                                 note: "Eerste versie", on: db)
            }
            return org
        }
    }
}
