import Fluent
import SQLKit

/// An account can be deactivated: it no longer logs in, and its history in the audit log stays.
struct M2026_11_30_05_AddActiveToUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("active", .bool, .required, .sql(.default(true))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("active").update()
    }
}
