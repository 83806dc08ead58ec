import Fluent
import FluentSQLiteDriver
import Foundation
import PostgresNIO
import SQLiteNIO
import SQLKit

extension Database {
    /// A transaction that is tried again (up to five times, after a short random pause) when the database says
    /// another writer got in the way: on SQLite a transaction that read first and then wants to write while another
    /// writes is refused at once (`database is locked`, the busy handler is not asked, to avoid a deadlock); on
    /// PostgreSQL a deadlock or serialisation failure. Whatever the closure did was rolled back, so running it again
    /// is safe, as long as it only works on the database. When it still fails, the error says 409, never 500.
    func writeTransaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await transaction(closure)
            } catch where WriteConflict.isConflict(error) {
                attempt += 1
                guard attempt < 5 else { throw AppError.conflict(field: nil, message: WriteConflict.message) }
                try await Task.sleep(nanoseconds: UInt64.random(in: 5_000_000...(20_000_000 << UInt64(attempt))))
            }
        }
    }
}

/// A write that lost against a concurrent one: worth trying again.
enum WriteConflict {
    static let message = "Iemand anders wijzigde tegelijk dezelfde gegevens. Er is niets opgeslagen; probeer het opnieuw."

    static func isConflict(_ error: any Error) -> Bool {
        if let e = error as? SQLiteError {
            switch e.reason {
            case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache: return true
            default: return false
            }
        }
        if let e = error as? PSQLError, let code = e.serverInfo?[.sqlState] {
            return code == "40001" || code == "40P01" // serialization_failure, deadlock_detected
        }
        return false
    }
}

extension Database {
    /// Inside a transaction: waits until no other transaction holds the same key, so a read-check-write on one
    /// object (the allocation ledger of one source) cannot interleave. PostgreSQL takes an advisory lock released at
    /// commit; SQLite needs none, as it lets one writer at a time and refuses a stale reader's write (then
    /// `writeTransaction` tries again with fresh data).
    func serialise(on key: UUID) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let bits = withUnsafeBytes(of: key.uuid) { $0.load(as: Int64.self) }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: bits))").run()
    }
}
