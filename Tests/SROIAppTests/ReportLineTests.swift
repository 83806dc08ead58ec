import Foundation
import SROIDomain
import Testing
import Vapor
@testable import SROIApp

extension AppTests {
/// The rule "a line counts as pending value while it waits for a decision in a submitted report" lives once
/// (`ReportLine.awaitsReview`); the contract's progress and the buyer's dashboard both follow it.
@Suite("Pending value: a line waiting in a submitted report")
struct ReportLineTests {
    @Test("Only a pending line in a submitted report awaits review; not a decided line, not a line in a draft or a decided report")
    func ruleTable() {
        for decision in LineDecision.allCases {
            for status in ReportStatus.allCases {
                #expect(ReportLine.awaitsReview(decision: decision, reportStatus: status) == (decision == .pending && status == .submitted),
                        "\(decision) in \(status)")
            }
        }
    }

    @Test("Before a report is submitted nothing of it is pending; once submitted, its whole total is pending on progress and dashboard alike")
    func draftThenSubmitted() async throws {
        try await withWorld { world in
            // Arrange: a running contract with one placement, and a draft report of the first quarter
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let base = "/api/v1/contracts/\(c)"
            let placed = try await world.request(.POST, "\(base)/placements", as: "reporterA", json: [
                "reference": "P-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 24, "start": "2026-01-01"] as [String: JSONValue])
            #expect(placed.status == .created, "\(placed.body.string)")
            let report = try await world.request(.POST, "\(base)/reports", as: "reporterA",
                                                 json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
            #expect(report.status == .created, "\(report.body.string)")
            let id = try report.content.decode(IDOnly.self).id
            let total = try #require(json(try await world.request(.GET, "\(base)/reports/\(id)", as: "coordinator"))["totalCents"] as? Int)
            func pending() async throws -> (progress: Int64, dashboard: Int64) {
                let p = try await world.request(.GET, "\(base)/progress", as: "coordinator").content.decode(ProgressDTO.self)
                let d = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard?year=2026", as: "coordinator")
                    .content.decode(DashboardDTO.self)
                return (p.pendingCents, d.pendingCents)
            }

            // Act / Check: not yet submitted, nothing is pending (a draft's lines are written when it is submitted, so
            // the rule table above is what holds a draft's status out)
            #expect(total > 0)
            let draft = try await pending()
            #expect(draft.progress == 0 && draft.dashboard == 0)

            // Act / Check: submitted, the report's whole total is pending, on both
            let submitted = try await world.request(.POST, "\(base)/reports/\(id)/submit", as: "reporterA", json: [String: JSONValue]())
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            let waiting = try await pending()
            #expect(waiting.progress == Int64(total) && waiting.dashboard == Int64(total))
        }
    }
}
}
