import Fluent

/// Files with a bid's plan of approach (the plan itself, a reference, a certificate).
struct M2026_11_30_30_CreateBidAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bid_attachments")
            .id()
            .field("bid_id", .uuid, .required, .references("bids", "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("uploaded_by", .uuid)
            .field("uploaded_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bid_attachments").delete()
    }
}
