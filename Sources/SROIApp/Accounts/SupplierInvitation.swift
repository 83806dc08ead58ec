import Fluent
import Foundation
import SROIDomain

/// The buyer brings in the supplier's contact person from the contract page: invited as the supplier's own
/// administrator (who then invites colleagues), once the contract is awarded. A supplier that is not on the platform
/// yet (a contract still without one) is registered by its name and KvK number and becomes the contract's supplier,
/// in the same transaction; the award follows as usual.
enum SupplierInvitation {
    struct Draft: Sendable {
        var email: String?
        var supplierName: String?
        var kvk: String?
    }

    static func invite(_ draft: Draft, to contract: ContractModel, by user: CurrentUser, now: Date = Date(),
                       on db: any Database) async throws -> (InvitationModel, String) {
        guard user.isAdministrator || (user.isBuyer && contract.$buyer.id == user.organisationID && user.role.canEditContracts) else {
            throw AppError.forbidden("Alleen de opdrachtgever van dit contract nodigt de contactpersoon van de opdrachtnemer uit.")
        }
        // With a supplier, once awarded; without one (still in tender), the invitation registers and attaches it.
        guard contract.status.isAwarded || contract.$supplier.id == nil else {
            throw AppError.conflict(field: "status", message: "Nodig de opdrachtnemer uit zodra het contract gegund is.")
        }
        return try await db.writeTransaction { db in
            let supplierID: UUID
            if let existing = contract.$supplier.id {
                supplierID = existing
                if let admin = try await UserModel.query(on: db).filter(\.$organisation.$id == existing).filter(\.$active == true)
                    .filter(\.$roleRaw == Role.supplierAdmin.rawValue).first() {
                    throw AppError.conflict(field: "email", message: "de opdrachtnemer heeft al een beheerder (\(admin.name)); die nodigt collega's uit")
                }
            } else {
                supplierID = try await register(draft, by: user, on: db)
                contract.$supplier.id = supplierID
                try await contract.update(on: db)
                try await AuditLog.record(.update, objectType: "contract", objectID: contract.id, by: user, before: ["supplier": ""],
                                          after: ["supplier": supplierID.uuidString], about: contract.$buyer.id, on: db)
            }
            return try await InvitationService.create(.init(email: draft.email, role: Role.supplierAdmin.rawValue, organisationID: supplierID),
                                                      by: user, now: now, on: db)
        }
    }

    /// The supplier by its KvK number, registered when it is not on the platform yet.
    private static func register(_ draft: Draft, by user: CurrentUser, on db: any Database) async throws -> UUID {
        let kvk = (draft.kvk ?? "").trimmingCharacters(in: .whitespaces)
        let name = (draft.supplierName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if !(kvk.count == 8 && kvk.allSatisfy(\.isNumber)) { errors.append(.init(field: "kvk", message: "een KvK-nummer heeft 8 cijfers")) }
        if let existing = try await OrganisationModel.query(on: db).filter(\.$kvk == kvk).first(), errors.isEmpty {
            guard existing.kind.canBeAwarded else {
                throw AppError.conflict(field: "kvk", message: "dit KvK-nummer hoort bij \(existing.name), geen opdrachtnemer")
            }
            return try existing.requireID()
        }
        if name.isEmpty { errors.append(.init(field: "supplierName", message: "vul de naam van de opdrachtnemer in")) }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return try await OrganisationService.create(.init(name: name, kind: OrganisationKind.supplier.rawValue, kvk: kvk, region: nil),
                                                    by: user, on: db).requireID()
    }
}
