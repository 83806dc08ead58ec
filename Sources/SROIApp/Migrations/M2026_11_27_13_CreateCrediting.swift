import Fluent
import FluentSQL
import SQLKit

/// One picture across contracts and buyers: transfers between obligations, joint tenders booked pro rata,
/// stacked jobs, regions and outcomes of placements, the social enterprise register, shared regional policies.
struct M2026_11_27_13_CreateCrediting: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        func add(_ table: String, _ name: String, _ type: DatabaseSchema.DataType, _ constraints: DatabaseSchema.FieldConstraint...) async throws {
            try await database.schema(table).field(.definition(name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: constraints)).update()
        }
        // Existing allocations are the own obligation's: accepted.
        try await add("allocations", "status", .string, .required, .sql(.default("accepted")))
        try await add("allocations", "amount_cents", .int64)
        try await add("allocations", "proposed_by", .uuid)
        try await add("allocations", "decided_at", .datetime)
        try await add("allocations", "effective_from", .string)
        try await add("allocations", "decision_comment", .string)
        try await add("placements", "region", .string)
        try await add("placements", "outcome", .string)
        try await add("placements", "outcome_date", .string)
        try await add("placements", "stacked_job_id", .uuid)
        try await add("organisations", "shares_policy", .bool, .required, .sql(.default(false)))
        try await add("policy_versions", "based_on_version_id", .uuid)

        try await database.schema("contract_participants")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("value_cents", .int64, .required)
            .unique(on: "contract_id", "organisation_id")
            .create()
        try await database.schema("stacked_jobs")
            .id()
            .field("buyer_id", .uuid, .required, .references("organisations", "id"))
            .field("candidate", .string, .required)
            .field("title", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema("social_enterprises")
            .id()
            .field("name", .string, .required)
            .field("kvk", .string, .required)
            .field("pso_step", .string)
            .field("article_2_82", .bool, .required)
            .field("sheltered_workshop", .bool, .required)
            .field("sectors", .string, .required)
            .field("region", .string)
            .field("city", .string)
            .field("website", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "kvk")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "placements_candidate_idx").on("placements").column("candidate").run()
            try await sql.create(index: "contract_participants_org_idx").on("contract_participants").column("organisation_id").run()
            // Partial: almost every contract has no framework, and a full index of NULLs would look useless to the planner.
            try await sql.raw("CREATE INDEX contracts_framework_idx ON contracts (framework_id) WHERE framework_id IS NOT NULL").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["social_enterprises", "stacked_jobs", "contract_participants"] { try await database.schema(table).delete() }
    }
}
