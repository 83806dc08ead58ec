import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Step 4b's last parts: a supplier shares a buyer's judgement as a reference; a buyer publishes success stories.
@Suite("References and success stories")
struct ReferencesAndStoriesTests {
    /// An ended contract of Gemeente Test with Leverancier A, evaluated by the buyer with a 4.
    static func judged(_ world: TestWorld) async throws -> (contract: UUID, evaluation: UUID) {
        let c = try await world.createContract(["status": "ended", "start": "2024-01-01", "end": "2025-12-31",
                                                "supplierId": .string(world.supplierA.uuidString)])
        let e = try await world.request(.POST, "/api/v1/contracts/\(c)/evaluations", as: "coordinator", json: [
            "whatWorked": "Vaste contactpersoon bij het WSP; vier leerwerkplekken", "lessons": "Eerder starten met werving", "judgement": 4] as [String: JSONValue])
        #expect(e.status == .created, "\(e.body.string)")
        return (c, try e.content.decode(IDOnly.self).id)
    }

    @Test("The supplier shares the buyer's 4 as a reference; another buyer then reads it; the buyer cannot share it for the supplier")
    func sharedReference() async throws {
        try await withWorld { world in
            // Arrange
            let (c, evaluation) = try await Self.judged(world)
            let supplierA = world.supplierA!
            let before = try await world.request(.GET, "/api/v1/suppliers/\(supplierA)/references", as: "otherCoordinator").content.decode([ReferenceDTO].self)
            // Act
            let byBuyer = try await world.request(.POST, "/api/v1/contracts/\(c)/evaluations/\(evaluation)/share", as: "coordinator", json: ["shared": true] as [String: JSONValue])
            let shared = try await world.request(.POST, "/api/v1/contracts/\(c)/evaluations/\(evaluation)/share", as: "reporterA", json: ["shared": true] as [String: JSONValue])
            let after = try await world.request(.GET, "/api/v1/suppliers/\(supplierA)/references", as: "otherCoordinator").content.decode([ReferenceDTO].self)
            let otherSupplier = try await world.request(.GET, "/api/v1/suppliers/\(supplierA)/references", as: "reporterB")
            let c2 = try await world.createContract(["status": "running", "supplierId": .string(supplierA.uuidString)], as: "otherCoordinator")
            let browser = WebSession(app: world.app)
            try await browser.login("othercoordinator@test.example")
            let page = try await browser.get("/contracts/\(c2)").body.string
            // Check
            #expect(before.isEmpty)
            #expect(byBuyer.status == .forbidden)
            #expect(shared.status == .ok && json(shared)["sharedAsReference"] as? Bool == true)
            #expect(after.count == 1)
            #expect(after.first?.buyerName == "Gemeente Test" && after.first?.judgement == 4 && after.first?.contractTitle == "Schoonmaak stadhuis")
            #expect(otherSupplier.status == .notFound)
            #expect(page.contains("Referenties van deze opdrachtnemer bij andere opdrachtgevers"))
            #expect(page.contains("Gemeente Test, Schoonmaak stadhuis: 4"))
        }
    }

    @Test("A story with a BSN or without the confirmation is refused; a published story shows on the public page, an unpublished one does not")
    func stories() async throws {
        try await withWorld { world in
            // Arrange: the public page is on.
            let org = try #require(try await OrganisationModel.find(world.buyer, on: world.app.db))
            org.publishedFiguresRaw = "obligation"
            try await org.update(on: world.app.db)
            let base = "/api/v1/organisations/\(world.buyer!)/stories"
            // Act
            let withBSN = try await world.request(.POST, base, as: "coordinator", json: [
                "title": "Van stage naar vaste baan", "body": "Kandidaat 111222333 kreeg een vast contract.", "noPersonalData": true] as [String: JSONValue])
            let unconfirmed = try await world.request(.POST, base, as: "coordinator", json: [
                "title": "Van stage naar vaste baan", "body": "Een leerwerkplek werd een vast contract."] as [String: JSONValue])
            let byViewer = try await world.request(.POST, base, as: "viewer", json: [
                "title": "T", "body": "B", "noPersonalData": true] as [String: JSONValue])
            let draft = try await world.request(.POST, base, as: "coordinator", json: [
                "title": "Van stage naar vaste baan", "body": "Een leerwerkplek bij de schoonmaak werd een vast contract.", "noPersonalData": true] as [String: JSONValue])
            let hiddenPage = try await world.app.testable().sendRequest(.GET, "/openbaar/\(world.buyer!)").body.string
            let id = try draft.content.decode(SuccessStoryDTO.self).id
            let published = try await world.request(.PATCH, "\(base)/\(id)", as: "coordinator", json: ["published": true] as [String: JSONValue])
            let publicPage = try await world.app.testable().sendRequest(.GET, "/openbaar/\(world.buyer!)").body.string
            let otherBuyer = try await world.request(.GET, base, as: "otherCoordinator")
            // Check
            #expect(withBSN.status == .unprocessableEntity)
            #expect(try withBSN.content.decode(ErrorResponder.Body.self).error.details?.first?.message == "de tekst lijkt een BSN te bevatten; een succesverhaal bevat geen persoonsgegevens")
            #expect(errorField(unconfirmed) == "noPersonalData")
            #expect(byViewer.status == .forbidden)
            #expect(draft.status == .created)
            #expect(!hiddenPage.contains("Van stage naar vaste baan"))
            #expect(published.status == .ok)
            #expect(publicPage.contains("<h3>Van stage naar vaste baan</h3>"))
            #expect(otherBuyer.status == .notFound)
            #expect(try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "success_story").count() == 2)
        }
    }

    @Test("The coordinator's page writes and publishes a story")
    func storiesPage() async throws {
        try await withWorld { world in
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let empty = try await browser.get("/succesverhalen")
            let refused = try await browser.post("/succesverhalen", form: [("title", "Groen werkt"), ("body", "Mail ons: info@example.nl"), ("noPersonalData", "yes")])
            let saved = try await browser.post("/succesverhalen", form: [("title", "Groen werkt"), ("body", "Drie mensen kregen werk in het groen."),
                                                                      ("noPersonalData", "yes"), ("published", "yes")])
            let page = try await browser.get("/succesverhalen").body.string
            #expect(empty.status == .ok)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("e-mailadres"))
            #expect(saved.status == .seeOther)
            #expect(page.contains("Groen werkt") && page.contains("gepubliceerd"))
        }
    }
}
}
