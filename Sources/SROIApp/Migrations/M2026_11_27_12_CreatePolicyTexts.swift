import Fluent

/// A buyer's own edit of the generated policy text.
struct M2026_11_27_12_CreatePolicyTexts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("policy_texts")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("text", .string, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime)
            .unique(on: "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("policy_texts").delete()
    }
}
