import Fluent

/// A buyer's success stories of social return, without personal data, published on its transparency page by choice.
struct M2026_11_30_22_CreateSuccessStories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("success_stories")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("contract_id", .uuid, .references("contracts", "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("published", .bool, .required, .sql(.default(false)))
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("success_stories").delete()
    }
}
