import Fluent

/// Evaluations of a contract's social return by buyer and supplier (step 4b).
struct M2026_11_30_16_CreateContractEvaluations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contract_evaluations")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required)
            .field("side", .string, .required)
            .field("what_worked", .string, .required)
            .field("lessons", .string, .required)
            .field("judgement", .int)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contract_evaluations").delete()
    }
}
