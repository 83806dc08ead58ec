import FluentKit
import FluentPostgresDriver
import FluentSQL
import Foundation
import NIOConcurrencyHelpers
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteNIO

/// The statements of the read path that every API request or every contract's progress runs, written once as text
/// with numbered parameters (`$1`, `$2`) and run as named prepared statements on PostgreSQL, kept by each
/// connection after its first use.
///
/// The driver sends every other statement unnamed, so PostgreSQL plans it again each time: for these the plan took
/// 0,5–1,0 ms and the execution 0,07–0,25 ms (`EXPLAIN (ANALYZE, SUMMARY)` on the national data set), and under
/// load PostgreSQL's own processes, not the app, were the limit (issue 20). SQLite runs the same text (`$n` read
/// as `?n`) through `sqliteRows`: it parses a statement in microseconds.
///
/// A pooler in front of PostgreSQL must keep a session per connection (PgBouncer: session pooling, or
/// `max_prepared_statements` from version 1.21).
protocol PreparedRead: PostgresPreparedStatement where Row == PostgresRow {
    /// The values of `$1`, `$2`, … in that order.
    var values: [any PostgresEncodable & Encodable & Sendable] { get }
}

extension PreparedRead {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return bindings
    }

    /// The text with SQLite's numbered parameters: `$n` is a named parameter there, `?n` is parameter n. Written
    /// once per statement and kept (a request reads two of them). A text holds `$` only in its parameters
    /// (`PreparedReadsTests` checks every statement's text).
    static var sqliteText: String {
        let key = ObjectIdentifier(Self.self)
        if let text = sqliteTexts.withLockedValue({ $0[key] }) { return text }
        let text = sql.replacingOccurrences(of: "$", with: "?")
        sqliteTexts.withLockedValue { $0[key] = text }
        return text
    }
}

private let sqliteTexts = NIOLockedValueBox<[ObjectIdentifier: String]>([:])

extension SQLDatabase {
    /// The rows of `read`: prepared on PostgreSQL, through `sqliteRows` on SQLite.
    func rows(_ read: some PreparedRead, single: Bool = false) async throws -> [any RowColumns] {
        if let rows = try await sqliteRows(of: read, single: single) { return rows }
        return try await preparedRows(read).map(SQLKitColumns.init)
    }

    /// The rows of `read` as Fluent models, each with its row for the columns beside the model's.
    func modelRows<M: Model>(_ read: some PreparedRead, as type: M.Type) async throws -> [(model: M, row: any RowColumns)] {
        if let rows = try await sqliteRows(of: read, single: false) { return try rows.map { (try $0.sql().decode(fluentModel: M.self), $0) } }
        return try await preparedRows(read).map { (try $0.decode(fluentModel: M.self), SQLKitColumns($0)) }
    }

    /// The rows of `read` decoded by their columns' names.
    func values<D: Decodable>(_ read: some PreparedRead, as type: D.Type, single: Bool = false) async throws -> [D] {
        if let rows = try await sqliteRows(of: read, single: single) { return try rows.map { try $0.sql().decode(model: D.self) } }
        return try await preparedRows(read).map { try $0.decode(model: D.self) }
    }

    private func sqliteRows<S: PreparedRead>(of read: S, single: Bool) async throws -> [SQLiteRow]? {
        try await sqliteRows(text: S.sqliteText, binds: read.values, single: single)
    }

    /// The rows of `read` as a prepared statement on PostgreSQL.
    private func preparedRows<S: PreparedRead>(_ read: S) async throws -> [any SQLRow] {
        guard let postgres = self as? any PostgresDatabase else {
            throw AppError.badRequest(field: nil, message: "een voorbereide opdracht vraagt SQLite of PostgreSQL")
        }
        let logger = self.logger
        if let level = queryLogLevel { logger.log(level: level, "\(S.sql) [voorbereid: \(S.name)]") }
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(read, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
        return rows.map { $0.sql() }
    }
}

/// The token with this hash, its user and organisation, and the data generation before anything else is read
/// (`APITokens.holder`, `AnswerCache`).
struct TokenHolderRead: PreparedRead {
    static let name = "sroi_token_holder"
    static let sql = """
        SELECT t.expires_at, t.created_at, t.read_only, u.id AS user_id, u.name, u.email, u.role, u.active,
               u.sessions_valid_after, o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
               \(DataGeneration.column)
        FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE t.token_hash = $1
        """
    var hash: String
    var values: [any PostgresEncodable & Encodable & Sendable] { [hash] }
}

/// One contract by its key with its obligation's context beside it (`Access.contractWithContext`).
struct ContractWithContextRead: PreparedRead {
    static let name = "sroi_contract_with_context"
    static let sql = "SELECT c.*, \(ObligationService.contextColumnsSQL) FROM contracts c WHERE c.id = $1"
    var id: UUID
    var values: [any PostgresEncodable & Encodable & Sendable] { [id] }
}

/// A contract's report lines with their report's status (`ReportLine.of`).
struct ReportLinesRead: PreparedRead {
    static let name = "sroi_report_lines"
    static let sql = """
        SELECT i.*, r.status AS report_status FROM report_items i JOIN reports r ON r.id = i.report_id
        WHERE i.contract_id = $1
        """
    var contractID: UUID
    var values: [any PostgresEncodable & Encodable & Sendable] { [contractID] }
}

/// A contract's placements (`own` 1), each doelgroepregister one with its paid hours summed beside it, and every
/// placement of the same people (`own` 0) for durability: on the whole platform, or with `supplier` only on that
/// supplier's contracts (`ProgressService`).
struct ProgressPlacementsRead: PreparedRead {
    static let name = "sroi_progress_placements"
    static let sql = text(scoped: "")
    var contractID: UUID
    var values: [any PostgresEncodable & Encodable & Sendable] { [contractID] }

    static func text(scoped: String) -> String {
        """
        SELECT p.*, 1 AS own, CASE WHEN p.doelgroepregister THEN
          (SELECT CAST(COALESCE(SUM(h.hours), 0) AS BIGINT) FROM paid_hours h WHERE h.placement_id = p.id) END AS registered_hours
        FROM placements p WHERE p.contract_id = $1
        UNION ALL
        SELECT e.*, 0 AS own, CAST(NULL AS BIGINT) AS registered_hours FROM placements e \(scoped)
        WHERE e.candidate IN (SELECT candidate FROM placements WHERE contract_id = $1)
        """
    }
}

/// `ProgressPlacementsRead` as a supplier sees it: the same people's placements on its own contracts only.
struct SupplierProgressPlacementsRead: PreparedRead {
    static let name = "sroi_progress_placements_of_supplier"
    static let sql = ProgressPlacementsRead.text(scoped: DurabilityService.Scope.supplierJoin(placement: "e") + "$2")
    var contractID: UUID
    var supplier: UUID
    var values: [any PostgresEncodable & Encodable & Sendable] { [contractID, supplier] }
}
