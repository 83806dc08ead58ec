import Fluent

/// A register entry's PSO certificate (number and last valid day) and what the enterprise offers, kept by the
/// enterprise itself.
struct M2026_11_30_19_AddCertificateToSocialEnterprises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters one at a time.
        for field in ["pso_certificate", "pso_valid_until", "offers"] {
            try await database.schema("social_enterprises").field(.string(field), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for field in ["pso_certificate", "pso_valid_until", "offers"] {
            try await database.schema("social_enterprises").deleteField(.string(field)).update()
        }
    }
}
