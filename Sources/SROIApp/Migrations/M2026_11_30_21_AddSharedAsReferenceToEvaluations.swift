import Fluent

/// The supplier may share a buyer's judgement of its social return as a reference with other buyers.
struct M2026_11_30_21_AddSharedAsReferenceToEvaluations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contract_evaluations").field("shared_as_reference", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contract_evaluations").deleteField("shared_as_reference").update()
    }
}
