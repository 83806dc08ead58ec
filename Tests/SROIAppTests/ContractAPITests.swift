import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class ContractAPITests: AppTestCase, @unchecked Sendable {
    func testObligationOfTheWorkedCleaningExample() async throws {
        // € 1.200.000, wage sum € 800.000, dienst, 2026-01-01 to 2028-12-31 → 5% = € 60.000 = 6.000.000 cents.
        let id = try await world.createContract([:])
        let res = try await world.request(.GET, "/api/v1/contracts/\(id)/obligation", as: "coordinator")
        XCTAssertEqual(res.status, .ok)
        let body = json(res)
        XCTAssertEqual(body["amountCents"] as? Int, 6_000_000)
        XCTAssertEqual(body["applicable"] as? Bool, true)
        XCTAssertEqual(body["percentage"] as? Double, 5)
        XCTAssertEqual(body["base"] as? String, "contract_value")
        XCTAssertEqual(body["policyVersion"] as? Int, 1)
        XCTAssertTrue((body["explanation"] as? String ?? "").contains("5% van de opdrachtwaarde van € 1.200.000 = € 60.000"))
    }

    func testCreateFillsBuyerAndListsContract() async throws {
        let id = try await world.createContract(["title": "Catering", "cpv": "55520000", "valueCents": 25_000_000, "wageSumCents": nil])
        let list = jsonArray(try await world.request(.GET, "/api/v1/contracts", as: "viewer"))
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["id"] as? String, id.uuidString)
        XCTAssertEqual(list.first?["buyerId"] as? String, world.buyer.uuidString)
        // € 250.000 × 5% = € 12.500
        XCTAssertEqual(list.first?["obligationCents"] as? Int, 1_250_000)
    }

    func testValidationNamesTheFieldAndWritesNothing() async throws {
        let missing = try await world.request(.POST, "/api/v1/contracts", as: "coordinator",
                                              json: ["kind": "dienst", "valueCents": 100, "start": "2026-01-01", "end": "2026-12-31"] as [String: JSONValue])
        XCTAssertEqual(missing.status, .unprocessableEntity)
        XCTAssertEqual(errorField(missing), "title")

        let wrongType = try await world.request(.POST, "/api/v1/contracts", as: "coordinator",
                                                rawBody: #"{"title":"X","kind":"dienst","valueCents":"veel","start":"2026-01-01","end":"2026-12-31"}"#)
        XCTAssertEqual(wrongType.status, .badRequest)
        XCTAssertEqual(errorField(wrongType), "valueCents")

        let badDates = try await world.request(.POST, "/api/v1/contracts", as: "coordinator",
                                               json: ["title": "X", "kind": "dienst", "valueCents": 100, "start": "2026-12-31", "end": "2026-01-01"] as [String: JSONValue])
        XCTAssertEqual(badDates.status, .unprocessableEntity)
        XCTAssertEqual(errorField(badDates), "end")

        let awardedWithoutSupplier = try await world.request(.POST, "/api/v1/contracts", as: "coordinator",
            json: ["title": "X", "kind": "dienst", "valueCents": 100, "start": "2026-01-01", "end": "2026-12-31", "status": "awarded"] as [String: JSONValue])
        XCTAssertEqual(awardedWithoutSupplier.status, .unprocessableEntity)
        XCTAssertEqual(errorField(awardedWithoutSupplier), "supplierId")
        let details = (json(awardedWithoutSupplier)["error"] as? [String: Any])?["details"] as? [[String: Any]]
        XCTAssertEqual(details?.count, 1)

        let v55 = try await ContractModel.query(on: world.app.db).count()
        XCTAssertEqual(v55, 0)
    }

    func testOnlyEditorsOfTheBuyerCreate() async throws {
        let body: [String: JSONValue] = ["title": "X", "kind": "dienst", "valueCents": 100, "start": "2026-01-01", "end": "2026-12-31"]
        let viewer = try await world.request(.POST, "/api/v1/contracts", as: "viewer", json: body)
        XCTAssertEqual(viewer.status, .forbidden)
        let reporter = try await world.request(.POST, "/api/v1/contracts", as: "reporterA", json: body)
        XCTAssertEqual(reporter.status, .forbidden)
        var forOther = body
        forOther["buyerId"] = .string(world.otherBuyer.uuidString)
        let other = try await world.request(.POST, "/api/v1/contracts", as: "purchaser", json: forOther)
        XCTAssertEqual(other.status, .unprocessableEntity)
        XCTAssertEqual(errorField(other), "buyerId")
        let anonymous = try await world.request(.POST, "/api/v1/contracts", json: body)
        XCTAssertEqual(anonymous.status, .unauthorized)
        XCTAssertEqual((json(anonymous)["error"] as? [String: Any])?["code"] as? String, "unauthenticated")
    }

    func testSupplierSeesOnlyContractsAwardedToItself() async throws {
        let awardedToA = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let awardedToB = try await world.createContract(["title": "Groen", "status": "awarded", "supplierId": .string(world.supplierB.uuidString)])
        // A tender with a supplier in mind is not visible to that supplier before award.
        let tender = try await world.createContract(["title": "Aanbesteding", "status": "in_tender", "supplierId": .string(world.supplierA.uuidString)])

        let listA = jsonArray(try await world.request(.GET, "/api/v1/contracts", as: "reporterA"))
        XCTAssertEqual(listA.map { $0["id"] as? String }, [awardedToA.uuidString])

        for path in ["/api/v1/contracts/\(awardedToB)", "/api/v1/contracts/\(awardedToB)/obligation", "/api/v1/contracts/\(tender)"] {
            let res = try await world.request(.GET, path, as: "reporterA")
            XCTAssertEqual(res.status, .notFound, path)
        }
        let own = try await world.request(.GET, "/api/v1/contracts/\(awardedToA)/obligation", as: "reporterA")
        XCTAssertEqual(own.status, .ok)
        XCTAssertEqual(json(own)["amountCents"] as? Int, 6_000_000)
        // A supplier cannot change it.
        let patch = try await world.request(.PATCH, "/api/v1/contracts/\(awardedToA)", as: "reporterA", json: ["title": "Anders"] as [String: JSONValue])
        XCTAssertEqual(patch.status, .forbidden)
    }

    func testAnotherBuyerGets404() async throws {
        let id = try await world.createContract([:])
        for (method, path) in [(HTTPMethod.GET, "/api/v1/contracts/\(id)"), (.GET, "/api/v1/contracts/\(id)/obligation"),
                               (.PATCH, "/api/v1/contracts/\(id)"), (.PUT, "/api/v1/contracts/\(id)/obligation/override")] {
            let res = try await world.request(method, path, as: "otherCoordinator", json: ["title": "X", "reason": "test"] as [String: JSONValue])
            XCTAssertEqual(res.status, .notFound, "\(method) \(path)")
        }
        let otherList = try await world.request(.GET, "/api/v1/contracts", as: "otherCoordinator")
        XCTAssertEqual(jsonArray(otherList).count, 0)
        let unknown = try await world.request(.GET, "/api/v1/contracts/\(UUID())", as: "coordinator")
        XCTAssertEqual(unknown.status, .notFound)
        let malformed = try await world.request(.GET, "/api/v1/contracts/not-a-uuid", as: "coordinator")
        XCTAssertEqual(malformed.status, .notFound)
    }

    func testPatchChangesOnlySentFieldsAndNullClears() async throws {
        let id = try await world.createContract(["region": "Haaglanden"])
        let res = try await world.request(.PATCH, "/api/v1/contracts/\(id)", as: "purchaser",
                                          json: ["valueCents": 200_000_000, "region": nil] as [String: JSONValue])
        XCTAssertEqual(res.status, .ok, res.body.string)
        let body = json(res)
        XCTAssertEqual(body["title"] as? String, "Schoonmaak stadhuis")
        XCTAssertNil(body["region"] as? String)
        // € 2.000.000 with wage sum € 800.000: labour share 40% < 50% → 5% of the wage sum = € 40.000.
        XCTAssertEqual(body["obligationCents"] as? Int, 4_000_000)
        let audit = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectID == id.uuidString).filter(\.$action == "update").all()
        XCTAssertEqual(audit.count, 1)
        XCTAssertTrue(audit.first?.before?.contains("12000000000") == false)
        XCTAssertTrue(audit.first?.after?.contains("200000000") == true)
    }

    func testAwardedContractKeepsItsPolicyVersion() async throws {
        let awarded = try await world.createContract(["status": "awarded", "supplierId": .string(world.supplierA.uuidString)])
        let planned = try await world.createContract(["title": "Nog aan te besteden"])
        let put = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                          json: ["settings": ["standardPercentage": 6.5], "note": "Ambitie verhoogd"] as [String: JSONValue])
        XCTAssertEqual(put.status, .ok, put.body.string)
        XCTAssertEqual(json(put)["version"] as? Int, 2)

        // Awarded under version 1: still 5% = € 60.000.
        let kept = json(try await world.request(.GET, "/api/v1/contracts/\(awarded)/obligation", as: "coordinator"))
        XCTAssertEqual(kept["amountCents"] as? Int, 6_000_000)
        XCTAssertEqual(kept["policyVersion"] as? Int, 1)
        // The tender follows version 2: 6,5% × € 1.200.000 = € 78.000.
        let follows = json(try await world.request(.GET, "/api/v1/contracts/\(planned)/obligation", as: "coordinator"))
        XCTAssertEqual(follows["amountCents"] as? Int, 7_800_000)
        XCTAssertEqual(follows["policyVersion"] as? Int, 2)
        // Awarding it now fixes version 2.
        let award = try await world.request(.PATCH, "/api/v1/contracts/\(planned)", as: "coordinator",
                                            json: ["status": "awarded", "supplierId": .string(world.supplierB.uuidString)] as [String: JSONValue])
        XCTAssertEqual(json(award)["policyVersion"] as? Int, 2)

        let versions = jsonArray(try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy/versions", as: "viewer"))
        XCTAssertEqual(versions.map { $0["version"] as? Int }, [2, 1])
        XCTAssertEqual(versions.first?["note"] as? String, "Ambitie verhoogd")
    }

    func testPolicyRulesAreEnforced() async throws {
        let bad = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                          json: ["settings": ["standardPercentage": 150]] as [String: JSONValue])
        XCTAssertEqual(bad.status, .unprocessableEntity)
        XCTAssertEqual(errorField(bad), "standardPercentage")
        let purchaser = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "purchaser",
                                                json: ["settings": ["standardPercentage": 6]] as [String: JSONValue])
        XCTAssertEqual(purchaser.status, .forbidden)
        let other = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy", as: "otherCoordinator")
        XCTAssertEqual(other.status, .notFound)
        let supplier = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy", as: "reporterA")
        XCTAssertEqual(supplier.status, .notFound)
        let v163 = try await PolicyVersionModel.query(on: world.app.db).filter(\.$organisation.$id == world.buyer).count()
        XCTAssertEqual(v163, 1)
    }

    func testRijkPolicyThroughTheAPI() async throws {
        // Switch the buyer to the wage-sum rule of the Rijk: € 250.000 threshold, 5% of the wage sum.
        let put = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator", json: [
            "settings": ["basis": "wage_sum", "minimumValueCents": nil, "minimumWageSumCents": 25_000_000],
        ] as [String: JSONValue])
        XCTAssertEqual(put.status, .ok, put.body.string)
        // Wage sum € 800.000 → € 40.000.
        let id = try await world.createContract([:])
        let big = try await world.request(.GET, "/api/v1/contracts/\(id)/obligation", as: "coordinator")
        XCTAssertEqual(json(big)["amountCents"] as? Int, 4_000_000)
        // Wage sum € 240.000 → not applicable, with the reason.
        let small = try await world.createContract(["title": "Klein", "wageSumCents": 24_000_000])
        let body = json(try await world.request(.GET, "/api/v1/contracts/\(small)/obligation", as: "coordinator"))
        XCTAssertEqual(body["applicable"] as? Bool, false)
        XCTAssertTrue((body["explanation"] as? String ?? "").contains("loonsom van € 240.000 is lager dan de drempel van € 250.000"))
    }

    func testOverrideNeedsCoordinatorAndReasonAndKeepsComputedValue() async throws {
        let id = try await world.createContract([:])
        let path = "/api/v1/contracts/\(id)/obligation/override"
        let purchaser = try await world.request(.PUT, path, as: "purchaser", json: ["amountCents": 4_500_000, "reason": "x"] as [String: JSONValue])
        XCTAssertEqual(purchaser.status, .forbidden)
        let noReason = try await world.request(.PUT, path, as: "coordinator", json: ["amountCents": 4_500_000, "reason": " "] as [String: JSONValue])
        XCTAssertEqual(noReason.status, .unprocessableEntity)
        XCTAssertEqual(errorField(noReason), "reason")

        let ok = try await world.request(.PUT, path, as: "coordinator",
                                         json: ["amountCents": 4_500_000, "reason": "Afgesproken bij gunning"] as [String: JSONValue])
        XCTAssertEqual(ok.status, .ok, ok.body.string)
        let body = json(ok)
        XCTAssertEqual(body["amountCents"] as? Int, 4_500_000)
        XCTAssertEqual((body["computed"] as? [String: Any])?["amountCents"] as? Int, 6_000_000)
        XCTAssertEqual((body["override"] as? [String: Any])?["reason"] as? String, "Afgesproken bij gunning")
        XCTAssertTrue((body["explanation"] as? String ?? "").contains("bedrag vastgesteld op € 45.000 in plaats van € 60.000"))

        let removed = json(try await world.request(.DELETE, path, as: "coordinator"))
        XCTAssertEqual(removed["amountCents"] as? Int, 6_000_000)
        XCTAssertNil(removed["override"] as? [String: Any])
        let actions = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "obligation").all().map(\.action).sorted()
        XCTAssertEqual(actions, ["override", "remove_override"])
    }

    func testListFilters() async throws {
        _ = try await world.createContract(["title": "Schoonmaak", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
        _ = try await world.createContract(["title": "Groen", "cpv": "77310000", "status": "planned"])
        let running = jsonArray(try await world.request(.GET, "/api/v1/contracts?status=running", as: "coordinator"))
        XCTAssertEqual(running.map { $0["title"] as? String }, ["Schoonmaak"])
        let green = jsonArray(try await world.request(.GET, "/api/v1/contracts?category=7731", as: "coordinator"))
        XCTAssertEqual(green.map { $0["title"] as? String }, ["Groen"])
        let bySupplier = jsonArray(try await world.request(.GET, "/api/v1/contracts?supplierId=\(world.supplierA!)", as: "coordinator"))
        XCTAssertEqual(bySupplier.map { $0["title"] as? String }, ["Schoonmaak"])
    }

    func testPortfolioRanksWithReasonsAndFlagsTenders() async throws {
        // Today is fixed at 2026-11-27 (TestWorld).
        _ = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        _ = try await world.createContract(["title": "ICT", "cpv": "72000000", "valueCents": 30_000_000, "wageSumCents": nil,
                                            "start": "2026-06-01", "end": "2027-05-31", "status": "running",
                                            "supplierId": .string(world.supplierB.uuidString)])
        _ = try await world.createContract(["title": "Groen 2027", "cpv": "77310000", "start": "2027-07-01", "end": "2031-06-30",
                                            "publicationDate": "2027-02-01"])
        let res = try await world.request(.GET, "/api/v1/portfolio", as: "purchaser")
        XCTAssertEqual(res.status, .ok)
        let body = json(res)
        let top = body["top"] as? [[String: Any]] ?? []
        XCTAssertEqual(top.map { $0["title"] as? String }, ["Schoonmaak stadhuis", "ICT"])
        XCTAssertEqual(top.first?["score"] as? Int, 10)
        XCTAssertEqual(top.first?["annualValueCents"] as? Int, 39_963_500)
        XCTAssertEqual(top.last?["score"] as? Int, 4)
        let tenders = body["tenders"] as? [[String: Any]] ?? []
        XCTAssertEqual(tenders.first?["urgency"] as? String, "act_now")
        let supplier = try await world.request(.GET, "/api/v1/portfolio", as: "reporterA")
        XCTAssertEqual(supplier.status, .forbidden)
    }
}
