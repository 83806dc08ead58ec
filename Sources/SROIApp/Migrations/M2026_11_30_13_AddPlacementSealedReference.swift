import Fluent

/// The supplier's own reference of a placement, sealed (`ReferenceCipher`): only that supplier reads it back.
struct M2026_11_30_13_AddPlacementSealedReference: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("placements").field("sealed_reference", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("placements").deleteField("sealed_reference").update()
    }
}
