import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// Every operation of the OpenAPI document that takes a JSON body (35), with bodies mutated from a valid-looking
/// one, as each of three roles: never a server error, always an error with a code and a message, and a refused
/// request writes nothing. `BadInputPropertyTests` goes deeper on seven of them; schemathesis covers the same
/// ground from outside.
final class EveryJSONBodyPropertyTests: AppTestCase, @unchecked Sendable {
    func testEveryJSONBodyDecoderRefusesBadBodiesCleanly() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        func created(_ path: String, as who: String, _ body: String) async throws -> String {
            let res = try await world.request(.POST, path, as: who, rawBody: body)
            XCTAssertLessThan(res.status.code, 300, "\(path): \(res.body.string)")
            return json(res)["id"] as? String ?? UUID().uuidString
        }
        let placement = try await created("/api/v1/contracts/\(c)/placements", as: "reporterA",
                                          #"{"reference":"P-1","block":"employment","targetGroup":"ww","hoursPerWeek":24,"start":"2026-02-01"}"#)
        let report = try await created("/api/v1/contracts/\(c)/reports", as: "reporterA", #"{"periodStart":"2026-01-01","periodEnd":"2026-03-31"}"#)
        let job = try await created("/api/v1/contracts/\(c)/potential-jobs", as: "coordinator", #"{"title":"Kantine","source":"staff_review"}"#)
        let action = try await created("/api/v1/action-plan/actions", as: "coordinator", #"{"project":"P","description":"D","deadline":"2026-12-31"}"#)
        let enterprise = try await created("/api/v1/social-enterprises", as: "coordinator", #"{"name":"De Brug","kvk":"87654321","psoStep":"2"}"#)
        let unknown = UUID().uuidString
        let org = world.buyer!.uuidString
        let uuid = "00000000-0000-0000-0000-000000000000"
        // (method, path, a body of the right shape) — from the OpenAPI document's request schemas.
        let operations: [(HTTPMethod, String, [String: Any])] = [
            (.POST, "/api/v1/login", ["email": "x@y.nl", "password": "x"]),
            (.POST, "/api/v1/organisations", ["name": "Gemeente X", "kind": "buyer", "kvk": "11223344", "region": "Midden-Utrecht"]),
            (.PUT, "/api/v1/organisations/\(org)/policy", ["settings": ["standardPercentage": 5, "basis": "contract_value"], "note": "n"]),
            (.POST, "/api/v1/contracts", ["title": "T", "kind": "dienst", "cpv": "90910000", "valueCents": 1_000_000, "start": "2026-01-01", "end": "2027-12-31", "status": "planned"]),
            (.PATCH, "/api/v1/contracts/\(c)", ["title": "T2", "valueCents": 2_000_000, "labourSharePercent": 40]),
            (.PUT, "/api/v1/contracts/\(c)/obligation/override", ["applicable": true, "amountCents": 100, "reason": "r"]),
            (.POST, "/api/v1/contracts/\(c)/placements", ["reference": "R", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 24, "start": "2026-02-01"]),
            (.PATCH, "/api/v1/contracts/\(c)/placements/\(placement)", ["hoursPerWeek": 20, "end": "2026-12-31", "bonuses": ["aged_55_plus"], "region": "Midden-Utrecht"]),
            (.POST, "/api/v1/contracts/\(c)/placements/\(placement)/erase", ["reason": "verzoek"]),
            (.POST, "/api/v1/contracts/\(c)/placements/\(placement)/hours", ["periodStart": "2026-02-01", "periodEnd": "2026-02-28", "hours": 80.5]),
            (.POST, "/api/v1/contracts/\(c)/activities", ["block": "training", "description": "Cursus", "date": "2026-03-01", "amountCents": 10_000]),
            (.POST, "/api/v1/contracts/\(c)/reports", ["periodStart": "2026-04-01", "periodEnd": "2026-06-30", "note": "n"]),
            (.POST, "/api/v1/contracts/\(c)/reports/\(report)/submit", ["note": "n"]),
            (.POST, "/api/v1/contracts/\(c)/reports/\(report)/approve", ["comment": "c", "itemIds": [uuid]]),
            (.POST, "/api/v1/contracts/\(c)/reports/\(report)/reject", ["comment": "c", "itemIds": [uuid]]),
            (.POST, "/api/v1/contracts/\(c)/reports/\(report)/request-info", ["comment": "c"]),
            (.POST, "/api/v1/tokens", ["name": "t", "readOnly": true, "days": 30]),
            (.POST, "/api/v1/contracts/\(c)/brainstorms", ["situation": "existing_with_sr", "labourComponent": "x", "nextSteps": "x"]),
            (.POST, "/api/v1/contracts/\(c)/potential-jobs", ["title": "x", "source": "staff_review", "hoursPerWeek": 12, "status": "idea"]),
            (.PATCH, "/api/v1/contracts/\(c)/potential-jobs/\(job)", ["status": "idea", "note": "n", "placementId": placement]),
            (.PUT, "/api/v1/action-plan", ["goals": "g"]),
            (.POST, "/api/v1/action-plan/members", ["name": "n", "role": "project_coordinator"]),
            (.POST, "/api/v1/action-plan/actions", ["project": "p", "description": "d", "deadline": "2026-12-31", "contractId": c.uuidString]),
            (.PATCH, "/api/v1/action-plan/actions/\(action)", ["done": true]),
            (.POST, "/api/v1/contracts/\(c)/meetings/plan", ["frequency": "month", "from": "2026-03-01"]),
            (.PATCH, "/api/v1/contracts/\(c)/meetings/\(unknown)", ["minutes": "m", "agenda": "a"]),
            (.POST, "/api/v1/transfers", ["sourceType": "placement", "sourceId": placement, "targetContractId": c.uuidString, "percentage": 10, "reason": "r"]),
            (.POST, "/api/v1/transfers/\(unknown)/accept", ["comment": "c"]),
            (.POST, "/api/v1/transfers/\(unknown)/decline", ["comment": "c"]),
            (.PUT, "/api/v1/contracts/\(c)/participants", ["participants": [["organisationId": world.otherBuyer!.uuidString, "valueCents": 100]]]),
            (.POST, "/api/v1/stacked-jobs", ["title": "t", "placementIds": [placement]]),
            (.POST, "/api/v1/social-enterprises", ["name": "n", "kvk": "12345679", "psoStep": "aspirant", "sectors": ["groen"]]),
            (.PATCH, "/api/v1/social-enterprises/\(enterprise)", ["city": "Utrecht", "article282": true]),
            (.PUT, "/api/v1/organisations/\(org)/policy/shared", ["shared": true]),
            (.POST, "/api/v1/organisations/\(org)/policy/adopt", ["regionalOrganisationId": world.otherBuyer!.uuidString, "note": "n"]),
        ]
        XCTAssertEqual(operations.count, 35, "every JSON write operation of the OpenAPI document")
        var rng = SeededGenerator(seed: 20_261_127)
        var refused = 0
        for (method, path, body) in operations {
            for who in ["coordinator", "reporterA", "admin"] {
                for _ in 0..<6 {
                    let before = try await AuditEntryModel.query(on: world.app.db).count()
                    let text = BodyMutator.mutate(body, &rng)
                    let res = try await world.request(method, path, as: who, rawBody: text)
                    XCTAssertLessThan(res.status.code, 500, "\(method) \(path) as \(who) with \(text): \(res.body.string)")
                    guard res.status.code >= 400 else { continue }
                    refused += 1
                    let error = json(res)["error"] as? [String: Any] ?? [:]
                    let code = error["code"] as? String ?? ""
                    let message = error["message"] as? String ?? ""
                    XCTAssertFalse(code.isEmpty, "\(method) \(path): \(res.body.string)")
                    XCTAssertFalse(message.isEmpty, "\(method) \(path): \(res.body.string)")
                    // A failed login is written to the audit log on purpose (security); nothing else may be.
                    let after = try await AuditEntryModel.query(on: world.app.db).count()
                    let loginFailure = path == "/api/v1/login" && res.status == .unauthorized ? 1 : 0
                    XCTAssertEqual(after - before, loginFailure,
                                   "a refused \(method) \(path) as \(who) wrote something: \(text)")
                }
            }
        }
        XCTAssertGreaterThan(refused, 300)
    }
}
