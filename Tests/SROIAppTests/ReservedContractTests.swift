import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// A contract reserved for social enterprises (art. 2.82), in the API, the form, the contract page and the dashboard.
@Suite("Reserved contracts")
struct ReservedContractTests {
    @Test("A reserved contract is marked by API and form, shown on its page, and counted on the dashboard with the value bought from social enterprises")
    func reserved() async throws {
        try await withWorld { world in
            // Arrange: one reserved contract by the API, one ordinary one; a social purchase of € 8.000 approved on the first.
            let reserved = try await world.createContract(["title": "Groen door De Brug", "reserved": true, "status": "running",
                                                           "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Gewoon", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.request(.POST, "/api/v1/contracts/\(reserved)/activities", as: "reporterA", json: [
                "block": "social_purchase", "description": "Groenonderhoud", "date": "2026-05-15", "amountCents": 800_000,
                "enterpriseStatus": "art_2_82"] as [String: JSONValue])
            let r = try await world.request(.POST, "/api/v1/contracts/\(reserved)/reports", as: "reporterA",
                                            json: ["periodStart": "2026-04-01", "periodEnd": "2026-06-30"] as [String: JSONValue]).content.decode(IDOnly.self).id
            _ = try await world.request(.POST, "/api/v1/contracts/\(reserved)/reports/\(r)/submit", as: "reporterA")
            _ = try await world.request(.POST, "/api/v1/contracts/\(reserved)/reports/\(r)/approve", as: "coordinator", json: [:] as [String: JSONValue])
            // Act
            let dto = try await world.request(.GET, "/api/v1/contracts/\(reserved)", as: "coordinator").content.decode(ContractDTO.self)
            let dashboard = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard", as: "coordinator").content.decode(DashboardDTO.self)
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let page = try await browser.get("/contracts/\(reserved)").body.string
            let edit = try await browser.get("/contracts/\(reserved)/edit").body.string
            // Check
            #expect(dto.reserved)
            #expect(dashboard.reservedContracts == 1)
            #expect(dashboard.socialPurchaseInYearCents == 800_000)
            #expect(page.contains("Voorbehouden opdracht"))
            #expect(edit.contains("<option value=\"yes\" selected>"))
            // Switched off by a PATCH, the dashboard counts none.
            _ = try await world.request(.PATCH, "/api/v1/contracts/\(reserved)", as: "coordinator", json: ["reserved": false] as [String: JSONValue])
            let after = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard", as: "coordinator").content.decode(DashboardDTO.self)
            #expect(after.reservedContracts == 0)
            // A reserved tender is marked in the portfolio's tender calendar.
            _ = try await world.createContract(["title": "Groen 2027", "cpv": "77310000", "start": "2027-07-01", "end": "2031-06-30",
                                                "publicationDate": "2027-02-01", "reserved": true])
            let portfolio = try await browser.get("/portfolio").body.string
            #expect(portfolio.contains("Groen 2027</a> <a class=\"tag-flag\" href=\"/uitleg#art282\""))
        }
    }
}
}
