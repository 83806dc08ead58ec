import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Paid hours over the API, the form and the import: what is refused, and how a report values what is recorded.
/// WW is € 20.000 a year (2.000.000 cents); a paid hour is worth 2.000.000 × 7 / (3.600 × 365) cents per hundredth.
@Suite("Paid hours in reports")
struct PaidHoursInReportsTests {
    /// A running contract of supplier A with one WW placement of 36 hours a week from 15 January 2026.
    static func placement(in world: TestWorld) async throws -> (contract: UUID, placement: UUID) {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let p = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
            "reference": "GL-0440", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 36, "start": "2026-01-15"] as [String: JSONValue])
        #expect(p.status == .created, "\(p.body.string)")
        return (c, try p.content.decode(IDOnly.self).id)
    }

    static func hours(_ world: TestWorld, _ c: UUID, _ p: UUID, _ from: String, _ to: String, _ hours: Double) async throws -> XCTHTTPResponse {
        try await world.request(.POST, "/api/v1/contracts/\(c)/placements/\(p)/hours", as: "reporterA",
                                json: ["periodStart": .string(from), "periodEnd": .string(to), "hours": .double(hours)] as [String: JSONValue])
    }

    static func submitQ1(_ world: TestWorld, _ c: UUID) async throws -> ReportDTO {
        let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                        json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue]).content.decode(IDOnly.self).id
        let submitted = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA")
        #expect(submitted.status == .ok, "\(submitted.body.string)")
        return try submitted.content.decode(ReportDTO.self)
    }

    static let importHeader = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"

    /// Supplier A's reporter imports `csv` into contract `c`.
    static func importHours(_ world: TestWorld, _ c: UUID, _ csv: String) async throws -> XCTHTTPResponse {
        try await world.request(.POST, "/api/v1/contracts/\(c)/imports/hours", as: "reporterA", headers: ["Content-Type": "text/csv"], body: csv)
    }

    /// A refused import's problems as "line column" (or "line message").
    static func refusedLines(_ res: XCTHTTPResponse, withMessage: Bool = false) throws -> [String] {
        #expect(res.status == .unprocessableEntity, "\(res.body.string)")
        let problems = try #require(try res.content.decode(ErrorResponder.Body.self).error.problems)
        return problems.map { "\($0.line) \(withMessage ? $0.message : $0.column)" }
    }

    static func problem(_ res: XCTHTTPResponse) -> (status: HTTPStatus, field: String?, message: String) {
        let first = (try? res.content.decode(ErrorResponder.Body.self))?.error.details?.first
        return (res.status, first?.field, first?.message ?? "")
    }

    @Test("900 hours in a month, hours before the placement and an overlapping period are refused, each naming its field")
    func implausibleHoursAreRefused() async throws {
        try await withWorld { world in
            // Arrange
            let (c, p) = try await Self.placement(in: world)
            // Act
            let tooMany = Self.problem(try await Self.hours(world, c, p, "2026-02-01", "2026-02-28", 900))
            let before = Self.problem(try await Self.hours(world, c, p, "2026-01-01", "2026-01-10", 40))
            let fine = try await Self.hours(world, c, p, "2026-02-01", "2026-02-28", 140)
            let overlap = Self.problem(try await Self.hours(world, c, p, "2026-02-20", "2026-03-10", 50))
            let replaced = try await Self.hours(world, c, p, "2026-02-01", "2026-02-28", 130)
            // Check: February holds at most 4 × 60 = 240 hours; the placement starts on 15 January.
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.field == "hours")
            #expect(tooMany.message.contains("hoogstens 240 uur"))
            #expect(before.field == "periodStart")
            #expect(before.message.contains("valt buiten de plaatsing"))
            #expect(fine.status == .created)
            #expect(overlap.field == "periodStart")
            #expect(overlap.message.contains("overlapt met de al vastgelegde uren over 1 februari 2026 – 28 februari 2026"))
            #expect(replaced.status == .created, "the same period again replaces its hours")
            // A year's payroll in one period is normal: 1.300 hours over 2027 (at most 52 × 60 + 12 = 3.132).
            let year = try await Self.hours(world, c, p, "2027-01-01", "2027-12-31", 1_300)
            #expect(year.status == .created, "\(year.body.string)")
            let stored = try await PaidHoursModel.query(on: world.app.db).sort(\.$periodStart).all().map(\.hoursHundredths)
            #expect(stored == [13_000, 130_000])
        }
    }

    @Test("A report values January by its 80 paid hours and the other 59 days on the contracted hours; with the policy 'tellen niet mee' only the 80 hours")
    func reportValuesPaidHours() async throws {
        try await withWorld { world in
            // Arrange: 80 hours paid over January (the placement ran 15–31 January, 17 days).
            let (c, p) = try await Self.placement(in: world)
            #expect(try await Self.hours(world, c, p, "2026-01-01", "2026-01-31", 80).status == .created)
            // Act
            let report = try await Self.submitQ1(world, c)
            // Check: 2.000.000 × 8.000 × 7 / 1.314.000 = 85.235,9 → 85.236 cents; 15 January – 31 March is 76 days,
            // 59 of them unpaid: 2.000.000 × 3.600 × 59 / 1.314.000 = 323.287,7 → 323.288; together 408.524.
            let line = try #require(report.items.first)
            #expect(line.valueCents == 408_524)
            #expect(line.explanation.contains("80 verloonde uren over 17 dagen"))
            #expect(line.explanation.contains("59 dagen zonder verloonde uren, op de contracturen"))

            // Arrange: the buyer decides that days without paid hours do not count, then a second contract.
            let put = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                              json: ["settings": ["unpaidPeriods": "not_counted"], "note": "alleen verloonde uren"] as [String: JSONValue])
            #expect(put.status == .ok, "\(put.body.string)")
            let bad = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                              json: ["settings": ["unpaidPeriods": "soms"]] as [String: JSONValue])
            #expect(Self.problem(bad).field == "unpaidPeriods")
            let (c2, p2) = try await Self.placement(in: world)
            #expect(try await Self.hours(world, c2, p2, "2026-01-01", "2026-01-31", 80).status == .created)
            // Act
            let strict = try await Self.submitQ1(world, c2)
            // Check
            let strictLine = try #require(strict.items.first)
            #expect(strictLine.valueCents == 85_236)
            #expect(strictLine.explanation.contains("59 dagen zonder verloonde uren tellen niet mee (beleid)."))
        }
    }

    @Test("The import refuses 900 hours, hours before the placement and overlapping periods, by line and column, and writes nothing")
    func importRefusesImplausibleHours() async throws {
        try await withWorld { world in
            // Arrange: one earlier recorded month for the placement GL-0440.
            let (c, p) = try await Self.placement(in: world)
            #expect(try await Self.hours(world, c, p, "2026-02-01", "2026-02-28", 140).status == .created)
            let csv = Self.importHeader + """
                GL-0440;;;;1-3-2026;31-3-2026;900
                GL-0440;;;;1-1-2026;10-1-2026;20
                GL-0440;;;;15-2-2026;28-2-2026;50
                GL-0501;ww;1-4-2026;32;1-4-2026;30-4-2026;120
                GL-0501;;;;20-4-2026;10-5-2026;60
                GL-0502;ww;1-4-2026;32;1-4-2026;30-4-2026;120

                """
            // Act
            let res = try await Self.importHours(world, c, csv)
            // Check: line 2 too many (March: at most 276), line 3 before the start, line 4 overlaps February (recorded),
            // lines 5 and 6 overlap each other; line 7 is fine but nothing is written.
            #expect(try Self.refusedLines(res) == ["2 verloonde_uren", "3 periode_van", "4 periode_van", "5 periode_van", "6 periode_van"])
            #expect(try Self.refusedLines(res, withMessage: true).first?.contains("hoogstens 276 uur") == true)
            #expect(try await PaidHoursModel.query(on: world.app.db).count() == 1)
            #expect(try await PlacementModel.query(on: world.app.db).count() == 1)
        }
    }

    @Test("Periods out of order import; a period repeated after others is still named with its first line")
    func importOutOfOrder() async throws {
        try await withWorld { world in
            // Arrange: March, January, February of one candidate; then the same with January once more at the end.
            let (c, _) = try await Self.placement(in: world)
            let months = Self.importHeader + "GL-0440;;;;1-3-2026;31-3-2026;150\nGL-0440;;;;15-1-2026;31-1-2026;70\nGL-0440;;;;1-2-2026;28-2-2026;140\n"
            // Act
            let repeated = try await Self.importHours(world, c, months + "GL-0440;;;;15-1-2026;31-1-2026;75\n")
            let unordered = try await Self.importHours(world, c, months)
            // Check: line 5 repeats line 3 and nothing is written; without it all three months are.
            #expect(try Self.refusedLines(repeated, withMessage: true) == ["5 dezelfde kandidaat en periode staan al op regel 3"])
            #expect(unordered.status.code < 300, "\(unordered.body.string)")
            let recorded = try await PaidHoursModel.query(on: world.app.db).sort(\.$periodStart).all()
            #expect(recorded.map(\.hoursHundredths) == [7_000, 14_000, 15_000])
        }
    }

    @Test("An import whose only problems are overlaps names each overlapping line, keeps a repeated recorded period and writes nothing")
    func importRefusesOnlyOverlaps() async throws {
        try await withWorld { world in
            // Arrange: February (140 h) and March (150 h) recorded for GL-0440.
            let (c, p) = try await Self.placement(in: world)
            #expect(try await Self.hours(world, c, p, "2026-02-01", "2026-02-28", 140).status == .created)
            #expect(try await Self.hours(world, c, p, "2026-03-01", "2026-03-31", 150).status == .created)
            let csv = Self.importHeader + """
                GL-0440;;;;1-2-2026;28-2-2026;160
                GL-0440;;;;15-3-2026;15-4-2026;60
                GL-0501;ww;1-4-2026;32;1-4-2026;30-4-2026;120
                GL-0501;;;;20-4-2026;10-5-2026;60
                GL-0502;ww;1-4-2026;32;1-4-2026;30-4-2026;120

                """
            // Act
            let res = try await Self.importHours(world, c, csv)
            // Check: line 2 repeats recorded February (it would replace it: no problem); line 3 overlaps recorded March;
            // lines 4 and 5 overlap each other; line 6 is fine. Nothing written: February keeps its 140 hours.
            #expect(try Self.refusedLines(res) == ["3 periode_van", "4 periode_van", "5 periode_van"])
            let recorded = try await PaidHoursModel.query(on: world.app.db).sort(\.$periodStart).all()
            #expect(recorded.map(\.hoursHundredths) == [14_000, 15_000])
            #expect(try await PlacementModel.query(on: world.app.db).count() == 1)
        }
    }
}
}
