import Fluent

/// A supplier's vacancy for one of its contracts, seen by the job services of its region and the contract's buyer.
struct M2026_11_30_24_CreateVacancies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("vacancies")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("supplier_id", .uuid, .required)
            .field("potential_job_id", .uuid)
            .field("title", .string, .required)
            .field("tasks", .string, .required)
            .field("hours_per_week", .int64, .required)
            .field("place", .string)
            .field("region", .string, .required)
            .field("start_date", .string, .required)
            .field("blocks", .string, .required)
            .field("target_groups", .string, .required)
            .field("requirements", .string)
            .field("contact", .string, .required)
            .field("status", .string, .required)
            .field("placement_id", .uuid)
            .field("filled_at", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("vacancies").delete()
    }
}
