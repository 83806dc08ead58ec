import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Obligations agreed in jobs, placements or effort, from the coordinator's target to the progress, the dashboard and
/// the SR-rekening. The term is 1 January 2026 – 31 December 2028; today is 27 November 2026, 331 days in.
@Suite("Obligations in jobs and effort")
struct ObligationTargetAppTests {
    static func post(_ world: TestWorld, _ path: String, as who: String, _ body: [String: JSONValue] = [:]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    static func report(_ world: TestWorld, _ c: UUID, _ from: String, _ to: String, approve: Bool) async throws {
        let r = try await post(world, "/api/v1/contracts/\(c)/reports", as: "reporterA", ["periodStart": .string(from), "periodEnd": .string(to)])
        let id = try r.content.decode(IDOnly.self).id
        _ = try await post(world, "/api/v1/contracts/\(c)/reports/\(id)/submit", as: "reporterA")
        if approve { _ = try await post(world, "/api/v1/contracts/\(c)/reports/\(id)/approve", as: "coordinator") }
    }

    @Test("2 banenafspraak jobs: one held all 331 days and approved, one from 1 July only in review: 1 of 2 jobs, 0,453 pending, 50%, red")
    func jobs() async throws {
        try await withWorld { world in
            // Arrange
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let base = "/api/v1/contracts/\(c)"
            let supplierTry = try await world.request(.PUT, "\(base)/target", as: "reporterA", json: ["kind": "jobs", "count": 2] as [String: JSONValue])
            let set = try await world.request(.PUT, "\(base)/target", as: "coordinator", json: [
                "kind": "jobs", "count": 2, "targetGroup": "banenafspraak", "minimumHoursPerWeek": 25.5] as [String: JSONValue])
            for (ref, group, hours, start, register) in [("J-1", "banenafspraak", 26.0, "2026-01-01", false), ("J-2", "participatiewet", 36.0, "2026-02-01", false),
                                                        ("J-3", "ww", 30.0, "2026-07-01", true)] {
                let p = try await Self.post(world, "\(base)/placements", as: "reporterA", [
                    "reference": .string(ref), "block": "employment", "targetGroup": .string(group), "hoursPerWeek": .double(hours),
                    "start": .string(start), "doelgroepregister": .bool(register)])
                #expect(p.status == .created, "\(p.body.string)")
            }
            // Act: the first quarter approved, the third only submitted.
            try await Self.report(world, c, "2026-01-01", "2026-03-31", approve: true)
            try await Self.report(world, c, "2026-07-01", "2026-09-30", approve: false)
            let progress = try await world.request(.GET, "\(base)/progress", as: "coordinator").content.decode(ProgressDTO.self)
            let target = try await world.request(.GET, "\(base)/target", as: "reporterA").content.decode(TargetDTO.self)
            let dashboard = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard", as: "coordinator")
            let account = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterA")
            // Check
            #expect(supplierTry.status == .forbidden)
            #expect(set.status == .ok, "\(set.body.string)")
            #expect(progress.obligationCents == 0, "no euros are owed")
            #expect(progress.status == "red")
            let t = try #require(progress.target)
            // 331 job-days / 331 days = 1,000; pending 150 / 331 = 0,453; 331 / (2 × 331) = 50%.
            #expect(t.realised == 1.0 && t.pending == 0.453 && t.expected == 2.0 && t.target == 2.0)
            #expect(t.shareOfExpectedPercent == 50)
            #expect(t.description == "2 banen (banenafspraak (doelgroepregister), minstens 25,5 uur per week) gedurende de looptijd")
            #expect(target.count == 2 && target.targetGroup == "banenafspraak" && target.minimumHoursPerWeek == 25.5)
            #expect((json(dashboard)["statusCounts"] as? [String: Any])?["red"] as? Int == 1)
            let line = try #require((json(account)["obligations"] as? [[String: Any]])?.first { $0["contractId"] as? String == c.uuidString })
            #expect(line["target"] as? String == "1 van 2 banen")
            #expect((json(account)["freeValue"] as? [Any])?.isEmpty == true, "value on a jobs contract serves the jobs")
        }
    }

    @Test("A plan of approach: 0 of 2 due milestones is red, 1 of 2 red (50% < 60%), 2 of 2 green; only the buyer marks them")
    func effort() async throws {
        try await withWorld { world in
            // Arrange
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let base = "/api/v1/contracts/\(c)"
            let bad = try await world.request(.PUT, "\(base)/target", as: "coordinator", json: [
                "kind": "effort", "milestones": [["title": "", "due": "2030-01-01"]]] as [String: JSONValue])
            let set = try await world.request(.PUT, "\(base)/target", as: "coordinator", json: [
                "kind": "effort", "milestones": [["title": "Drie leerwerkplekken ingericht", "due": "2026-06-01"],
                                                 ["title": "Plan van aanpak besproken", "due": "2026-03-01"],
                                                 ["title": "Eerste evaluatie met het WSP", "due": "2027-01-01"]]] as [String: JSONValue])
            // Act
            let before = try set.content.decode(TargetDTO.self)
            let bySupplier = try await Self.post(world, "\(base)/target/milestones/0", as: "reporterA", ["met": true])
            let one = try await Self.post(world, "\(base)/target/milestones/0", as: "coordinator", ["met": true]).content.decode(TargetDTO.self)
            let two = try await Self.post(world, "\(base)/target/milestones/1", as: "coordinator", ["met": true]).content.decode(TargetDTO.self)
            // Check
            #expect(bad.status == .unprocessableEntity)
            let fields = Set(try bad.content.decode(ErrorResponder.Body.self).error.details?.map(\.field) ?? [])
            #expect(fields == ["milestones.0.title", "milestones.0.due"])
            #expect(before.milestones?.map(\.due) == ["2026-03-01", "2026-06-01", "2027-01-01"], "in date order")
            #expect(before.progress?.status == "red")
            #expect(bySupplier.status == .forbidden)
            #expect(one.milestones?[0].metOn == TestWorld.today)
            #expect(one.progress?.status == "red" && one.progress?.shareOfExpectedPercent == 50)
            #expect(two.progress?.status == "green" && two.progress?.realised == 2 && two.progress?.expected == 2)
            let audit = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "contract_target").count()
            #expect(audit == 3)
        }
    }

    @Test("On the page: the coordinator writes milestones one a line, the contract page lists them and marks one met; back to euros")
    func onThePage() async throws {
        try await withWorld { world in
            // Arrange
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act
            let wrong = try await browser.post("/contracts/\(c)/target", form: [("kind", "effort"), ("milestones", "volgende week iets")])
            let saved = try await browser.post("/contracts/\(c)/target", form: [
                ("kind", "effort"), ("milestones", "1-3-2026 Plan van aanpak besproken (behaald 20-2-2026)\r\n1-6-2026 Drie leerwerkplekken ingericht\r\n")])
            let page = try await browser.get("/contracts/\(c)").body.string
            let marked = try await browser.post("/contracts/\(c)/target/milestones/1", form: [])
            let afterMark = try await TargetService.model(of: try #require(try await ContractModel.find(c, on: world.app.db)), on: world.app.db)?.target
            let cleared = try await browser.post("/contracts/\(c)/target/delete", form: [])
            let obligation = try await ObligationService.obligation(for: try #require(try await ContractModel.find(c, on: world.app.db)), on: world.app.db)
            // Check
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("regel 1: begin met een datum, zoals 1-3-2026, en dan de omschrijving"))
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(page.contains("een plan van aanpak met 2 mijlpalen"))
            #expect(page.contains("Drie leerwerkplekken ingericht"))
            #expect(page.contains("20 februari 2026"))
            #expect(marked.status == .seeOther)
            if case .effort(let m) = afterMark { #expect(m.allSatisfy { $0.metOn != nil }) } else { Issue.record("no plan of approach") }
            #expect(cleared.status == .seeOther)
            #expect(obligation?.effective.target == nil && obligation?.effective.amount == Money(euros: 60_000))
        }
    }
}
}
