import Fluent
import Foundation
import SQLKit
import Testing
@testable import SROIApp

extension AppTests {
/// `SQLDatabase.rows` reads SQLite's own values (and hands the rows over at once); what it reads must be what
/// SQLKit's decoder reads from the same rows, for every type the app stores. On PostgreSQL both are SQLKit's.
@Suite("Rows read column by column")
struct RowColumnsTests {
    @Test("Text, UUIDs, integers, booleans, times and NULL read as SQLKit's decoder reads them; a Fluent model the same either way")
    func rowReaderAgreesWithSQLKit() async throws {
        try await withWorld { world in
            // Arrange: a contract with a supplier, one without; users with a creation time and none with sessions ended
            _ = try await world.createContract(["title": "Met opdrachtnemer", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Zonder", "status": "planned", "supplierId": nil])
            let sql = try #require(world.app.db as? any SQLDatabase)

            // Act
            let fast = try await sql.rows("SELECT * FROM contracts ORDER BY title").map(ContractRecord.init(row:))
            let slow = try await sql.raw("SELECT * FROM contracts ORDER BY title").all().map { try ContractRecord(row: SQLKitColumns($0)) }
            let users = try await sql.rows("SELECT id, name, active, created_at, sessions_valid_after FROM users ORDER BY email")
            let usersSlow = try await sql.raw("SELECT id, name, active, created_at, sessions_valid_after FROM users ORDER BY email").all().map(SQLKitColumns.init)
            let models = try await sql.models("SELECT * FROM users ORDER BY email", as: UserModel.self)

            // Check
            #expect(fast.count >= 2 && fast.count == slow.count)
            #expect(fast.map { String(describing: $0) } == slow.map { String(describing: $0) })
            #expect(fast.contains { $0.supplierID == nil } && fast.contains { $0.supplierID == world.supplierA })
            #expect(users.count >= 7 && users.count == usersSlow.count && models.count == users.count)
            for ((a, b), model) in zip(zip(users, usersSlow), models) {
                #expect(try a.uuid("id") == b.uuid("id") && model.id == a.uuid("id"))
                #expect(try a.string("name") == b.string("name"))
                #expect(try a.bool("active") == b.bool("active"))
                #expect(try a.optionalDate("created_at") == b.optionalDate("created_at") && a.optionalDate("created_at") != nil)
                #expect(try a.optionalDate("sessions_valid_after") == nil && b.optionalDate("sessions_valid_after") == nil)
            }
            #expect(throws: (any Error).self) { try users[0].uuid("name") }
            #expect(throws: (any Error).self) { try users[0].string("no_such_column") }
        }
    }
}
}
