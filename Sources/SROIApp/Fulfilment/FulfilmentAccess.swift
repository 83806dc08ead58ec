import Fluent
import Foundation
import SROIDomain

/// Who may record and who may review the fulfilment of a contract.
enum FulfilmentAccess {
    /// The awarded supplier's reporters record placements, hours, activities and reports.
    static func requireReporter(_ user: CurrentUser, for contract: ContractModel) throws {
        guard contract.status.isAwarded else {
            throw AppError.conflict(field: "status", message: "Deze opdracht is nog niet gegund; er valt nog niets te rapporteren.")
        }
        guard user.isAdministrator || (user.isSupplier && contract.$supplier.id == user.organisationID && user.role == .reporter) else {
            throw AppError.forbidden("Alleen de rapporteur van de opdrachtnemer legt de invulling vast.")
        }
    }

    /// The buyer's coordinators and contract managers review reports.
    static func requireReviewer(_ user: CurrentUser, for contract: ContractModel) throws {
        guard user.isAdministrator
            || (user.isBuyer && contract.$buyer.id == user.organisationID && (user.role == .coordinator || user.role == .contractManager)) else {
            throw AppError.forbidden("Alleen een SR-coördinator of contractmanager van de opdrachtgever beoordeelt rapportages.")
        }
    }
}
