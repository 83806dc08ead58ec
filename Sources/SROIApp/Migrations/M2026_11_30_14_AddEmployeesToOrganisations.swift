import Fluent

/// An organisation's number of employees: a policy may set a lighter regime for small suppliers.
struct M2026_11_30_14_AddEmployeesToOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("employees", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").deleteField("employees").update()
    }
}
