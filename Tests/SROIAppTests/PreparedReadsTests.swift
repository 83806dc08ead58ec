import FluentPostgresDriver
import Foundation
import PostgresNIO
import SQLKit
import Testing
@testable import SROIApp

extension AppTests {
/// On PostgreSQL the token, a contract with its context, its report lines and its placements are read by named
/// prepared statements (`PreparedReads`); they must read what the same statements read unprepared, and PostgreSQL
/// must keep them on the connection. On SQLite the same texts run with numbered parameters. (The lines and the
/// placements are compared through every progress test, on both databases.)
@Suite("Prepared reads on PostgreSQL")
struct PreparedReadsTests {
    @Test("A contract with its context and a token with its user read the same prepared as unprepared; the connection keeps every prepared statement")
    func preparedReadsAgree() async throws {
        try await withWorld { world in
            // Arrange: contracts of every kind the context knows (a framework with an awarded call-off, a contract of a
            // supplier, a planned one without a supplier)
            let framework = try await world.createContract(["title": "Raamovereenkomst", "status": "running",
                                                            "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Nadere opdracht", "status": "awarded", "frameworkId": .string(framework.uuidString),
                                                "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Gepland", "supplierId": nil])
            let sql = try #require(world.app.db as? any SQLDatabase)
            let ids = try await sql.raw("SELECT id FROM contracts").all().map { try $0.decode(column: "id", as: UUID.self) }
            let token = try #require(world.tokens["coordinator"])

            for id in ids {
                // Act
                let prepared = try #require(try await Access.contractWithContext(id, on: world.app.db))
                let plain = try #require(try await sql.raw("SELECT c.*, \(ObligationService.contextColumns) FROM contracts c WHERE c.id = \(bind: id)")
                    .all().first.map(SQLKitColumns.init))
                let plainRecord = try ContractRecord(row: plain)

                // Check
                #expect(String(describing: prepared.0) == String(describing: plainRecord))
                #expect(prepared.1 == (try ObligationService.context(in: plain, of: plainRecord)))
            }
            #expect(ids.count == 3)
            // Every text holds `$` only in its numbered parameters, which SQLite reads as `?n`.
            for text in [TokenHolderRead.sql, ContractWithContextRead.sql, ReportLinesRead.sql, ProgressPlacementsRead.sql,
                         SupplierProgressPlacementsRead.sql] {
                let dollars = text.indices.filter { text[$0] == "$" }
                #expect(!dollars.isEmpty && dollars.allSatisfy { text[text.index(after: $0)].isNumber }, "\(text)")
            }
            #expect(SupplierProgressPlacementsRead.sqliteText.contains("sc.supplier_id = ?2") && !SupplierProgressPlacementsRead.sqliteText.contains("$"))
            let holder = try #require(try await APITokens.holder(ofHash: APITokens.hash(token), on: sql))
            #expect(holder.email == "coordinator@test.example" && holder.organisation_id == world.buyer && holder.active)
            #expect(try await APITokens.holder(ofHash: APITokens.hash(token + "x"), on: sql) == nil)

            // PostgreSQL keeps the statements on the connection that ran them.
            if let postgres = world.app.db as? any PostgresDatabase {
                let kept = try await postgres.withConnection { connection in
                    connection.eventLoop.makeFutureWithTask {
                        @Sendable func run<S: PreparedRead>(_ statement: S) async throws -> Int {
                            var count = 0
                            for try await _ in try await connection.execute(statement, logger: world.app.logger) { count += 1 }
                            return count
                        }
                        #expect(try await run(ContractWithContextRead(id: ids[0])) == 1)
                        #expect(try await run(TokenHolderRead(hash: "onbekend")) == 0)
                        #expect(try await run(ReportLinesRead(contractID: ids[0])) == 0)
                        #expect(try await run(ProgressPlacementsRead(contractID: ids[0])) == 0)
                        #expect(try await run(SupplierProgressPlacementsRead(contractID: ids[0], supplier: world.supplierA)) == 0)
                        return try await connection.query("SELECT name FROM pg_prepared_statements", logger: world.app.logger)
                            .collect().map { try $0.decode(String.self) }
                    }
                }.get()
                #expect(Set(kept).isSuperset(of: [ContractWithContextRead.name, TokenHolderRead.name, ReportLinesRead.name,
                                                  ProgressPlacementsRead.name, SupplierProgressPlacementsRead.name]))
            }
        }
    }
}
}
