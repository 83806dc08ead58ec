import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Every migration's revert undoes all of it: reverting everything leaves no table, index or trigger behind, and
/// migrating again gives exactly the schema the app had.
@Suite("Migrations")
struct MigrationTests {
    struct Row: Decodable, Hashable { var kind: String; var name: String; var detail: String }

    /// Tables with their columns, indexes, constraints and triggers, as text to compare.
    static func schema(_ db: any Database) async throws -> [Row] {
        let sql = db as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            return try await sql.raw("""
                SELECT 'column' AS kind, table_name || '.' || column_name AS name,
                       data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') AS detail
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                UNION ALL SELECT 'trigger', tgrelid::regclass::text || '.' || tgname, '' FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL SELECT 'function', proname, '' FROM pg_proc WHERE pronamespace = 'public'::regnamespace
                ORDER BY 1, 2
                """).all(decoding: Row.self)
        }
        return try await sql.raw("""
            SELECT type AS kind, name, COALESCE(sql, '') AS detail FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
            """).all(decoding: Row.self)
    }

    @Test("Reverting every migration leaves only Fluent's own table; migrating again gives the same schema")
    func downAndUpAgain() async throws {
        try await withWorld { world in
            // Arrange
            let before = try await Self.schema(world.app.db)
            // Act
            try await world.app.autoRevert()
            let empty = try await Self.schema(world.app.db).filter { !$0.name.contains("_fluent_migrations") }
            try await world.app.autoMigrate()
            let after = try await Self.schema(world.app.db)
            // Check
            #expect(empty.isEmpty, "left behind after reverting everything: \(empty.map { "\($0.kind) \($0.name)" })")
            #expect(Set(after) == Set(before), "differs after down and up: \(Set(before).symmetricDifference(Set(after)).map { "\($0.kind) \($0.name)" })")
        }
    }
}
}
