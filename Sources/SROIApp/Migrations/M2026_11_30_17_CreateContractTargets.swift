import Fluent

/// Obligations agreed in jobs, placements or effort instead of euros: one per contract, the target as JSON.
struct M2026_11_30_17_CreateContractTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contract_targets")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("spec", .string, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime)
            .unique(on: "contract_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contract_targets").delete()
    }
}
