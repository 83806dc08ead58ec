import Fluent

/// The conversation on one report line: the supplier's answers (and offering the line again), the reviewer's
/// decisions with their comments, in order.
struct M2026_11_30_11_CreateReportItemMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("report_item_messages")
            .id()
            .field("item_id", .uuid, .required, .references("report_items", "id", onDelete: .cascade))
            .field("author_user_id", .uuid)
            .field("author_organisation_id", .uuid)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("evidence_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_item_messages").delete()
    }
}
