import Fluent

/// An invitation to an organisation with a role: a single-use link that expires; only the token's hash is kept.
struct M2026_11_30_06_CreateInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("invited_by", .uuid)
            .field("accepted_at", .datetime)
            .field("replaced_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invitations").delete()
    }
}
