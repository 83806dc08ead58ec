import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("Answering a rejection")
struct RejectionLoopTests {
    @Test("Rejected, answered and offered again, decided again: the whole loop over the API and on the page")
    func loop() async throws {
        try await withWorld { world in
            // Arrange: a submitted report with one placement line, rejected with a comment.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "P-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue])
            let created = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                                  json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
            let r = try created.content.decode(IDOnly.self).id
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA")
            let rejected = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/reject", as: "coordinator",
                                                   json: ["comment": "Het contract ontbreekt"] as [String: JSONValue])
            #expect(rejected.status == .ok, "\(rejected.body.string)")
            let item = try #require(try rejected.content.decode(ReportDTO.self).items.first?.id)
            // An empty answer names the field; the buyer cannot answer.
            let empty = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/items/\(item)/answer", as: "reporterA",
                                                json: ["text": " ", "reoffer": true] as [String: JSONValue])
            #expect(empty.body.string.contains("\"field\":\"text\""))
            #expect(try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/items/\(item)/answer", as: "coordinator",
                                            json: ["text": "x"] as [String: JSONValue]).status == .forbidden)
            // Act: the supplier answers and offers the line again.
            let answered = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/items/\(item)/answer", as: "reporterA",
                                                   json: ["text": "Het contract is als bewijsstuk toegevoegd", "reoffer": true] as [String: JSONValue])
            // Check: the line waits again, the report is back with the reviewer, who is told.
            #expect(answered.status == .ok, "\(answered.body.string)")
            let after = try answered.content.decode(ReportDTO.self)
            #expect(after.status == "submitted")
            #expect(after.items.first?.decision == "pending")
            #expect(after.items.first?.thread?.map(\.kind) == ["rejected", "reoffer"])
            #expect(after.items.first?.thread?.map(\.side) == ["buyer", "supplier"])
            let notes = try await world.request(.GET, "/api/v1/notifications", as: "coordinator").content.decode(NotificationListDTO.self)
            #expect(notes.items.contains { $0.title.hasPrefix("Regel opnieuw aangeboden") })
            // The reviewer decides again, on the page this time, and sees the conversation.
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let page = try await browser.get("/contracts/\(c)/reports/\(r)").body.string
            #expect(page.contains("Het contract is als bewijsstuk toegevoegd"))
            #expect(page.contains("antwoordt en biedt de regel opnieuw aan"))
            let decided = try await browser.post("/contracts/\(c)/reports/\(r)/items/\(item)/decide", form: [("decision", "approved"), ("comment", "Nu in orde")])
            #expect(decided.status == .seeOther)
            let final = try await world.request(.GET, "/api/v1/contracts/\(c)/reports/\(r)", as: "reporterA").content.decode(ReportDTO.self)
            #expect(final.status == "approved")
            #expect(final.items.first?.thread?.map(\.kind) == ["rejected", "reoffer", "approved"])
            // An approved line cannot be answered; every step is in the audit log.
            let closed = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/items/\(item)/answer", as: "reporterA",
                                                 json: ["text": "nog iets"] as [String: JSONValue])
            #expect(closed.status == .conflict)
            let audit = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "report_item").filter(\.$objectID == item.uuidString).count()
            #expect(audit == 3)
        }
    }

    @Test("The supplier answers on its report page: the form stands beside a rejected line only")
    func answerOnThePage() async throws {
        try await withWorld { world in
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "P-2", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 24, "start": "2026-01-01"] as [String: JSONValue])
            let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                            json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue]).content.decode(IDOnly.self).id
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA")
            let supplier = WebSession(app: world.app)
            try await supplier.login("reportera@test.example")
            #expect(!(try await supplier.get("/contracts/\(c)/reports/\(r)").body.string.contains("Uw antwoord")), "nothing to answer while it waits")
            let item = try #require(try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/reject", as: "coordinator",
                                                            json: ["comment": "Uren kloppen niet"] as [String: JSONValue]).content.decode(ReportDTO.self).items.first?.id)
            let page = try await supplier.get("/contracts/\(c)/reports/\(r)").body.string
            #expect(page.contains("Uw antwoord"))
            #expect(page.contains("Uren kloppen niet"))
            let sent = try await supplier.post("/contracts/\(c)/reports/\(r)/items/\(item)/answer", form: [("text", "Gecorrigeerd: 24 uur per week"), ("reoffer", "yes")])
            #expect(sent.status == .seeOther)
            let line = try #require(try await ReportItemModel.find(item, on: world.app.db))
            #expect(line.decision == .pending)
        }
    }
}
}
