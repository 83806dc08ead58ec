import Fluent

/// A placement's target group verified by a job service (and when), and the vacancy it filled.
struct M2026_11_30_26_AddVerificationToPlacements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("placements").field("verified_by", .uuid).update()
        try await database.schema("placements").field("verified_on", .string).update()
        try await database.schema("placements").field("vacancy_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["verified_by", "verified_on", "vacancy_id"] {
            try await database.schema("placements").deleteField(.string(field)).update()
        }
    }
}
