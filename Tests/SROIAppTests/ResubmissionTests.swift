import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("A resubmitted report")
struct ResubmissionTests {
    @Test("After more information is asked and the report comes back, the reviewer sees what changed, with old and new values")
    func showsChanges() async throws {
        try await withWorld { world in
            // Arrange: a report with one placement, submitted, then information asked.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let p = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "P-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue])
            let placement = try p.content.decode(IDOnly.self).id
            let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                            json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue]).content.decode(IDOnly.self).id
            let first = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA").content.decode(ReportDTO.self)
            #expect(first.changes == nil)
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/request-info", as: "coordinator",
                                        json: ["comment": "Klopt het aantal uren?"] as [String: JSONValue])
            // Act: fewer hours a week, and a second placement; submitted again.
            _ = try await world.request(.PATCH, "/api/v1/contracts/\(c)/placements/\(placement)", as: "reporterA", json: ["hoursPerWeek": 24] as [String: JSONValue])
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "P-2", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 20, "start": "2026-02-01"] as [String: JSONValue])
            let again = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA")
            #expect(again.status == .ok, "\(again.body.string)")
            // Check: one line changed from 32 to 24 hours a week (value × 24/32), one new, totals before and after.
            let report = try await world.request(.GET, "/api/v1/contracts/\(c)/reports/\(r)", as: "coordinator").content.decode(ReportDTO.self)
            let changes = try #require(report.changes)
            #expect(changes.added.count == 1)
            #expect(changes.removed.isEmpty)
            let changed = try #require(changes.changed.first)
            #expect(changed.sourceId == placement.uuidString)
            #expect(changed.afterCents == divideRoundingHalfUp(changed.beforeCents * 24, by: 32))
            #expect(changes.previousTotalCents == first.totalCents)
            #expect(changes.totalCents == report.totalCents)
            // The reviewer's page says so in words.
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let page = try await browser.get("/contracts/\(c)/reports/\(r)").body.string
            #expect(page.contains("Gewijzigd sinds de vorige indiening"))
            #expect(page.contains("Nieuw: "))
            #expect(page.contains("Gewijzigd: "))
            // A viewer, who sees no lines, gets no changes either.
            #expect(try await world.request(.GET, "/api/v1/contracts/\(c)/reports/\(r)", as: "viewer").content.decode(ReportDTO.self).changes == nil)
        }
    }
}
}
