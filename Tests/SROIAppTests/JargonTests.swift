import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Jargon is explained where it appears: a link to the glossary entry, and the entry exists.
@Suite("Words a supplier understands")
struct JargonTests {
    /// A running contract of supplier A with one placement since 1 January 2026 (26 hours a week), and supplier A's
    /// reporter logged in on the web.
    static func runningContractWithOnePlacement(_ world: TestWorld, targetGroup: String) async throws -> (UUID, WebSession) {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let placed = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
            "reference": "GL-1", "block": "employment", "targetGroup": .string(targetGroup), "hoursPerWeek": 26, "start": "2026-01-01"] as [String: JSONValue])
        #expect(placed.status == .created, "\(placed.body.string)")
        let supplier = WebSession(app: world.app)
        try await supplier.login("reportera@test.example")
        return (c, supplier)
    }

    @Test("A share of nobody reads \"nog niet te zeggen\", not \"0 van 0\"; otherwise \"3 van 4\", with the \"< 5\" rule")
    func aShareOfNobodySaysSo() async throws {
        // The words.
        #expect(FigureWords.part(.exact(3), of: .exact(4)) == "3 van 4")
        #expect(FigureWords.part(.exact(0), of: .exact(6)) == "0 van 6")
        #expect(FigureWords.part(.fewerThanFive, of: .exact(12)) == "< 5 van 12")
        #expect(FigureWords.part(.exact(0), of: .exact(0)) == "nog niet te zeggen")
        #expect(FigureWords.part(.withheld, of: .fewerThanFive) == "afgeschermd van < 5")
        try await withWorld { world in
            // Arrange: one placement since 1 January 2026, running on 27 November 2026: old enough for 6 months,
            // not for 12, and not yet judged for durability (not ended, no outcome, not 12 months).
            let (c, supplier) = try await Self.runningContractWithOnePlacement(world, targetGroup: "ww")
            // Act
            let page = try await supplier.get("/contracts/\(c)").body.string
            // Check
            #expect(page.contains("1 van 1"), "still at work after 6 months")
            #expect(page.components(separatedBy: FigureWords.notYet).count == 3, "12 months and durable: nothing to say yet")
            #expect(!page.contains("0 van 0"))
        }
    }

    @Test("Banenafspraakbaan, draaideur, duurzaam, IPS, PSO-trede and art. 2.82 link to their explanation on the pages that use them")
    func jargonLinksToTheGlossary() async throws {
        try await withWorld { world in
            // Arrange: a running contract with a placement, so the contract page shows its figures.
            let (c, supplier) = try await Self.runningContractWithOnePlacement(world, targetGroup: "banenafspraak")
            let coordinator = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            // Act
            let contractPage = try await supplier.get("/contracts/\(c)").body.string
            let placementForm = try await supplier.get("/contracts/\(c)/placements/new").body.string
            let activityForm = try await supplier.get("/contracts/\(c)/activities/new").body.string
            let register = try await coordinator.get("/sociale-ondernemingen").body.string
            let management = try await coordinator.get("/management").body.string
            let glossary = try await coordinator.get("/uitleg").body.string
            // Check: every link goes to an entry that exists.
            #expect(contractPage.contains("href=\"/uitleg#banenafspraak\""))
            #expect(placementForm.contains("href=\"/uitleg#banenafspraak\""))
            #expect(placementForm.contains("href=\"/uitleg#ips\""))
            #expect(activityForm.contains("href=\"/uitleg#art282\""))
            #expect(register.contains("href=\"/uitleg#pso\""))
            #expect(register.contains("href=\"/uitleg#art282\""))
            #expect(management.contains("href=\"/uitleg#banenafspraak\""))
            for anchor in ["banenafspraak", "ips", "art282", "pso", "draaideur", "duurzaam"] {
                #expect(glossary.contains("id=\"\(anchor)\""), "\(anchor)")
            }
        }
    }
}
}
