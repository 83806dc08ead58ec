import Fluent

/// When an entry's personal details were removed on a candidate's request (right to erasure); nil while intact.
struct M2026_11_30_03_AddRedactedAtToAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries").field("redacted_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").deleteField("redacted_at").update()
    }
}
