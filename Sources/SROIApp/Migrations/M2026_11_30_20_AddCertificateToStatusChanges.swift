import Fluent

/// A proposed change of status carries the PSO certificate and its last valid day, to be verified with it, and says
/// whether the enterprise itself proposed it (then any buyer's coordinator may verify it).
struct M2026_11_30_20_AddCertificateToStatusChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for field in ["pso_certificate", "pso_valid_until"] {
            try await database.schema("social_enterprise_status_changes").field(.string(field), .string).update()
        }
        try await database.schema("social_enterprise_status_changes").field("by_enterprise", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["pso_certificate", "pso_valid_until", "by_enterprise"] {
            try await database.schema("social_enterprise_status_changes").deleteField(.string(field)).update()
        }
    }
}
