import Fluent

/// What a report held each time it was submitted, so the reviewer sees what changed since the last submission.
struct M2026_11_30_12_CreateReportSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("report_submissions")
            .id()
            .field("report_id", .uuid, .required, .references("reports", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("lines", .string, .required)
            .field("submitted_at", .datetime, .required)
            .unique(on: "report_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_submissions").delete()
    }
}
