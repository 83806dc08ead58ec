import Fluent

/// A change of a register entry's status proposed by a buyer that does not keep the entry, waiting for the
/// owner's or an administrator's decision.
struct M2026_11_30_02_CreateSocialEnterpriseStatusChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("social_enterprise_status_changes")
            .id()
            .field("enterprise_id", .uuid, .required, .references("social_enterprises", "id", onDelete: .cascade))
            .field("pso_step", .string)
            .field("article_2_82", .bool, .required)
            .field("sheltered_workshop", .bool, .required)
            .field("reason", .string, .required)
            .field("proposed_by", .uuid, .required)
            .field("proposed_by_organisation", .uuid, .required)
            .field("status", .string, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("comment", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("social_enterprise_status_changes").delete()
    }
}
