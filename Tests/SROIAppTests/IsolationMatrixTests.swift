import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// Every role of the buyer, of another buyer, of the awarded supplier, of another supplier and an anonymous
/// caller, against every kind of object, for read, list, create, change and delete. Each cell has an expected
/// status; another organisation's object answers 404, never 403, so its existence is not revealed.
final class IsolationMatrixTests: AppTestCase, @unchecked Sendable {
    /// Callers in the order they are tried: those who may act come last, so a state change happens once.
    static let callers = ["anonymous", "reporterB", "otherCoordinator", "viewer", "reporterA", "coordinator"]

    struct Cell {
        var method: HTTPMethod
        var path: String
        var body: [String: JSONValue]?
        /// Expected status per caller, in the order of `callers`.
        var expected: [UInt]
    }

    func testTheAPIMatrix() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let tender = try await world.createContract(["title": "Aanbesteding", "status": "planned"])
        let base = "/api/v1/contracts/\(c)"
        let placement = try await world.request(.POST, "\(base)/placements", as: "reporterA",
                                                json: ["reference": "M-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"] as [String: JSONValue])
        let p = try placement.content.decode(IDOnly.self).id
        _ = try await world.request(.POST, "\(base)/placements/\(p)/hours", as: "reporterA",
                                    json: ["periodStart": "2026-02-01", "periodEnd": "2026-02-28", "hours": 80] as [String: JSONValue])
        let activity = try await world.request(.POST, "\(base)/activities", as: "reporterA",
                                               json: ["block": "training", "description": "VCA", "date": "2026-03-01", "amountCents": 50_000] as [String: JSONValue])
        XCTAssertEqual(activity.status, .created)
        let report = try await world.request(.POST, "\(base)/reports", as: "reporterA", json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
        let r = try report.content.decode(IDOnly.self).id
        _ = try await world.request(.POST, "\(base)/reports/\(r)/submit", as: "reporterA")
        let buyer = world.buyer!

        var serial = 0
        func uniquePlacement() -> [String: JSONValue] {
            serial += 1
            return ["reference": .string("M-\(serial + 100)"), "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"]
        }
        // A viewer sees the contract's totals, not its persons one by one (placements, their hours): 403.
        //                                                       anon  B    other viewer A    coord
        let cells: [Cell] = [
            Cell(method: .GET, path: "/api/v1/organisations/\(buyer)", expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .POST, path: "/api/v1/organisations", body: ["name": "Nieuwe leverancier", "kind": "supplier"], expected: [401, 403, 201, 403, 403, 201]),
            Cell(method: .GET, path: "/api/v1/organisations/\(buyer)/policy", expected: [401, 404, 404, 200, 404, 200]),
            Cell(method: .GET, path: "/api/v1/organisations/\(buyer)/policy/versions", expected: [401, 404, 404, 200, 404, 200]),
            Cell(method: .PUT, path: "/api/v1/organisations/\(buyer)/policy", body: ["settings": ["standardPercentage": 5]], expected: [401, 404, 404, 403, 404, 200]),
            Cell(method: .GET, path: base, expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .GET, path: "/api/v1/contracts/\(tender)", expected: [401, 404, 404, 200, 404, 200]),
            Cell(method: .POST, path: "/api/v1/contracts", body: ["title": "X", "kind": "dienst", "valueCents": 100, "start": "2026-01-01", "end": "2026-12-31"],
                 expected: [401, 403, 201, 403, 403, 201]),
            Cell(method: .PATCH, path: base, body: ["region": "Twente"], expected: [401, 404, 404, 403, 403, 200]),
            // Contracts and placements are never deleted through the application: no such route, 404 for everyone.
            Cell(method: .DELETE, path: base, expected: [404, 404, 404, 404, 404, 404]),
            Cell(method: .GET, path: "\(base)/obligation", expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .PUT, path: "\(base)/obligation/override", body: ["amountCents": 100, "reason": "test"], expected: [401, 404, 404, 403, 403, 200]),
            Cell(method: .DELETE, path: "\(base)/obligation/override", expected: [401, 404, 404, 403, 403, 200]),
            Cell(method: .GET, path: "\(base)/placements", expected: [401, 404, 404, 403, 200, 200]),
            Cell(method: .GET, path: "\(base)/placements/\(p)", expected: [401, 404, 404, 403, 200, 200]),
            Cell(method: .POST, path: "\(base)/placements", body: uniquePlacement(), expected: [401, 404, 404, 403, 201, 403]),
            Cell(method: .PATCH, path: "\(base)/placements/\(p)", body: ["end": "2026-12-31"], expected: [401, 404, 404, 403, 200, 403]),
            Cell(method: .DELETE, path: "\(base)/placements/\(p)", expected: [404, 404, 404, 404, 404, 404]),
            Cell(method: .GET, path: "\(base)/placements/\(p)/hours", expected: [401, 404, 404, 403, 200, 200]),
            Cell(method: .POST, path: "\(base)/placements/\(p)/hours", body: ["periodStart": "2026-03-01", "periodEnd": "2026-03-31", "hours": 80],
                 expected: [401, 404, 404, 403, 201, 403]),
            Cell(method: .GET, path: "\(base)/activities", expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .POST, path: "\(base)/activities", body: ["block": "training", "description": "BHV", "date": "2026-04-01", "amountCents": 1_000],
                 expected: [401, 404, 404, 403, 201, 403]),
            Cell(method: .GET, path: "\(base)/reports", expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .GET, path: "\(base)/reports/\(r)", expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .POST, path: "\(base)/reports/\(r)/submit", expected: [401, 404, 404, 403, 409, 403]),
            Cell(method: .POST, path: "\(base)/reports/\(r)/approve", body: ["comment": "ok"], expected: [401, 404, 404, 403, 403, 200]),
            Cell(method: .GET, path: "\(base)/progress", expected: [401, 404, 404, 200, 200, 200]),
            Cell(method: .POST, path: "\(base)/imports/hours", expected: [401, 404, 404, 403, 400, 403]),
            Cell(method: .GET, path: "\(base)/evidence", expected: [401, 404, 404, 403, 200, 200]),
            Cell(method: .GET, path: "/api/v1/audit", expected: [401, 403, 200, 403, 403, 200]),
            Cell(method: .GET, path: "/api/v1/audit.csv", expected: [401, 403, 200, 403, 403, 200]),
            Cell(method: .GET, path: "/api/v1/portfolio", expected: [401, 403, 200, 200, 403, 200]),
            // Last: it removes the placement.
            Cell(method: .POST, path: "\(base)/placements/\(p)/erase", body: ["reason": "verzoek van de kandidaat"], expected: [401, 404, 404, 403, 403, 200]),
        ]
        var failures: [String] = []
        for cell in cells {
            for (index, caller) in Self.callers.enumerated() {
                let res = try await world.request(cell.method, cell.path, as: caller == "anonymous" ? nil : caller, json: cell.body)
                if res.status.code != cell.expected[index] {
                    failures.append("\(cell.method) \(cell.path) as \(caller): \(res.status.code), expected \(cell.expected[index]) \(res.body.string.prefix(120))")
                }
                if res.status == .notFound {
                    XCTAssertFalse(res.body.string.contains("Aanbesteding") || res.body.string.contains("Schoonmaak"), "a 404 reveals nothing")
                }
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    func testListsNeverLeakAnotherOrganisationsRows() async throws {
        let own = try await world.createContract(["title": "Van Gemeente Test", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let other = try await world.createContract(["title": "Van Gemeente Anders", "status": "running", "supplierId": .string(world.supplierB.uuidString)],
                                                   as: "otherCoordinator")
        let expectations: [(String, [UUID])] = [("coordinator", [own]), ("viewer", [own]), ("otherCoordinator", [other]),
                                                ("reporterA", [own]), ("reporterB", [other])]
        for (caller, ids) in expectations {
            let list = jsonArray(try await world.request(.GET, "/api/v1/contracts", as: caller)).compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }
            XCTAssertEqual(Set(list), Set(ids), caller)
            let orgs = jsonArray(try await world.request(.GET, "/api/v1/organisations", as: caller)).compactMap { $0["name"] as? String }
            XCTAssertFalse(orgs.contains(caller.hasSuffix("Coordinator") || caller == "reporterB" ? "Gemeente Test" : "Gemeente Anders"), "\(caller): \(orgs)")
        }
    }

    func testTheWebPagesFollowTheSameRules() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let expected: [(String, UInt)] = [("coordinator@test.example", 200), ("viewer@test.example", 200), ("othercoordinator@test.example", 404),
                                          ("reportera@test.example", 200), ("reporterb@test.example", 404)]
        for (email, status) in expected {
            let browser = WebSession(app: world.app)
            try await browser.login(email)
            let page = try await browser.get("/contracts/\(c)")
            XCTAssertEqual(page.status.code, status, email)
            let report = try await browser.get("/contracts/\(c)/placements/new")
            XCTAssertEqual(report.status.code, email.hasPrefix("reportera") ? 200 : (status == 404 ? 404 : 403), email)
        }
        let anonymous = WebSession(app: world.app)
        let v123 = try await anonymous.get("/contracts/\(c)").status
        XCTAssertEqual(v123, .seeOther)
    }
}
