import Fluent
import SQLKit

/// Named and read-only API tokens, revocable sessions, login throttling, and an audit log the database itself
/// refuses to change.
struct M2026_11_27_07_Security: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .field("name", .string, .required, .sql(.default("login")))
            .update()
        try await database.schema("api_tokens")
            .field("read_only", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema("users")
            .field("sessions_valid_after", .datetime)
            .update()
        try await database.schema("login_failures")
            .id()
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "login_failures_key_idx").on("login_failures").column("key").run()
        // Append-only: the database refuses UPDATE and DELETE on the audit log, whatever the application does.
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END").run()
            try await sql.raw("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END").run()
        } else {
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'het auditlog kan niet worden gewijzigd'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            if sql.dialect.name == "sqlite" {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_delete").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries").run()
                try await sql.raw("DROP FUNCTION IF EXISTS audit_entries_append_only()").run()
            }
        }
        try await database.schema("login_failures").delete()
        try await database.schema("users").deleteField("sessions_valid_after").update()
        try await database.schema("api_tokens").deleteField("read_only").update()
        try await database.schema("api_tokens").deleteField("name").update()
    }
}
