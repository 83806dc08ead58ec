import SQLKit

/// A number that grows with every change to the data the platform answers from, kept by the database itself:
/// triggers on every table raise it in the same transaction as the change, whoever makes it (a request, the `sroi`
/// command, another instance, an import of a million rows). A reader that reads it before the data knows that
/// the data is at least that new; an answer kept under it is current as long as it has not grown
/// (`AnswerCache`, issue 20).
///
/// The number is the sum of `slots` rows. On PostgreSQL a writing transaction raises the row of its own
/// transaction id (modulo `slots`) at its first change and holds that row until it commits, so two writers
/// wait for each other only when their ids share a row (one in sixteen); the trigger runs before the statement,
/// so a waiting writer holds no rows of its own yet. SQLite has one writer at a time and raises row 0.
enum DataGeneration {
    static let table = "data_generations"
    static let slots = 16

    /// Tables whose changes never change an answer that is kept: sessions and tokens (read on every request, never
    /// kept), failed logins, the audit log and the outbox (written while reading, by logins and by delivery), the
    /// migrations and this table itself. Every other table has the triggers (`DataGenerationTests` checks).
    static let untracked: Set<String> = ["_fluent_migrations", "_fluent_sessions", "api_tokens", "login_failures", "audit_entries",
                                         "outbox_messages", table]

    /// The current number as a column of a statement (the token's, `TokenHolderRead`).
    static let column = "(SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) FROM \(table)) AS data_generation"

    static let postgresFunction = "sroi_next_data_generation"

    /// The statements that make changes to `table` raise the number.
    static func triggers(on table: String, dialect: String) -> [SQLQueryString] {
        if dialect == "sqlite" {
            return ["INSERT", "UPDATE", "DELETE"].map { operation in
                SQLQueryString("""
                    CREATE TRIGGER \(unsafeRaw: triggerName(table, operation)) AFTER \(unsafeRaw: operation) ON \(ident: table)
                    BEGIN UPDATE \(unsafeRaw: Self.table) SET value = value + 1 WHERE slot = 0; END
                    """)
            }
        }
        return [SQLQueryString("""
            CREATE TRIGGER \(unsafeRaw: triggerName(table, nil)) BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(ident: table)
            FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: postgresFunction)()
            """)]
    }

    /// The statements that undo `triggers(on:dialect:)`.
    static func droppingTriggers(on table: String, dialect: String) -> [SQLQueryString] {
        if dialect == "sqlite" {
            return ["INSERT", "UPDATE", "DELETE"].map { "DROP TRIGGER IF EXISTS \(unsafeRaw: triggerName(table, $0))" }
        }
        return ["DROP TRIGGER IF EXISTS \(unsafeRaw: triggerName(table, nil)) ON \(ident: table)"]
    }

    static func triggerName(_ table: String, _ operation: String?) -> String {
        ([table, "generation"] + (operation.map { [$0.lowercased()] } ?? [])).joined(separator: "_")
    }

    /// The number now, outside a request (tests, the benchmark).
    static func current(on sql: any SQLDatabase) async throws -> Int64 {
        struct Row: Decodable { var data_generation: Int64 }
        return try await sql.raw("SELECT \(unsafeRaw: column)").first(decoding: Row.self)?.data_generation ?? 0
    }
}
