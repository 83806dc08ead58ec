import Fluent
import SQLKit

/// The buyer's own banenafspraak goal, and what it publishes on its transparency page (nothing by default).
struct M2026_11_27_14_ManagementSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("jobs_goal", .int).update()
        try await database.schema("organisations").field("jobs_goal_year", .int).update()
        try await database.schema("organisations").field("published_figures", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "report_items_source_idx").on("report_items").column("source_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for field in ["jobs_goal", "jobs_goal_year", "published_figures"] {
            try await database.schema("organisations").deleteField(.string(field)).update()
        }
    }
}
