import Fluent

/// A contract reserved for social enterprises (voorbehouden opdracht, art. 2.82 Aanbestedingswet).
struct M2026_11_30_15_AddReservedToContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contracts").field("reserved", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contracts").deleteField("reserved").update()
    }
}
