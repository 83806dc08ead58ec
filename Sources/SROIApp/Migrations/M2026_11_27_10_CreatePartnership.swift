import Fluent

struct M2026_11_27_10_CreatePartnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("brainstorms")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("version", .int, .required)
            .field("situation", .string, .required)
            .field("situation_other", .string)
            .field("labour_component", .string, .required)
            .field("who_needed", .string, .required)
            .field("willingness", .string, .required)
            .field("desired_results", .string, .required)
            .field("policy_fit", .string, .required)
            .field("next_steps", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .unique(on: "contract_id", "version")
            .create()
        try await database.schema("potential_jobs")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("title", .string, .required)
            .field("source", .string, .required)
            .field("hours_per_week", .int64)
            .field("status", .string, .required)
            .field("placement_id", .uuid)
            .field("note", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("potential_jobs").delete()
        try await database.schema("brainstorms").delete()
    }
}
