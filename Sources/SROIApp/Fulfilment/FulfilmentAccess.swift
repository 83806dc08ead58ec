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
        guard user.isAdministrator || (user.isSupplier && user.role.reports && (contract.$supplier.id == user.organisationID || isDelegate(user, of: contract))) else {
            throw AppError.forbidden("Alleen de rapporteur van de opdrachtnemer legt de invulling vast.")
        }
    }

    /// Who sees the persons of a contract one by one (placements by pseudonym, their hours, report lines): the
    /// awarded supplier, the buyer's reviewers (who must verify the lines) and administrators. Everyone else on the
    /// buyer's side sees aggregates only, with the "< 5" rule.
    static func seesPersons(_ user: CurrentUser, of contract: some ContractFields) -> Bool {
        user.isAdministrator
            || (user.isSupplier && (contract.supplierID == user.organisationID || isDelegate(user, of: contract)))
            || (user.isBuyer && contract.buyerID == user.organisationID && (user.role == .coordinator || user.role == .contractManager))
    }

    /// Records and reports for this contract on the awarded supplier's behalf (`DelegationService`).
    static func isDelegate(_ user: CurrentUser, of contract: some ContractFields) -> Bool {
        contract.id.map(user.delegatedContracts.contains) ?? false
    }

    static func requirePersons(_ user: CurrentUser, of contract: ContractModel) throws {
        guard seesPersons(user, of: contract) else {
            throw AppError.forbidden("Gegevens per kandidaat zijn er alleen voor de opdrachtnemer en voor wie de rapportages beoordeelt (SR-coördinator, contractmanager). U ziet de totalen.")
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
