import Fluent

/// Per user and kind of notification: by e-mail at once, in a daily digest, or not at all.
struct M2026_11_30_10_CreateNotificationPreferences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notification_preferences")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("mode", .string, .required)
            .unique(on: "user_id", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_preferences").delete()
    }
}
