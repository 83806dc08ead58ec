import Fluent
import Foundation
import SROIDomain

/// The awarded supplier authorises a social enterprise to record and report for one contract (its consent is the
/// grant); the supplier or the delegate ends it. The delegate's reporters then work on that contract as the supplier's
/// do; the buyer sees who submitted each report. Every grant and end is audited, for the buyer too.
enum DelegationService {
    struct Delegation: Sendable {
        var id: UUID
        var organisationID: UUID
        var organisationName: String
        var grantedAt: Date?
        var revokedAt: Date?
    }

    static func list(for contract: ContractModel, on db: any Database) async throws -> [Delegation] {
        try await ContractDelegationModel.query(on: db).filter(\.$contract.$id == contract.requireID()).with(\.$delegate)
            .sort(\.$grantedAt, .descending).all().map {
                Delegation(id: try $0.requireID(), organisationID: $0.$delegate.id, organisationName: $0.delegate.name,
                           grantedAt: $0.grantedAt, revokedAt: $0.revokedAt)
            }
    }

    /// The awarded supplier's own reporters and administrators decide who reports on its behalf.
    static func requireSupplier(_ user: CurrentUser, of contract: ContractModel) throws {
        guard user.isSupplier, contract.$supplier.id == user.organisationID, user.role.reports || user.role == .supplierAdmin else {
            throw AppError.forbidden("Alleen de opdrachtnemer zelf machtigt een andere organisatie om namens haar te rapporteren.")
        }
    }

    static func grant(to organisationID: UUID?, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> ContractDelegationModel {
        try requireSupplier(user, of: contract)
        guard contract.status.isAwarded else {
            throw AppError.conflict(field: "status", message: "Deze opdracht is nog niet gegund.")
        }
        guard let organisationID, let org = try await OrganisationModel.find(organisationID, on: db), org.kind == .socialEnterprise else {
            throw AppError.validation([.init(field: "organisationId", message: "kies een sociale onderneming die in sroi is geregistreerd")])
        }
        let contractID = try contract.requireID()
        if try await ContractDelegationModel.query(on: db).filter(\.$contract.$id == contractID).filter(\.$delegate.$id == organisationID)
            .filter(\.$revokedAt == nil).first() != nil {
            throw AppError.conflict(field: "organisationId", message: "\(org.name) rapporteert al namens u voor deze opdracht.")
        }
        let d = ContractDelegationModel()
        d.$contract.id = contractID
        d.supplierID = user.organisationID
        d.$delegate.id = organisationID
        d.grantedBy = user.userID
        try await db.writeTransaction { db in
            try await d.create(on: db)
            try await AuditLog.record(.create, objectType: "contract_delegation", objectID: d.id, by: user, before: Optional<String>.none,
                                      after: ["contract": contract.title, "delegate": org.name], about: contract.$buyer.id, on: db)
        }
        return d
    }

    /// Ends a delegation: by the supplier, or by the delegate itself.
    static func revoke(_ id: UUID?, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws {
        guard let id, let d = try await ContractDelegationModel.query(on: db).filter(\.$id == id)
            .filter(\.$contract.$id == contract.requireID()).with(\.$delegate).first() else { throw AppError.notFound }
        let bySupplier = (try? requireSupplier(user, of: contract)) != nil
        let byDelegate = user.isSupplier && user.organisationID == d.$delegate.id && (user.role.reports || user.role == .supplierAdmin)
        guard bySupplier || byDelegate || user.isAdministrator else { throw AppError.forbidden("Alleen de opdrachtnemer of de gemachtigde beëindigt de machtiging.") }
        guard d.revokedAt == nil else { throw AppError.conflict(field: nil, message: "Deze machtiging is al beëindigd.") }
        d.revokedAt = Date()
        d.revokedBy = user.userID
        try await db.writeTransaction { db in
            try await d.update(on: db)
            try await AuditLog.record(.update, objectType: "contract_delegation", objectID: d.id, by: user,
                                      before: ["delegate": d.delegate.name, "status": "actief"], after: ["delegate": d.delegate.name, "status": "beëindigd"],
                                      about: contract.$buyer.id, on: db)
        }
    }
}
