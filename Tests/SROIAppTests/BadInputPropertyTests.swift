import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// Property test of every JSON body decoder that writes: mutated bodies (wrong types, nulls, missing and extra
/// fields, huge numbers, broken JSON) never answer 500, always answer an error that names what was wrong, and a
/// refused request writes nothing (the audit log, which every change writes, stays as it was).
/// Mutations of a JSON body: a field removed, a field given an odd value, an extra field, or the text cut short.
enum BodyMutator {
    // Read-only after initialisation.
    nonisolated(unsafe) static let oddValues: [Any] = [NSNull(), "", "x", -1, 0, 9_223_372_036_854_775_807, 1e308, -0.5, true, [1, 2], ["a": 1], "2026-02-30", "31-12-2026",
                            String(repeating: "é", count: 400), "\u{0}", "NaN"]

    static func mutate(_ body: [String: Any], _ rng: inout SeededGenerator) -> String {
        var b = body
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let keys = b.keys.sorted()
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !keys.isEmpty: b.removeValue(forKey: keys.randomElement(using: &rng)!)
            case 1 where !keys.isEmpty: b[keys.randomElement(using: &rng)!] = oddValues.randomElement(using: &rng)!
            case 2: b["extra\(Int.random(in: 0...9, using: &rng))"] = oddValues.randomElement(using: &rng)!
            default: break
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: b, options: [.fragmentsAllowed])) ?? Data("{".utf8)
        var text = String(decoding: data, as: UTF8.self)
        if Int.random(in: 0..<10, using: &rng) == 0 { text = String(text.dropLast(Int.random(in: 1...max(1, text.count), using: &rng))) }
        return text
    }
}

final class BadInputPropertyTests: AppTestCase, @unchecked Sendable {
    func testMutatedBodiesNeverCrashNeverHalfWriteAndNameTheirProblem() async throws {
        let contract = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let targets: [(String, HTTPMethod, String, [String: Any])] = [
            ("coordinator", .POST, "/api/v1/contracts", ["title": "T", "kind": "dienst", "cpv": "90910000", "valueCents": 120_000_000,
                                                         "start": "2026-01-01", "end": "2027-12-31", "status": "planned"]),
            ("reporterA", .POST, "/api/v1/contracts/\(contract)/placements", ["reference": "R-1", "block": "employment", "targetGroup": "ww",
                                                                               "hoursPerWeek": 24, "start": "2026-02-01"]),
            ("reporterA", .POST, "/api/v1/contracts/\(contract)/activities", ["block": "training", "description": "Cursus", "date": "2026-03-01",
                                                                               "amountCents": 100_000]),
            ("reporterA", .POST, "/api/v1/contracts/\(contract)/reports", ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"]),
            ("coordinator", .PUT, "/api/v1/organisations/\(world.buyer!)/policy", ["settings": ["standardPercentage": 6], "note": "n"]),
            ("coordinator", .POST, "/api/v1/social-enterprises", ["name": "SE", "kvk": "12345678", "psoStep": "2"]),
            ("reporterA", .POST, "/api/v1/transfers", ["sourceType": "activity", "sourceId": UUID().uuidString, "targetContractId": contract.uuidString,
                                                       "percentage": 10, "reason": "r"]),
        ]
        var rng = SeededGenerator(seed: 42)
        var refused = 0
        for (who, method, path, body) in targets {
            for _ in 0..<40 {
                let before = try await AuditEntryModel.query(on: world.app.db).count()
                let text = BodyMutator.mutate(body, &rng)
                let res = try await world.request(method, path, as: who, rawBody: text)
                XCTAssertLessThan(res.status.code, 500, "\(method) \(path) with \(text): \(res.body.string)")
                if res.status.code >= 400 {
                    refused += 1
                    let error = json(res)["error"] as? [String: Any]
                    XCTAssertNotNil(error?["code"], res.body.string)
                    XCTAssertFalse((error?["message"] as? String ?? "").isEmpty, res.body.string)
                    let after = try await AuditEntryModel.query(on: world.app.db).count()
                    XCTAssertEqual(after, before, "a refused \(method) \(path) wrote something: \(text)")
                }
            }
        }
        XCTAssertGreaterThan(refused, 100)
    }

    /// Found by the property test on PostgreSQL: a NUL character in a text field (which PostgreSQL cannot store)
    /// ended as a server error. Now refused by name, in JSON and in forms, before anything is written.
    func testANulCharacterIsRefusedByName() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let before = try await AuditEntryModel.query(on: world.app.db).count()
        let job = try await world.request(.POST, "/api/v1/contracts/\(c)/potential-jobs", as: "coordinator",
                                          rawBody: #"{"source":"staff_review","title":"Kantine\u0000"}"#)
        XCTAssertEqual(job.status, .badRequest, job.body.string)
        XCTAssertEqual(errorField(job), "title")
        let nested = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "coordinator",
                                             rawBody: #"{"participants":[{"organisationId":"x\u0000","valueCents":1}]}"#)
        XCTAssertEqual(errorField(nested), "participants.0.organisationId")
        let after = try await AuditEntryModel.query(on: world.app.db).count()
        XCTAssertEqual(after, before)
        XCTAssertEqual(NulCharacterGuard.field(in: ByteBuffer(string: "title=Kantine%00&note=x"), json: false), "title")
        XCTAssertNil(NulCharacterGuard.field(in: ByteBuffer(string: "title=Kantine+50%25"), json: false))
        XCTAssertNil(NulCharacterGuard.field(in: ByteBuffer(string: #"{"title":"\\u0000 is a fine text"}"#), json: true),
                     "an escaped backslash before u0000 is text, not a NUL")
    }

    /// Found by the property test: a huge number trapped the server when it became hundredths.
    func testHugeNumbersAreRefusedByNameNotByACrash() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let placement = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA",
            rawBody: #"{"reference":"R-1","block":"employment","targetGroup":"ww","hoursPerWeek":1e308,"start":"2026-02-01"}"#)
        XCTAssertEqual(errorField(placement), "hoursPerWeek")
        let policy = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
            rawBody: #"{"settings":{"standardPercentage":-1e308}}"#)
        XCTAssertEqual(errorField(policy), "standardPercentage")
        let activity = try await world.request(.POST, "/api/v1/contracts/\(c)/activities", as: "reporterA",
            rawBody: #"{"block":"social_purchase","description":"x","date":"2026-03-01","amountCents":9223372036854775807,"enterpriseStatus":"aspirant"}"#)
        XCTAssertEqual(errorField(activity), "amountCents")
        let contract = try await world.request(.POST, "/api/v1/contracts", as: "coordinator",
            rawBody: #"{"title":"T","kind":"dienst","valueCents":9223372036854775807,"start":"2026-01-01","end":"2027-12-31","status":"planned"}"#)
        XCTAssertEqual(errorField(contract), "valueCents")
        let override = try await world.request(.PUT, "/api/v1/contracts/\(c)/obligation/override", as: "coordinator",
            rawBody: #"{"amountCents":9223372036854775807,"reason":"x"}"#)
        XCTAssertEqual(errorField(override), "amountCents")
    }
}
