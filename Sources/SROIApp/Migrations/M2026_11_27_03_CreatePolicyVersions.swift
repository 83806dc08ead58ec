import Fluent

struct M2026_11_27_03_CreatePolicyVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("policy_versions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("number", .int, .required)
            .field("settings", .string, .required)
            .field("created_by", .uuid)
            .field("note", .string)
            .field("created_at", .datetime)
            .unique(on: "organisation_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("policy_versions").delete()
    }
}
