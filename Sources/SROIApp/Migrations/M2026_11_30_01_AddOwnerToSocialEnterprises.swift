import Fluent

/// The organisation that keeps a register entry (the buyer whose coordinator added it); nil for entries the
/// platform keeps (added by an administrator, or before owners existed).
struct M2026_11_30_01_AddOwnerToSocialEnterprises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("social_enterprises").field("owner_organisation_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("social_enterprises").deleteField("owner_organisation_id").update()
    }
}
