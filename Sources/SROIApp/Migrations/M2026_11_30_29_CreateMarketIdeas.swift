import Fluent

/// Ideas for social return that suppliers and social enterprises send on a planned tender (market consultation).
struct M2026_11_30_29_CreateMarketIdeas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("market_ideas")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("text", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("market_ideas").delete()
    }
}
