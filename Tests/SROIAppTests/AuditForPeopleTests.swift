import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("The audit log for people")
struct AuditForPeopleTests {
    @Test("A change reads as fields with before and after, in Dutch words; nothing changed is left out")
    func readableChange() {
        // Arrange
        let e = AuditEntryModel(at: Date(), userID: nil, organisationID: nil, action: "update", objectType: "placement", objectID: nil,
                                before: #"{"hoursPerWeek":32,"end":null,"targetGroup":"ww"}"#,
                                after: #"{"hoursPerWeek":30,"end":"2026-12-31","targetGroup":"ww"}"#)
        // Act / check
        #expect(AuditReading.change(e) == ["einde: (leeg) → 2026-12-31", "uren per week: 32 → 30"])
        #expect(AuditReading.actionLabel("update") == "gewijzigd")
        #expect(AuditReading.objectLabel("placement") == "plaatsing")
        let created = AuditEntryModel(at: Date(), userID: nil, organisationID: nil, action: "create", objectType: "user", objectID: nil,
                                      before: nil, after: #"{"email":"a@b.nl","role":"viewer"}"#)
        #expect(AuditReading.change(created) == ["e-mailadres: a@b.nl", "rol: viewer"])
        let decided = AuditEntryModel(at: Date(), userID: nil, organisationID: nil, action: "approve", objectType: "report_item", objectID: nil,
                                      before: #"{"decision":"pending"}"#, after: #"{"decision":"approved","comment":"In orde"}"#)
        #expect(AuditReading.change(decided) == ["toelichting: In orde", "besluit: open → goedgekeurd"]) // fields in the order of their stored keys
        let long = AuditEntryModel(at: Date(), userID: nil, organisationID: nil, action: "update", objectType: "policy_text", objectID: nil,
                                   before: nil, after: "\"" + String(repeating: "x", count: 300) + "\"")
        #expect(AuditReading.change(long).first?.count == 128) // "waarde: " + 119 characters + "…"
    }

    @Test("Filters by person, kind, action and period, the same on the page, the API and the CSV; a wrong filter names itself")
    func filters() async throws {
        try await withWorld { world in
            // Arrange: a contract by the coordinator, a failed login, a contract change by the purchaser.
            let c = try await world.createContract([:])
            _ = try await world.request(.PATCH, "/api/v1/contracts/\(c)", as: "purchaser", json: ["title": "Nieuwe titel"] as [String: JSONValue])
            let purchaser = try #require(try await UserModel.query(on: world.app.db).filter(\.$email == "purchaser@test.example").first())
            // Act
            let mine = try await world.request(.GET, "/api/v1/audit?user=\(purchaser.id!)&type=contract&action=update", as: "coordinator")
            // Check
            let entries = try mine.content.decode([AccountAPIController.AuditEntryDTO].self)
            #expect(entries.count == 1)
            #expect(entries.first?.objectType == "contract")
            #expect(try await world.request(.GET, "/api/v1/audit?type=raket", as: "coordinator").body.string.contains("\"field\":\"type\""))
            #expect(try await world.request(.GET, "/api/v1/audit?from=2026-13-01", as: "coordinator").status == .badRequest)
            let future = try await world.request(.GET, "/api/v1/audit?from=2099-01-01", as: "coordinator")
            #expect(try future.content.decode([AccountAPIController.AuditEntryDTO].self).isEmpty)
            // The page: Dutch words and the readable change, filtered the same way.
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let page = try await browser.get("/audit?user=\(purchaser.id!)&type=contract").body.string
            #expect(page.contains("gewijzigd"))
            #expect(page.contains("opdracht"))
            #expect(page.contains("titel: Schoonmaak stadhuis → Nieuwe titel"))
            #expect(!page.contains("<li>titel: Schoonmaak stadhuis</li>"), "the creation of the contract is filtered out")
            let csv = try await browser.get("/audit.csv?action=update").body.string
            #expect(csv.contains(";gewijzigd;opdracht;"))
            #expect(!csv.contains(";aangemaakt;"))
        }
    }
}
}
