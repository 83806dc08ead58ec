import Fluent
import SQLKit

/// The append-only rule of the audit log gets one exception, the right to erasure: an entry may be redacted once,
/// its before and after emptied and `redacted_at` set, with who, when, what and which object left exactly as they
/// were. Any other change, and every delete, is still refused by the database itself.
struct M2026_11_30_04_AllowRedactionInAuditLog: AsyncMigration {
    static let message = "het auditlog kan niet worden gewijzigd"

    /// Every column but before, after and redacted_at stays the same.
    static let unchanged = ["id", "at", "user_id", "organisation_id", "action", "object_type", "object_id", "subject_organisation_id"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            let same = Self.unchanged.map { "NEW.\($0) IS OLD.\($0)" }.joined(separator: " AND ")
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw(SQLQueryString("""
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND NEW.before IS NULL AND NEW.after IS NULL AND \(unsafeRaw: same))
                BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: Self.message)'); END
                """)).run()
        } else {
            let same = Self.unchanged.map { "NEW.\($0) IS NOT DISTINCT FROM OLD.\($0)" }.joined(separator: " AND ")
            try await sql.raw(SQLQueryString("""
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND NEW.before IS NULL
                     AND NEW.after IS NULL AND \(unsafeRaw: same) THEN
                    RETURN NEW;
                  END IF;
                  RAISE EXCEPTION '\(unsafeRaw: Self.message)';
                END; $$ LANGUAGE plpgsql
                """)).run()
        }
    }

    /// Back to the rule of M2026_11_27_07_Security: no change at all.
    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw(SQLQueryString("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: Self.message)'); END")).run()
        } else {
            try await sql.raw(SQLQueryString("""
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '\(unsafeRaw: Self.message)'; END; $$ LANGUAGE plpgsql
                """)).run()
        }
    }
}
