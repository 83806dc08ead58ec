import Fluent

struct M2026_11_27_01_CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("kvk", .string)
            .field("region", .string)
            .field("created_at", .datetime)
            .unique(on: "kvk")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}
