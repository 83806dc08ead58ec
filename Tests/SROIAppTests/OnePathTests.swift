import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// The page and the API do an action the same way, through one service: same checks, same audit trail.
@Suite("One path per action")
struct OnePathTests {
    static func audits(_ world: TestWorld, _ type: String) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == type).sort(\.$at).all()
    }

    @Test("Action-plan goals and a finished action are audited with before and after, from the page as from the API")
    func actionPlan() async throws {
        try await withWorld { world in
            // Arrange
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act: goals by the page, then by the API; an action added and finished on the page, reopened by the API.
            _ = try await browser.post("/action-plan/goals", form: [("goals", "Tien banen in 2027")])
            _ = try await world.request(.PUT, "/api/v1/action-plan", as: "coordinator", json: ["goals": "Twaalf banen in 2027"] as [String: JSONValue])
            _ = try await browser.post("/action-plan/actions", form: [("project", "Schoonmaak"), ("description", "Gesprek met de leverancier"),
                                                                       ("deadline", "2026-12-15"), ("ownerUserId", "")])
            let action = try #require(try await ActionItemModel.query(on: world.app.db).first())
            _ = try await browser.post("/action-plan/actions/\(action.id!)/done", form: [])
            let reopened = try await world.request(.PATCH, "/api/v1/action-plan/actions/\(action.id!)", as: "coordinator", json: ["done": false] as [String: JSONValue])
            // Check
            let goals = try await Self.audits(world, "action_plan")
            #expect(goals.map(\.after) == ["\"Tien banen in 2027\"", "\"Twaalf banen in 2027\""])
            #expect(goals.last?.before == "\"Tien banen in 2027\"")
            #expect(reopened.status == .noContent)
            let done = try await Self.audits(world, "action").filter { $0.action == "update" }
            #expect(done.count == 2)
            #expect(done.first?.after?.contains("\"done\":\"true\"") == true)
            #expect(done.last?.before?.contains("\"done\":\"true\"") == true)
            #expect(try await ActionItemModel.find(action.id, on: world.app.db)?.doneAt == nil)
        }
    }

    @Test("An owner from another organisation is refused on the page as by the API")
    func actionOwnerOfAnotherOrganisation() async throws {
        try await withWorld { world in
            // Arrange: a user of the other buyer.
            let stranger = try #require(try await UserModel.query(on: world.app.db).filter(\.$email == "othercoordinator@test.example").first()?.id)
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act
            let page = try await browser.post("/action-plan/actions", form: [("project", "P"), ("description", "D"), ("deadline", "2026-12-15"),
                                                                              ("ownerUserId", stranger.uuidString)])
            let api = try await world.request(.POST, "/api/v1/action-plan/actions", as: "coordinator",
                                              json: ["project": "P", "description": "D", "deadline": "2026-12-15", "ownerUserId": .string(stranger.uuidString)] as [String: JSONValue])
            // Check
            #expect(page.status == .seeOther)
            #expect(api.status == .unprocessableEntity)
            #expect(try await ActionItemModel.query(on: world.app.db).count() == 0)
        }
    }

    @Test("Settings that change nothing add no policy version, from the page as from the API")
    func unchangedPolicy() async throws {
        try await withWorld { world in
            // Arrange
            let before = try await PolicyVersionModel.query(on: world.app.db).filter(\.$organisation.$id == world.buyer).count()
            // Act: the same percentage as now, then a real change.
            let same = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                               json: ["settings": ["standardPercentage": 5], "note": "niets"] as [String: JSONValue])
            let changed = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                                  json: ["settings": ["standardPercentage": 6], "note": "6%"] as [String: JSONValue])
            // Check
            #expect(same.status == .ok)
            #expect(try same.content.decode(PolicyVersionDTO.self).version == before)
            #expect(try changed.content.decode(PolicyVersionDTO.self).version == before + 1)
            #expect(try await PolicyVersionModel.query(on: world.app.db).filter(\.$organisation.$id == world.buyer).count() == before + 1)
        }
    }

    @Test("The management settings are checked and audited by one service; a bad goal saves nothing")
    func managementSettings() async throws {
        try await withWorld { world in
            // Arrange
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act
            _ = try await browser.post("/management/settings", form: [("jobsGoal", "veel"), ("jobsGoalYear", "2028")])
            let afterBad = try await OrganisationModel.find(world.buyer, on: world.app.db)
            _ = try await browser.post("/management/settings", form: [("jobsGoal", "25"), ("jobsGoalYear", "2028"), ("publish", "yes"),
                                                                       ("published[]", "realised")])
            let afterGood = try await OrganisationModel.find(world.buyer, on: world.app.db)
            // Check
            #expect(afterBad?.jobsGoal == nil)
            #expect(afterGood?.jobsGoal == 25)
            #expect(afterGood?.jobsGoalYear == 2028)
            let audits = try await Self.audits(world, "organisation").filter { $0.after?.contains("\"jobsGoal\":\"25\"") == true }
            #expect(audits.count == 1)
        }
    }

    @Test("A new candidate in the hours file meets the rules of a placement entered by hand, named by column")
    func importUsesThePlacementRules() async throws {
        try await withWorld { world in
            // Arrange: the contract ends on 31 December 2028.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let csv = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\nN-1;ww;1-1-2029;24;1-12-2028;31-12-2028;20\n"
            // Act
            let res = try await world.request(.POST, "/api/v1/contracts/\(c)/imports/hours", as: "reporterA", headers: ["Content-Type": "text/csv"], body: csv)
            // Check
            let problems = try #require(try res.content.decode(ErrorResponder.Body.self).error.problems)
            #expect(problems.map { "\($0.line) \($0.column)" } == ["2 begindatum"])
            #expect(problems.first?.message.contains("na het einde van het contract") == true)
            #expect(try await PlacementModel.query(on: world.app.db).count() == 0)
        }
    }
}
}
