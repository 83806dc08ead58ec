import Fluent

/// The organisation an audit entry is about (the buyer of a contract), so a coordinator also reads what a
/// supplier or an administrator did to the organisation's data.
struct M2026_11_27_09_AuditSubject: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries").field("subject_organisation_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").deleteField("subject_organisation_id").update()
    }
}
