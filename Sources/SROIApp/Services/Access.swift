import Fluent
import SQLKit
import Vapor
import Foundation
import SROIDomain

/// Who may see what. Everything another organisation owns answers 404, so its existence is not revealed.
enum Access {
    /// Contracts the user may read: a buyer's own; a supplier's awarded ones; all for the platform administrator.
    static func contracts(for user: CurrentUser, on db: any Database) -> QueryBuilder<ContractModel> {
        let query = ContractModel.query(on: db)
        if user.isAdministrator { return query }
        if user.isBuyer { return query.filter(\.$buyer.$id == user.organisationID) }
        let awarded = ContractStatus.awardedRawValues
        // The own awarded contracts, and those another supplier authorised this organisation to report for.
        let delegated = Array(user.delegatedContracts)
        return query.group(.or) { either in
            either.filter(\.$supplier.$id == user.organisationID)
            if !delegated.isEmpty { either.filter(\.$id ~~ delegated) }
        }.filter(\.$statusRaw ~~ awarded)
    }

    /// `contracts(for:)` as conditions on the table `contracts`, for lists read as `ContractRecord`s (a test holds
    /// the two to the same contracts for every role).
    static func contractConditions(for user: CurrentUser) -> [SQLQueryString] {
        if user.isAdministrator { return [] }
        if user.isBuyer { return ["buyer_id = \(bind: user.organisationID)"] }
        let delegated = Array(user.delegatedContracts)
        let own: SQLQueryString = delegated.isEmpty ? "supplier_id = \(bind: user.organisationID)"
            : "(supplier_id = \(bind: user.organisationID) OR id IN (\(binds: delegated)))"
        return [own, "status IN (\(binds: ContractStatus.awardedRawValues))"]
    }

    /// The contracts a user may read that pass the list's filter, newest start first, as plain values: Fluent's
    /// models cost two fifths of a list of 150 contracts (issue 20). Changes go through `contract(_:for:on:)`.
    static func contractRecords(for user: CurrentUser, filter: ContractFilter, on db: any Database) async throws
        -> (contracts: [ContractRecord], context: ObligationService.Context) {
        guard let sql = db as? any SQLDatabase else { throw AppError.badRequest(field: nil, message: "database zonder SQL") }
        let conditions = contractConditions(for: user) + filter.conditions
        // With each row its obligation's context (`ObligationService.contextColumns`): one statement for the list.
        var query: SQLQueryString = "SELECT c.*, \(ObligationService.contextColumns) FROM contracts c"
        for (i, condition) in conditions.enumerated() { query = "\(query)\(unsafeRaw: i == 0 ? " WHERE " : " AND ")\(condition)" }
        return try ObligationService.recordsWithContext(try await sql.rows("\(query) ORDER BY c.start_date DESC, c.title"))
    }

    /// One contract the user may read, or 404. Read by its key with a statement written out (Fluent's aliased
    /// column list cost more than the row; issue 20), then judged by `mayRead`, the same scope as `contracts(for:)`
    /// (a test compares the two for every role and contract).
    static func contract(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> ContractModel {
        guard let id else { throw AppError.notFound }
        let found: ContractModel?
        if let sql = db as? any SQLDatabase {
            found = try await sql.models("SELECT * FROM contracts WHERE id = \(bind: id)", as: ContractModel.self, single: true).first
        } else {
            found = try await ContractModel.find(id, on: db)
        }
        guard let contract = found, mayRead(contract, user) else { throw AppError.notFound }
        return contract
    }

    /// `contract(_:for:on:)` for a request that only reads: a plain `ContractRecord`, and the obligation's context
    /// (`ObligationService.contextColumns`) from the same statement.
    static func contractToRead(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> (ContractRecord, ObligationService.Context) {
        guard let (contract, context) = try await contractWithContext(id, on: db), mayRead(contract, user) else { throw AppError.notFound }
        return (contract, context)
    }

    /// The contract and its obligation's context in one statement, before anyone's access is judged: callers judge it.
    static func contractWithContext(_ id: UUID?, on db: any Database) async throws -> (ContractRecord, ObligationService.Context)? {
        // A prepared statement on PostgreSQL (`ContractWithContextRead`): its plan cost six times its execution.
        guard let id, let sql = db as? any SQLDatabase, let row = try await sql.rows(ContractWithContextRead(id: id), single: true).first
        else { return nil }
        let contract = try ContractRecord(row: row)
        return (contract, try ObligationService.context(in: row, of: contract))
    }

    /// `contracts(for:)` for one loaded contract: the administrator reads all; a buyer its own; a supplier its
    /// awarded ones and those another supplier authorised it to report for.
    static func mayRead(_ contract: some ContractFields, _ user: CurrentUser) -> Bool {
        if user.isAdministrator { return true }
        if user.isBuyer { return contract.buyerID == user.organisationID }
        guard contract.status.isAwarded else { return false }
        return contract.supplierID == user.organisationID || contract.id.map(user.delegatedContracts.contains) == true
    }

    /// A buyer user may change the own organisation's contracts when the role allows it.
    static func requireContractEditor(_ user: CurrentUser) throws {
        guard user.isAdministrator || (user.isBuyer && user.role.canEditContracts) else {
            throw AppError.forbidden("Uw rol mag geen opdrachten registreren of wijzigen.")
        }
    }

    static func requireCoordinator(_ user: CurrentUser) throws {
        guard user.isAdministrator || (user.isBuyer && user.role.canManagePolicy) else {
            throw AppError.forbidden("Alleen een SR-coördinator mag dit doen.")
        }
    }

    /// Organisations the user may see: the own one; for buyers also every supplier and social enterprise
    /// (to award contracts to); for suppliers also the buyers of their awarded contracts.
    static func organisations(for user: CurrentUser, on db: any Database) async throws -> [OrganisationModel] {
        if user.isAdministrator {
            return try await OrganisationModel.query(on: db).sort(\.$name).all()
        }
        var visible: Set<UUID> = [user.organisationID]
        if user.isBuyer {
            let suppliers = try await OrganisationModel.query(on: db)
                .filter(\.$kindRaw ~~ [OrganisationKind.supplier.rawValue, OrganisationKind.socialEnterprise.rawValue]).all()
            visible.formUnion(suppliers.compactMap(\.id))
        } else {
            let buyers = try await contracts(for: user, on: db).all().map { $0.$buyer.id }
            visible.formUnion(buyers)
        }
        return try await OrganisationModel.query(on: db).filter(\.$id ~~ visible).sort(\.$name).all()
    }

    static func organisation(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> OrganisationModel {
        guard let id, let org = try await organisations(for: user, on: db).first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        return org
    }

    /// The buyer whose policy the user may read: the own organisation, or any for the administrator.
    static func policyOwner(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> OrganisationModel {
        guard let id, user.isAdministrator || id == user.organisationID,
              let org = try await OrganisationModel.find(id, on: db), org.kind == .buyer else {
            throw AppError.notFound
        }
        return org
    }
}

extension Request {
    /// The contract of the route's `:id`, as the logged-in user may see it (another organisation's answers 404):
    /// the one lookup every contract route uses.
    func contract() async throws -> ContractModel {
        try await Access.contract(parameters.get("id", as: UUID.self), for: try currentUser(), on: db)
    }
}
