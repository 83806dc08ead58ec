import Foundation
import SQLKit
import Testing
import XCTVapor
@testable import SROIApp

extension AppTests {
/// The database keeps each placement's paid hours per calendar year beside the hours themselves
/// (`M2026_12_01_02_KeepPlacementHoursPerYear`, issue 20): the dashboard reads one row a placement instead of a
/// year of weekly rows. A period counts in a year when it starts and ends in it.
@Suite("Paid hours per year")
struct PlacementYearHoursTests {
    struct YearRow: Decodable, Equatable, CustomStringConvertible {
        var year: Int; var hours: Int64; var periods: Int64
        var description: String { "\(year): \(hours) (\(periods))" }
    }

    /// The kept rows of one placement, and the same grouped from `paid_hours` by hand.
    static func kept(_ sql: any SQLDatabase, _ placement: UUID) async throws -> (kept: [YearRow], grouped: [YearRow]) {
        let kept = try await sql.raw("""
            SELECT year, hours, periods FROM placement_year_hours WHERE placement_id = \(bind: placement) ORDER BY year
            """).all(decoding: YearRow.self)
        let grouped = try await sql.raw("""
            SELECT CAST(substr(period_start, 1, 4) AS INTEGER) AS year, CAST(SUM(hours) AS BIGINT) AS hours, CAST(COUNT(*) AS BIGINT) AS periods
            FROM paid_hours WHERE placement_id = \(bind: placement) AND substr(period_start, 1, 4) = substr(period_end, 1, 4)
            GROUP BY CAST(substr(period_start, 1, 4) AS INTEGER) ORDER BY 1
            """).all(decoding: YearRow.self)
        return (kept, grouped)
    }

    @Test("Kept through the API, the import, changes written by hand and deletion; a period across New Year counts in neither year")
    func keptOnEveryChange() async throws {
        try await withWorld { world in
            // Arrange: a banenafspraak placement on a running contract
            let sql = try #require(world.app.db as? any SQLDatabase)
            let contract = try await FulfilmentAPITests.runningContract(world)
            let base = "/api/v1/contracts/\(contract)"
            let created = try await FulfilmentAPITests.post(world, "\(base)/placements", as: "reporterA", [
                "bsn": "111222333", "block": "employment", "targetGroup": "banenafspraak", "hoursPerWeek": 36, "start": "2026-01-01"])
            #expect(created.status == .created, "\(created.body.string)")
            let placement = try created.content.decode(IDOnly.self).id

            // Act 1: four periods through the API (hours in hundredths: 150 h = 15.000)
            for (start, end, hours) in [("2026-01-01", "2026-01-31", 150), ("2026-02-01", "2026-02-28", 140),
                                        ("2026-12-28", "2027-01-03", 40), ("2027-01-04", "2027-01-31", 120)] {
                let posted = try await FulfilmentAPITests.post(world, "\(base)/placements/\(placement)/hours", as: "reporterA",
                                                              ["periodStart": .string(start), "periodEnd": .string(end), "hours": .int(Int64(hours))])
                #expect(posted.status == .created || posted.status == .ok, "\(posted.body.string)")
            }
            // Check 1: 2026 = 150 + 140 = 290 h over two periods, 2027 = 120 h; the week across New Year in neither
            var now = try await Self.kept(sql, placement)
            #expect(now.kept == [YearRow(year: 2026, hours: 29_000, periods: 2), YearRow(year: 2027, hours: 12_000, periods: 1)])
            #expect(now.kept == now.grouped)

            // Act 2: the payroll file replaces January with 160 h and repeats February unchanged
            let csv = "bsn;periode_van;periode_tot;verloonde_uren\n111222333;2026-01-01;2026-01-31;160\n111222333;2026-02-01;2026-02-28;140\n"
            let imported = try await FulfilmentAPITests.importCSV(world, csv, contract: contract)
            #expect(imported.status == .ok, "\(imported.body.string)")
            // Check 2: 160 + 140 = 300 h; a refused file (one bad row) changes nothing
            now = try await Self.kept(sql, placement)
            #expect(now.kept == [YearRow(year: 2026, hours: 30_000, periods: 2), YearRow(year: 2027, hours: 12_000, periods: 1)])
            let refused = try await FulfilmentAPITests.importCSV(world, "bsn;periode_van;periode_tot;verloonde_uren\n111222333;2026-01-01;2026-01-31;170\n111222333;2026-03-01;2026-03-31;veel\n", contract: contract)
            #expect(refused.status != .ok)
            #expect(try await Self.kept(sql, placement).kept == now.kept)

            // Act 3: February moved to 2027 by hand (as another program might), then January deleted
            try await sql.raw("""
                UPDATE paid_hours SET period_start = '2027-02-01', period_end = '2027-02-28' WHERE placement_id = \(bind: placement) AND period_start = '2026-02-01'
                """).run()
            let moved = try await Self.kept(sql, placement)
            try await sql.raw("DELETE FROM paid_hours WHERE placement_id = \(bind: placement) AND period_start = '2026-01-01'").run()
            now = try await Self.kept(sql, placement)

            // Check 3: 2026 keeps January's 160 h, 2027 gains February's 140 (120 + 140 = 260 h); with January gone 2026 has no row
            #expect(moved.kept == [YearRow(year: 2026, hours: 16_000, periods: 1), YearRow(year: 2027, hours: 26_000, periods: 2)])
            #expect(moved.kept == moved.grouped)
            #expect(now.kept == [YearRow(year: 2027, hours: 26_000, periods: 2)])
            #expect(now.kept == now.grouped)
        }
    }

    @Test("The migration fills the table from the hours already recorded, and its revert removes table and triggers")
    func migrationFillsAndReverts() async throws {
        try await withWorld { world in
            // Arrange: a placement with two periods in 2026
            let sql = try #require(world.app.db as? any SQLDatabase)
            let contract = try await FulfilmentAPITests.runningContract(world)
            let csv = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
                + "R-1;banenafspraak;2026-01-01;20;2026-01-01;2026-01-31;86,5\nR-1;banenafspraak;2026-01-01;20;2026-02-01;2026-02-28;80\n"
            let imported = try await FulfilmentAPITests.importCSV(world, csv, contract: contract)
            #expect(imported.status == .ok, "\(imported.body.string)")
            struct IDRow: Decodable { var id: UUID }
            let placement = try #require(try await sql.raw("SELECT id FROM placements WHERE contract_id = \(bind: contract)").first(decoding: IDRow.self)).id
            let migration = M2026_12_01_02_KeepPlacementHoursPerYear()

            // Act: revert, change the hours with nothing keeping the table, then prepare again
            try await migration.revert(on: world.app.db)
            struct Name: Decodable { var name: String }
            let left = try await sql.raw(sql.dialect.name == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE name LIKE '%year%'"
                : "SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE '%year%' UNION ALL SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%year%'"
            ).all(decoding: Name.self).map(\.name)
            try await sql.raw("UPDATE paid_hours SET hours = 1000 WHERE placement_id = \(bind: placement) AND period_start = '2026-02-01'").run()
            try await migration.prepare(on: world.app.db)

            // Check: the revert left nothing; 86,5 h + 10 h = 96,5 h, read from what was recorded
            #expect(left.isEmpty, "\(left)")
            let now = try await Self.kept(sql, placement)
            #expect(now.kept == [YearRow(year: 2026, hours: 9_650, periods: 2)])
            try await sql.raw("DELETE FROM paid_hours WHERE placement_id = \(bind: placement)").run()
            #expect(try await Self.kept(sql, placement).kept.isEmpty, "the triggers are back after prepare")
        }
    }
}
}
