import Fluent

/// Bids on a tender with their social return offer and plan of approach, and the assessors' scores of the plans.
struct M2026_11_30_28_CreateBids: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bids")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("supplier_id", .uuid, .required, .references("organisations", "id"))
            .field("offer", .int64, .required)
            .field("plan", .string, .required)
            .field("entered_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "contract_id", "supplier_id")
            .create()
        try await database.schema("bid_scores")
            .id()
            .field("bid_id", .uuid, .required, .references("bids", "id", onDelete: .cascade))
            .field("assessor_id", .uuid, .required)
            .field("criterion", .string, .required)
            .field("points", .int, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .unique(on: "bid_id", "assessor_id", "criterion")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bid_scores").delete()
        try await database.schema("bids").delete()
    }
}
