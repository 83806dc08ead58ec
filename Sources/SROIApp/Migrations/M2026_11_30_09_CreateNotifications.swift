import Fluent

/// What happened for a user to see in the app (and, by the user's choice, by e-mail); a dedupe key makes a
/// scheduled reminder land once per user.
struct M2026_11_30_09_CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string, .required)
            .field("dedupe_key", .string)
            .field("read_at", .datetime)
            .field("digest_pending", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "dedupe_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}
