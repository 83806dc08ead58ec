import Fluent

struct M2026_11_27_11_CreateActionPlanAndMeetings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("action_plans")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("goals", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "organisation_id")
            .create()
        try await database.schema("working_group_members")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .create()
        try await database.schema("action_items")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("contract_id", .uuid, .references("contracts", "id"))
            .field("project", .string, .required)
            .field("description", .string, .required)
            .field("owner_user_id", .uuid, .references("users", "id"))
            .field("deadline", .string, .required)
            .field("done_at", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema("meetings")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("kind", .string, .required)
            .field("planned_on", .string, .required)
            .field("agenda", .string, .required)
            .field("minutes", .string)
            .field("created_by", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["meetings", "action_items", "working_group_members", "action_plans"] {
            try await database.schema(table).delete()
        }
    }
}
