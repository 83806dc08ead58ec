import Fluent

/// A supplier's authorisation for another organisation (a social enterprise) to record and report for one contract.
struct M2026_11_30_18_CreateContractDelegations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contract_delegations")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("supplier_id", .uuid, .required)
            .field("delegate_organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("granted_by", .uuid)
            .field("granted_at", .datetime)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contract_delegations").delete()
    }
}
