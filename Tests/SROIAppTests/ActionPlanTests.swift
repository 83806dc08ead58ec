import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class ActionPlanTests: AppTestCase, @unchecked Sendable {
    func testAnOverdueActionShowsOnItsOwnersOverview() async throws {
        // Today is 2026-11-27: a deadline of 2026-11-15 is overdue, one of 2026-12-15 is not.
        let me = json(try await world.request(.GET, "/api/v1/me", as: "purchaser"))
        let owner = try XCTUnwrap(me["id"] as? String)
        let v12 = try await world.request(.PUT, "/api/v1/action-plan", as: "coordinator", json: ["goals": "50 banen via inkoop in 2028"] as [String: JSONValue]).status
        XCTAssertEqual(v12, .ok)
        let member = try await world.request(.POST, "/api/v1/action-plan/members", as: "coordinator", json: ["name": "Mehmet Yilmaz", "role": "purchasing_expert"] as [String: JSONValue])
        XCTAssertEqual(member.status, .created)
        let bad = try await world.request(.POST, "/api/v1/action-plan/members", as: "coordinator", json: ["name": "X", "role": "baas"] as [String: JSONValue])
        XCTAssertEqual(errorField(bad), "role")
        let late = try await world.request(.POST, "/api/v1/action-plan/actions", as: "coordinator",
                                           json: ["project": "Schoonmaak", "description": "Personeelsschouw met de opdrachtnemer plannen", "ownerUserId": .string(owner), "deadline": "2026-11-15"] as [String: JSONValue])
        XCTAssertEqual(late.status, .created, late.body.string)
        XCTAssertEqual(json(late)["overdue"] as? Bool, true)
        _ = try await world.request(.POST, "/api/v1/action-plan/actions", as: "coordinator",
                                    json: ["project": "Catering", "description": "Brainstorm met de werkgroep", "ownerUserId": .string(owner), "deadline": "2026-12-15"] as [String: JSONValue])
        let plan = json(try await world.request(.GET, "/api/v1/action-plan", as: "viewer"))
        XCTAssertEqual(plan["goals"] as? String, "50 banen via inkoop in 2028")
        XCTAssertEqual((plan["actions"] as? [[String: Any]])?.map { $0["overdue"] as? Bool }, [true, false])
        let v26 = try await world.request(.PUT, "/api/v1/action-plan", as: "viewer", json: ["goals": "x"] as [String: JSONValue]).status
        XCTAssertEqual(v26, .forbidden)
        let v27 = try await world.request(.GET, "/api/v1/action-plan", as: "reporterA").status
        XCTAssertEqual(v27, .forbidden)
        let v28 = (json(try await world.request(.GET, "/api/v1/action-plan", as: "otherCoordinator"))["actions"] as? [Any])?.count
        XCTAssertEqual(v28, 0)

        let browser = WebSession(app: world.app)
        try await browser.login("purchaser@test.example")
        let overview = try await browser.get("/")
        XCTAssertTrue(overview.body.string.contains("Actie: Personeelsschouw met de opdrachtnemer plannen"))
        XCTAssertFalse(overview.body.string.contains("Actie: Brainstorm met de werkgroep"))
        let page = try await browser.get("/action-plan")
        XCTAssertTrue(page.body.string.contains("te laat"))
        XCTAssertTrue(page.body.string.contains("inkoopdeskundige"))
    }

    func testMeetingsArePlannedByQuarterWithAgendasAndMinutesForBothSides() async throws {
        // 2026-01-01 to 2026-12-31, quarterly from 2026-01-15: 15 jan (first), 15 apr (second), 15 jul and 15 okt (progress).
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString), "end": "2026-12-31"])
        let base = "/api/v1/contracts/\(c)"
        let planned = try await world.request(.POST, "\(base)/meetings/plan", as: "reporterA", json: ["frequency": "quarter", "from": "2026-01-15"] as [String: JSONValue])
        XCTAssertEqual(planned.status, .created, planned.body.string)
        let meetings = jsonArray(planned)
        XCTAssertEqual(meetings.map { $0["plannedOn"] as? String }, ["2026-01-15", "2026-04-15", "2026-07-15", "2026-10-15"])
        XCTAssertEqual(meetings.map { $0["kind"] as? String }, ["first", "second", "progress", "progress"])
        XCTAssertTrue((meetings[0]["agenda"] as? String ?? "").contains("Kennismaking"))
        XCTAssertTrue((meetings[2]["agenda"] as? String ?? "").contains("Voortgang: gerealiseerd, verwacht en de prognose"))
        let id = try XCTUnwrap(meetings[0]["id"] as? String)
        let minutes = try await world.request(.PATCH, "\(base)/meetings/\(id)", as: "coordinator",
                                              json: ["minutes": "Afgesproken: Glans doet een personeelsschouw voor 1 maart."] as [String: JSONValue])
        XCTAssertEqual(minutes.status, .ok)
        let seen = jsonArray(try await world.request(.GET, "\(base)/meetings", as: "reporterA"))
        XCTAssertEqual(seen.first?["minutes"] as? String, "Afgesproken: Glans doet een personeelsschouw voor 1 maart.")
        let v57 = try await world.request(.GET, "\(base)/meetings", as: "reporterB").status
        XCTAssertEqual(v57, .notFound)
        let v58 = try await world.request(.PATCH, "\(base)/meetings/\(id)", as: "viewer", json: ["minutes": "x"] as [String: JSONValue]).status
        XCTAssertEqual(v58, .forbidden)
        // The tender annex states the obligation: € 1.200.000 × 5% = € 60.000.
        let annex = try await world.request(.GET, "\(base)/annex", as: "coordinator")
        XCTAssertTrue(annex.body.string.contains("verplichting van **€ 60.000**"))
        let browser = WebSession(app: world.app)
        try await browser.login("reportera@test.example")
        let page = try await browser.get("/contracts/\(c)")
        XCTAssertTrue(page.body.string.contains("eerste gesprek, 15 januari 2026"))
        let meetingPage = try await browser.get("/contracts/\(c)/meetings/\(id)")
        XCTAssertTrue(meetingPage.body.string.contains("personeelsschouw voor 1 maart"))
    }
}
