import FluentPostgresDriver
import Foundation
import PostgresKit
import PostgresNIO
import SQLKit

/// On PostgreSQL, the two statements every API request runs (the token with its user, a contract by its key with
/// its obligation's context) as named prepared statements, kept by each connection after its first use.
///
/// The driver sends every other statement unnamed, so PostgreSQL plans it again each time: for these two the plan
/// took 0,5–0,6 ms and the execution 0,1 ms (`EXPLAIN (ANALYZE, SUMMARY)` on the national data set), and under
/// load the database's processes, not the app, were the limit (issue 20). On SQLite, which parses each statement
/// in microseconds, the same text runs through `SQLDatabase.rows`.
///
/// A pooler in front of PostgreSQL must keep a session per connection (PgBouncer: session pooling, or
/// `max_prepared_statements` from version 1.21).
protocol PreparedRead: PostgresPreparedStatement where Row == PostgresRow {}

extension PreparedRead {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension SQLDatabase {
    /// The rows of `statement` on PostgreSQL; nil on another database, where the caller runs its own statement.
    func preparedRows<S: PreparedRead>(_ statement: S) async throws -> [any SQLRow]? {
        guard let postgres = self as? any PostgresDatabase else { return nil }
        let logger = self.logger
        if let level = queryLogLevel { logger.log(level: level, "\(S.sql) [prepared \(S.name)]") }
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
        return rows.map { $0.sql() }
    }
}

/// The token with this hash, its user and organisation (`APITokens.holder`).
struct TokenHolderRead: PreparedRead {
    static let name = "sroi_token_holder"
    static let sql = "SELECT \(APITokens.holderColumns) WHERE t.token_hash = $1"
    var hash: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(hash)
        return bindings
    }
}

/// One contract by its key with its obligation's context beside it (`Access.contractWithContext`).
struct ContractWithContextRead: PreparedRead {
    static let name = "sroi_contract_with_context"
    static let sql = "SELECT c.*, \(ObligationService.contextColumnsSQL) FROM contracts c WHERE c.id = $1"
    var id: UUID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }
}
