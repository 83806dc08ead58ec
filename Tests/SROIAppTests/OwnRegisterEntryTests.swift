import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// A social enterprise keeps its own register entry; a change of status counts once a buyer's coordinator verified it,
/// and a PSO step counts only while its certificate is valid.
@Suite("A social enterprise's own register entry")
struct OwnRegisterEntryTests {
    @Test("De Brug enters PSO step 3 (certificate valid to 30 June 2027): verified by a coordinator, a purchase in May 2026 counts 100%, one in July 2027 no longer as PSO")
    func ownEntryVerifiedAndLapsing() async throws {
        try await withWorld { world in
            // Arrange
            _ = try await DelegationTests.socialEnterprise(world)
            let before = try await world.request(.GET, "/api/v1/social-enterprises/own", as: "brug")
            // Act: the enterprise enters its status and offer.
            let entered = try await world.request(.PUT, "/api/v1/social-enterprises/own", as: "brug", json: [
                "psoStep": "3", "psoCertificate": "PSO-2026-0123", "psoValidUntil": "2027-06-30", "sectors": ["groen", "catering"],
                "offers": "Groenonderhoud en catering; leerwerkplekken in de groenvoorziening"] as [String: JSONValue])
            let unverified = try await world.request(.GET, "/api/v1/social-enterprises/own", as: "brug").content.decode(SocialEnterpriseDTO.self)
            let offerOnly = try await world.request(.PUT, "/api/v1/social-enterprises/own", as: "brug", json: ["city": "Delft"] as [String: JSONValue])
            let notTheirs = try await world.request(.POST, "/api/v1/social-enterprises", as: "brug", json: ["name": "X", "kvk": "40000009"] as [String: JSONValue])
            let proposal = try entered.content.decode(ProposedStatusChangeDTO.self).statusChange
            // Any buyer's coordinator verifies the enterprise's own proposal.
            let verified = try await world.request(.POST, "/api/v1/social-enterprises/\(unverified.id)/status-changes/\(proposal.id)/approve",
                                                   as: "otherCoordinator", json: [:] as [String: JSONValue])
            let entry = try await world.request(.GET, "/api/v1/social-enterprises/own", as: "brug").content.decode(SocialEnterpriseDTO.self)
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let valid = try await world.request(.POST, "/api/v1/contracts/\(c)/activities", as: "reporterA", json: [
                "block": "social_purchase", "description": "Groenonderhoud", "date": "2026-05-15", "amountCents": 800_000,
                "enterpriseKvk": "40000001"] as [String: JSONValue])
            let lapsed = try await world.request(.POST, "/api/v1/contracts/\(c)/activities", as: "reporterA", json: [
                "block": "social_purchase", "description": "Groenonderhoud", "date": "2027-07-15", "amountCents": 800_000,
                "enterpriseKvk": "40000001"] as [String: JSONValue])
            // Check
            #expect(before.status == .notFound)
            #expect(entered.status == .accepted, "\(entered.body.string)")
            #expect(unverified.valuationStatus == nil && unverified.psoStep == nil, "nothing counts before it is verified")
            #expect(unverified.offers == "Groenonderhoud en catering; leerwerkplekken in de groenvoorziening")
            #expect(unverified.name == "Werkbedrijf De Brug" && unverified.kvk == "40000001")
            #expect(offerOnly.status == .ok)
            #expect(notTheirs.status == .forbidden)
            #expect(verified.status == .ok, "\(verified.body.string)")
            #expect(entry.psoStep == "3" && entry.psoCertificate == "PSO-2026-0123" && entry.psoValidUntil == "2027-06-30")
            #expect(entry.valuationStatus == "pso_highest")
            #expect(valid.status == .created, "\(valid.body.string)")
            #expect(json(valid)["valueCents"] as? Int == 800_000, "PSO step 3: 100% of € 8.000")
            // After 30 June 2027 the step no longer counts and De Brug is not art. 2.82: the register gives no status.
            #expect(lapsed.status == .unprocessableEntity)
            #expect(errorField(lapsed) == "enterpriseStatus")
        }
    }

    @Test("The enterprise's page and the coordinator's list of proposals with the certificate")
    func onThePages() async throws {
        try await withWorld { world in
            // Arrange
            _ = try await DelegationTests.socialEnterprise(world)
            let brug = WebSession(app: world.app)
            try await brug.login("brug@test.example")
            // Act
            let form = try await brug.get("/sociale-ondernemingen/eigen").body.string
            let saved = try await brug.post("/sociale-ondernemingen/eigen", form: [
                ("name", "Werkbedrijf De Brug"), ("psoStep", "2"), ("psoCertificate", "PSO-77"), ("psoValidUntil", "2027-12-31"),
                ("article282", "no"), ("shelteredWorkshop", "no"), ("sectors", "schoonmaak"), ("region", ""), ("city", "Delft"),
                ("website", ""), ("offers", "Schoonmaak"), ("reason", "Audit op 1 november 2026")])
            let coordinator = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            let register = try await coordinator.get("/sociale-ondernemingen").body.string
            // Check
            #expect(form.contains("U staat nog niet in het register"))
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(register.contains("certificaat PSO-77, geldig tot en met 31 december 2027"))
            #expect(register.contains("Audit op 1 november 2026"))
        }
    }
}
}
