import Fluent

/// The labour-market regions a job service covers beyond its own (comma-separated).
struct M2026_11_30_23_AddRegionsToOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("regions", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").deleteField("regions").update()
    }
}
