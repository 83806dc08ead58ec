import Fluent
import Foundation
import Logging
import SQLKit
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class SecurityTests: AppTestCase, @unchecked Sendable {
    func testReadOnlyTokensReadButNeverWriteAndCanBeRevoked() async throws {
        let created = try await world.request(.POST, "/api/v1/tokens", as: "coordinator", json: ["name": "Rapportagetool", "readOnly": true, "days": 30] as [String: JSONValue])
        XCTAssertEqual(created.status, .created, created.body.string)
        let token = try XCTUnwrap(json(created)["token"] as? String)
        let id = try XCTUnwrap(json(created)["id"] as? String)
        // Shown once: the list does not hold it, the database only its hash.
        let list = try await world.request(.GET, "/api/v1/tokens", as: "coordinator")
        XCTAssertFalse(list.body.string.contains(token))
        let stored = try await APITokenModel.query(on: world.app.db).filter(\.$tokenHash == APITokens.hash(token)).count()
        XCTAssertEqual(stored, 1)
        world.tokens["readonly"] = token
        let v36 = try await world.request(.GET, "/api/v1/contracts", as: "readonly").status
        XCTAssertEqual(v36, .ok)
        let write = try await world.request(.POST, "/api/v1/contracts", as: "readonly", json: ["title": "X"] as [String: JSONValue])
        XCTAssertEqual(write.status, .forbidden)
        let v39 = try await world.request(.DELETE, "/api/v1/tokens/\(id)", as: "coordinator").status
        XCTAssertEqual(v39, .noContent)
        let v40 = try await world.request(.GET, "/api/v1/contracts", as: "readonly").status
        XCTAssertEqual(v40, .unauthorized)
        // Someone else's token id answers 404.
        let mine = try await world.request(.POST, "/api/v1/tokens", as: "viewer", json: ["name": "x"] as [String: JSONValue])
        let mineID = try XCTUnwrap(json(mine)["id"] as? String)
        let v44 = try await world.request(.DELETE, "/api/v1/tokens/\(mineID)", as: "coordinator").status
        XCTAssertEqual(v44, .notFound)
    }

    func testLogOutEverywhereEndsSessionsAndTokens() async throws {
        let browser = WebSession(app: world.app)
        try await browser.login("coordinator@test.example")
        let v50 = try await browser.get("/").status
        XCTAssertEqual(v50, .ok)
        let v51 = try await world.request(.POST, "/api/v1/sessions/revoke", as: "coordinator").status
        XCTAssertEqual(v51, .noContent)
        let after = try await browser.get("/")
        XCTAssertEqual(after.status, .seeOther, "the web session is revoked")
        let v54 = try await world.request(.GET, "/api/v1/me", as: "coordinator").status
        XCTAssertEqual(v54, .unauthorized, "tokens are revoked")
    }

    func testTheAuditLogCannotBeChanged() async throws {
        _ = try await world.createContract([:])
        let first = try await AuditEntryModel.query(on: world.app.db).first()
        let entry = try XCTUnwrap(first)
        // The application offers no route to change or delete an entry.
        for method in [HTTPMethod.PUT, .PATCH, .DELETE] {
            let res = try await world.request(method, "/api/v1/audit/\(entry.id!)", as: "admin", json: ["action": "niets"] as [String: JSONValue])
            XCTAssertEqual(res.status, .notFound, "\(method)")
        }
        // And the database refuses it, even when code tries.
        entry.action = "vervalst"
        do {
            try await entry.update(on: world.app.db)
            XCTFail("an audit entry was changed")
        } catch {}
        do {
            try await AuditEntryModel.query(on: world.app.db).delete()
            XCTFail("audit entries were deleted")
        } catch {}
        let count = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "vervalst").count()
        XCTAssertEqual(count, 0)
        let v77 = try await AuditEntryModel.query(on: world.app.db).count()
        XCTAssertGreaterThan(v77, 0)
    }

    func testCoordinatorsReadAndExportTheOwnAuditLog() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        _ = try await world.createContract([:], as: "otherCoordinator")
        _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA",
                                    json: ["reference": "A-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"] as [String: JSONValue])
        let entries = jsonArray(try await world.request(.GET, "/api/v1/audit", as: "coordinator"))
        XCTAssertFalse(entries.isEmpty)
        let buyer = world.buyer.uuidString
        XCTAssertTrue(entries.allSatisfy { ($0["organisationId"] as? String) == buyer || ($0["subjectOrganisationId"] as? String) == buyer })
        XCTAssertTrue(entries.contains { ($0["objectType"] as? String) == "placement" && ($0["organisationId"] as? String) == self.world.supplierA.uuidString },
                      "the supplier's change to the buyer's contract is in the buyer's log")
        let otherEntries = jsonArray(try await world.request(.GET, "/api/v1/audit", as: "otherCoordinator"))
        XCTAssertFalse(otherEntries.contains { ($0["objectType"] as? String) == "placement" })
        let v102 = try await world.request(.GET, "/api/v1/audit", as: "viewer").status
        XCTAssertEqual(v102, .forbidden)
        let v103 = try await world.request(.GET, "/api/v1/audit", as: "reporterA").status
        XCTAssertEqual(v103, .forbidden)
        let csv = try await world.request(.GET, "/api/v1/audit.csv", as: "coordinator")
        XCTAssertEqual(csv.status, .ok)
        XCTAssertTrue(csv.body.string.hasPrefix("\u{FEFF}tijdstip;gebruiker;naam;organisatie;actie;soort;object;wijziging;voor;na"))
        let exports = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "export").count()
        XCTAssertEqual(exports, 1, "the export itself is logged")
    }
}
