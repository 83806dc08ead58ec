import Fluent

/// A job service's candidate for a vacancy: a pseudonym, the target group it established, a profile without name.
struct M2026_11_30_25_CreateProposals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("proposals")
            .id()
            .field("vacancy_id", .uuid, .required, .references("vacancies", "id", onDelete: .cascade))
            .field("job_service_id", .uuid, .required, .references("organisations", "id"))
            .field("candidate", .string, .required)
            .field("target_group", .string, .required)
            .field("established_on", .string, .required)
            .field("profile", .string, .required)
            .field("status", .string, .required)
            .field("interview_on", .string)
            .field("decline_reason", .string)
            .field("placement_id", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("decided_at", .datetime)
            .field("decided_by", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("proposals").delete()
    }
}
