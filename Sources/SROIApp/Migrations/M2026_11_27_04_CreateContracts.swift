import Fluent
import SQLKit

struct M2026_11_27_04_CreateContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contracts")
            .id()
            .field("title", .string, .required)
            .field("buyer_id", .uuid, .required, .references("organisations", "id"))
            .field("supplier_id", .uuid, .references("organisations", "id"))
            .field("cpv", .string)
            .field("kind", .string, .required)
            .field("value_cents", .int64, .required)
            .field("wage_sum_cents", .int64)
            .field("labour_share_bp", .int)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("region", .string)
            .field("status", .string, .required)
            .field("framework_id", .uuid, .references("contracts", "id"))
            .field("publication_date", .string)
            .field("extension_until", .string)
            .field("policy_version_id", .uuid, .references("policy_versions", "id"))
            .field("override_applicable", .bool)
            .field("override_amount_cents", .int64)
            .field("override_reason", .string)
            .field("override_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // Every list is scoped by buyer or by supplier.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "contracts_buyer_id_idx").on("contracts").column("buyer_id").run()
            try await sql.create(index: "contracts_supplier_id_idx").on("contracts").column("supplier_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contracts").delete()
    }
}
