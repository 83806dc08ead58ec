import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// One picture across contracts and buyers (issue 5): every number below is worked out by hand in the comments.
final class CreditingAPITests: AppTestCase, @unchecked Sendable {
    func post(_ path: String, as who: String, _ body: [String: JSONValue]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    func contract(_ fields: [String: JSONValue], as who: String = "coordinator") async throws -> UUID {
        try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)].merging(fields) { $1 }, as: who)
    }

    /// Submits a report for the period and approves every line as the given reviewer; returns the report's total.
    @discardableResult
    func reportAndApprove(_ c: UUID, _ from: String, _ to: String, reporter: String = "reporterA", reviewer: String = "coordinator") async throws -> Int {
        let r = try await post("/api/v1/contracts/\(c)/reports", as: reporter, ["periodStart": .string(from), "periodEnd": .string(to)])
        XCTAssertEqual(r.status, .created, r.body.string)
        let id = json(r)["id"] as! String
        let s = try await post("/api/v1/contracts/\(c)/reports/\(id)/submit", as: reporter, [:])
        XCTAssertEqual(s.status, .ok, s.body.string)
        let a = try await post("/api/v1/contracts/\(c)/reports/\(id)/approve", as: reviewer, [:])
        XCTAssertEqual(a.status, .ok, a.body.string)
        return json(a)["approvedCents"] as? Int ?? -1
    }

    func progress(_ c: UUID, as who: String = "coordinator") async throws -> [String: Any] {
        let res = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: who)
        XCTAssertEqual(res.status, .ok, res.body.string)
        return json(res)
    }

    func testFrameworkWithThreeCallOffsCarriesOneObligationAndOneReport() async throws {
        // Framework € 200.000 (wage sum € 150.000) + call-offs € 400.000, € 350.000 and € 250.000 (wage sums € 300.000,
        // € 250.000, € 200.000) = € 1.200.000 with a wage sum of € 900.000 (75%): 5% = € 60.000.
        let framework = try await contract(["title": "Raamovereenkomst schoonmaak", "valueCents": 20_000_000, "wageSumCents": 15_000_000])
        var callOffs: [UUID] = []
        for (value, wage) in [(40_000_000, 30_000_000), (35_000_000, 25_000_000), (25_000_000, 20_000_000)] as [(Int64, Int64)] {
            callOffs.append(try await contract(["title": "Nadere opdracht", "valueCents": .int(value), "wageSumCents": .int(wage),
                                                "frameworkId": .string(framework.uuidString)]))
        }
        // A call-off still in tender adds nothing yet.
        _ = try await contract(["title": "Nadere opdracht in aanbesteding", "status": "in_tender", "valueCents": 50_000_000, "wageSumCents": nil, "supplierId": nil,
                                "frameworkId": .string(framework.uuidString)])
        let obligation = try await world.request(.GET, "/api/v1/contracts/\(framework)/obligation", as: "coordinator")
        XCTAssertEqual(json(obligation)["amountCents"] as? Int, 6_000_000, obligation.body.string)
        XCTAssertTrue(obligation.body.string.contains("3 nadere opdrachten"), obligation.body.string)
        let callOffObligation = try await world.request(.GET, "/api/v1/contracts/\(callOffs[0])/obligation", as: "coordinator")
        XCTAssertEqual(json(callOffObligation)["amountCents"] as? Int, 0)

        // Realisations on call-offs count for the framework: € 30.091,32 (DOMAIN.md's Participatiewet example) + € 8.000.
        let p = try await post("/api/v1/contracts/\(callOffs[0])/placements", as: "reporterA", [
            "reference": "P-1", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24,
            "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"]])
        XCTAssertEqual(p.status, .created, p.body.string)
        let a = try await post("/api/v1/contracts/\(callOffs[1])/activities", as: "reporterA", [
            "block": "social_purchase", "description": "Inkoop bij De Brug", "date": "2026-05-15", "amountCents": 800_000, "enterpriseStatus": "art_2_82"])
        XCTAssertEqual(a.status, .created, a.body.string)
        // The supplier reports once, for the framework; a report on a call-off is refused.
        let refused = try await post("/api/v1/contracts/\(callOffs[0])/reports", as: "reporterA", ["periodStart": "2026-01-01", "periodEnd": "2026-12-31"])
        XCTAssertEqual(refused.status, .conflict)
        let approved = try await reportAndApprove(framework, "2026-01-01", "2026-12-31")
        XCTAssertEqual(approved, 3_809_132)
        let fp = try await progress(framework)
        XCTAssertEqual(fp["obligationCents"] as? Int, 6_000_000)
        XCTAssertEqual(fp["realisedCents"] as? Int, 3_809_132)
    }

    func testTransfersBetweenTwoBuyersAcceptedDeclinedAndNeverOverAllocated() async throws {
        let x = try await contract(["title": "Schoonmaak stadhuis"])
        let z = try await contract(["title": "Schoonmaak scholen"])
        let y = try await contract(["title": "Schoonmaak kantoren Anders", "end": "2027-12-31"], as: "otherCoordinator")
        // € 10.000 bought from an art. 2.82 enterprise on contract X.
        let buy = try await post("/api/v1/contracts/\(x)/activities", as: "reporterA", [
            "block": "social_purchase", "description": "Catering door sociale onderneming", "date": "2026-04-01", "amountCents": 1_000_000,
            "enterpriseStatus": "art_2_82"])
        let activity = json(buy)["id"] as! String
        // 30% goes to Y, another buyer's contract: proposed, then accepted by that buyer's coordinator.
        let t1 = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                "targetContractId": .string(y.uuidString), "percentage": 30, "reason": "Gebundeld bij Gemeente Anders"])
        XCTAssertEqual(t1.status, .created, t1.body.string)
        XCTAssertEqual(json(t1)["status"] as? String, "proposed")
        let t1id = json(t1)["id"] as! String
        let wrongBuyer = try await post("/api/v1/transfers/\(t1id)/accept", as: "coordinator", [:])
        XCTAssertEqual(wrongBuyer.status, .notFound, "only the receiving buyer decides")
        let accepted = try await post("/api/v1/transfers/\(t1id)/accept", as: "otherCoordinator", [:])
        XCTAssertEqual(accepted.status, .ok, accepted.body.string)
        XCTAssertEqual(json(accepted)["status"] as? String, "accepted")

        // € 7.000 is left; € 7.500 is refused, naming the field and what is left.
        let over = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                  "targetContractId": .string(z.uuidString), "amountCents": 750_000, "reason": "te veel"])
        XCTAssertEqual(over.status, .unprocessableEntity)
        XCTAssertEqual(errorField(over), "amountCents")
        XCTAssertTrue(over.body.string.contains("€ 7.000"), over.body.string)
        // Another supplier cannot move A's value.
        let foreign = try await post("/api/v1/transfers", as: "reporterB", ["sourceType": "activity", "sourceId": .string(activity),
                                     "targetContractId": .string(z.uuidString), "percentage": 10, "reason": "x"])
        XCTAssertEqual(foreign.status, .notFound)
        // € 2.000 to Z is proposed and declined: a comment is required, and afterwards X keeps € 7.000.
        let t2 = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                "targetContractId": .string(z.uuidString), "amountCents": 200_000, "reason": "voor de scholen"])
        XCTAssertEqual(t2.status, .created, t2.body.string)
        let t2id = json(t2)["id"] as! String
        let noComment = try await post("/api/v1/transfers/\(t2id)/decline", as: "coordinator", [:])
        XCTAssertEqual(errorField(noComment), "comment")
        let declined = try await post("/api/v1/transfers/\(t2id)/decline", as: "coordinator", ["comment": "Dit past niet bij de scholen."])
        XCTAssertEqual(json(declined)["status"] as? String, "declined")
        let again = try await post("/api/v1/transfers/\(t2id)/accept", as: "coordinator", [:])
        XCTAssertEqual(again.status, .conflict)

        // X reports € 7.000, Y € 3.000: together the € 10.000, never more.
        let xApproved = try await reportAndApprove(x, "2026-04-01", "2026-06-30")
        let yApproved = try await reportAndApprove(y, "2026-04-01", "2026-06-30", reviewer: "otherCoordinator")
        XCTAssertEqual(xApproved, 700_000)
        XCTAssertEqual(yApproved, 300_000)
        // Once reported, the activity cannot move any more.
        let late = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                  "targetContractId": .string(z.uuidString), "percentage": 10, "reason": "later"])
        XCTAssertEqual(late.status, .conflict, late.body.string)

        // Each side sees the transfers that concern it; the buyer of X sees value leaving, the supplier both.
        let seenByOther = try await world.request(.GET, "/api/v1/transfers", as: "otherCoordinator")
        XCTAssertEqual(jsonArray(seenByOther).count, 1)
        let seenBySupplier = try await world.request(.GET, "/api/v1/transfers", as: "reporterA")
        XCTAssertEqual(jsonArray(seenBySupplier).count, 2)
        let seenByB = try await world.request(.GET, "/api/v1/transfers", as: "reporterB")
        XCTAssertEqual(jsonArray(seenByB).count, 0)
    }

    func testAPlacementTransferCountsFromTheDayItIsAcceptedAndPendingProposalsAreReserved() async throws {
        let x = try await contract(["title": "Schoonmaak stadhuis"])
        let y = try await contract(["title": "Schoonmaak kantoren Anders", "end": "2027-12-31"], as: "otherCoordinator")
        let z = try await contract(["title": "Schoonmaak scholen"])
        let p = try await post("/api/v1/contracts/\(x)/placements", as: "reporterA", [
            "reference": "P-1", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24,
            "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"]])
        let placement = json(p)["id"] as! String
        // Q1 to Q3 already reported on X: 40.000 × 24/36 × 214/365 = € 15.634,70 + bonus € 10.000.
        let reported = try await reportAndApprove(x, "2026-01-01", "2026-09-30")
        XCTAssertEqual(reported, 2_563_470)
        // 60% proposed to Y and, while it waits, 50% to Z is refused: only 40% is free.
        let t = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "placement", "sourceId": .string(placement),
                               "targetContractId": .string(y.uuidString), "percentage": 60, "reason": "werkt ook voor Anders"])
        XCTAssertEqual(t.status, .created, t.body.string)
        let euros = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "placement", "sourceId": .string(placement),
                                   "targetContractId": .string(z.uuidString), "amountCents": 100, "reason": "x"])
        XCTAssertEqual(errorField(euros), "amountCents", "a placement is split in percentages")
        let over = try await post("/api/v1/transfers", as: "reporterA", ["sourceType": "placement", "sourceId": .string(placement),
                                  "targetContractId": .string(z.uuidString), "percentage": 50, "reason": "x"])
        XCTAssertEqual(over.status, .unprocessableEntity)
        XCTAssertTrue(over.body.string.contains("40%"), over.body.string)
        let accepted = try await post("/api/v1/transfers/\(json(t)["id"] as! String)/accept", as: "otherCoordinator", [:])
        XCTAssertEqual(json(accepted)["effectiveFrom"] as? String, "2026-11-27")
        // Q4 on X: 1 Oct – 26 Nov (57 days) in full: 4.000.000 × 2.400 × 57 / (3.600 × 365) = 416.438 cents,
        // plus 27–30 Nov (4 days) for 40%: 29.224 × 40% = 11.690 → € 4.281,28.
        // Y: the same 4 days for 60%: 29.224 × 60% = 17.534 → € 175,34. Together 29.224 for those 4 days.
        let xQ4 = try await reportAndApprove(x, "2026-10-01", "2026-12-31")
        let yQ4 = try await reportAndApprove(y, "2026-10-01", "2026-12-31", reviewer: "otherCoordinator")
        XCTAssertEqual(xQ4, 428_128)
        XCTAssertEqual(yQ4, 17_534)
    }

    func testAJointTenderOfThreeMunicipalitiesIsBookedProRata() async throws {
        let third = try await OrganisationService.create(.init(name: "Gemeente Derde", kind: "buyer", kvk: "10000003", region: nil), by: nil, on: world.app.db)
        let thirdID = try third.requireID()
        // € 1.200.000, obligation € 60.000, shared 600.000 / 360.000 / 240.000 (50% / 30% / 20%).
        let c = try await contract(["title": "Gezamenlijke aanbesteding schoonmaak"])
        let wrongSum = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "coordinator", json: ["participants": [
            ["organisationId": .string(world.buyer.uuidString), "valueCents": 60_000_000],
            ["organisationId": .string(world.otherBuyer.uuidString), "valueCents": 36_000_000]]] as [String: JSONValue])
        XCTAssertEqual(errorField(wrongSum), "participants")
        let set = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "coordinator", json: ["participants": [
            ["organisationId": .string(world.buyer.uuidString), "valueCents": 60_000_000],
            ["organisationId": .string(world.otherBuyer.uuidString), "valueCents": 36_000_000],
            ["organisationId": .string(thirdID.uuidString), "valueCents": 24_000_000]]] as [String: JSONValue])
        XCTAssertEqual(set.status, .ok, set.body.string)
        let notLead = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "otherCoordinator", json: ["participants": []] as [String: JSONValue])
        XCTAssertEqual(notLead.status, .notFound)

        _ = try await post("/api/v1/contracts/\(c)/activities", as: "reporterA", [
            "block": "social_purchase", "description": "Inkoop", "date": "2026-05-15", "amountCents": 1_234_567, "enterpriseStatus": "art_2_82"])
        try await reportAndApprove(c, "2026-04-01", "2026-06-30")
        // € 12.345,67: 6.172,835 / 3.703,701 / 2.469,134 → 6.172,84 / 3.703,70 / 2.469,13 (the cent to the largest remainder).
        let seen = try await progress(c, as: "otherCoordinator")
        let booked = seen["bookedTo"] as! [[String: Any]]
        XCTAssertEqual(booked.map { $0["obligationCents"] as? Int }, [3_000_000, 1_800_000, 1_200_000])
        XCTAssertEqual(booked.map { $0["realisedCents"] as? Int }, [617_284, 370_370, 246_913])
        XCTAssertEqual(booked.map { $0["organisationName"] as? String }, ["Gemeente Test", "Gemeente Anders", "Gemeente Derde"])
        // A participant reads, never changes; a stranger does not even see it.
        let change = try await world.request(.PATCH, "/api/v1/contracts/\(c)", as: "otherCoordinator", json: ["title": "Overgenomen"] as [String: JSONValue])
        XCTAssertEqual(change.status, .notFound)
        let stranger = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: "reporterB")
        XCTAssertEqual(stranger.status, .notFound)
    }

    func testAStackedJobOverTwoSuppliersCountsTheBonusOnceAndSplitsByHours() async throws {
        let sa = try await contract(["title": "Schoonmaak"])
        let sb = try await contract(["title": "Catering", "cpv": "55520000", "supplierId": .string(world.supplierB.uuidString)])
        // The same person (by BSN) 20 hours with A and 12 hours with B, Participatiewet, all of 2026, permanent contract.
        let pa = try await post("/api/v1/contracts/\(sa)/placements", as: "reporterA", [
            "bsn": "111222333", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 20,
            "start": "2026-01-01", "end": "2026-12-31", "bonuses": ["permanent_contract"]])
        let pb = try await post("/api/v1/contracts/\(sb)/placements", as: "reporterB", [
            "bsn": "111222333", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 12,
            "start": "2026-01-01", "end": "2026-12-31", "bonuses": ["permanent_contract"]])
        XCTAssertEqual(json(pa)["candidate"] as? String, json(pb)["candidate"] as? String)
        let candidates = try await world.request(.GET, "/api/v1/stacked-jobs/candidates", as: "coordinator")
        XCTAssertEqual(jsonArray(candidates).count, 1)
        let forbidden = try await post("/api/v1/stacked-jobs", as: "viewer", ["title": "x", "placementIds": [.string(json(pa)["id"] as! String)]])
        XCTAssertEqual(forbidden.status, .forbidden)
        let job = try await post("/api/v1/stacked-jobs", as: "coordinator", ["title": "Schoonmaak en kantine",
                                 "placementIds": [.string(json(pa)["id"] as! String), .string(json(pb)["id"] as! String)]])
        XCTAssertEqual(job.status, .created, job.body.string)
        XCTAssertEqual(json(job)["totalHoursPerWeek"] as? Double, 32)
        // Together: 40.000 × 32/36 = € 35.555,56, plus the bonus once: € 45.555,56 (apart it would be € 55.555,55).
        // Split 20 : 12 = 28.472,225 : 17.083,335 → € 28.472,23 and € 17.083,33.
        let a = try await reportAndApprove(sa, "2026-01-01", "2026-12-31")
        let b = try await reportAndApprove(sb, "2026-01-01", "2026-12-31", reporter: "reporterB")
        XCTAssertEqual(a, 2_847_223)
        XCTAssertEqual(b, 1_708_333)
        let again = try await post("/api/v1/stacked-jobs", as: "coordinator", ["title": "nog eens",
                                   "placementIds": [.string(json(pa)["id"] as! String), .string(json(pb)["id"] as! String)]])
        XCTAssertEqual(errorField(again), "placementIds")
    }

    func testARevolvingDoorIsFoundAcrossTwoBuyersWithoutRevealingTheOtherContract() async throws {
        let x = try await contract(["title": "Schoonmaak stadhuis Test"])
        let w = try await contract(["title": "Groenonderhoud Anders", "cpv": "77310000", "supplierId": .string(world.supplierB.uuidString)], as: "otherCoordinator")
        // Three months with A for Gemeente Test, ended without a durable outcome …
        let first = try await post("/api/v1/contracts/\(x)/placements", as: "reporterA", [
            "bsn": "123456782", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32,
            "start": "2026-01-01", "end": "2026-03-31", "outcome": "ended", "outcomeDate": "2026-03-31"])
        XCTAssertEqual(first.status, .created, first.body.string)
        // … then, two months later, with B for Gemeente Anders: within 24 months, a revolving door.
        let second = try await post("/api/v1/contracts/\(w)/placements", as: "reporterB", [
            "bsn": "123456782", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-06-01"])
        XCTAssertEqual(second.status, .created, second.body.string)
        let seen = try await world.request(.GET, "/api/v1/contracts/\(w)/placements", as: "otherCoordinator")
        XCTAssertEqual(jsonArray(seen).first?["revolvingDoor"] as? Bool, true)
        for secret in ["Schoonmaak stadhuis Test", "Gemeente Test", x.uuidString, "Leverancier A", "2026-03-31"] {
            XCTAssertFalse(seen.body.string.contains(secret), "the other buyer learns only the flag, not \(secret)")
        }
        let buyerPage = WebSession(app: world.app)
        try await buyerPage.login("othercoordinator@test.example")
        let flagged = try await buyerPage.get("/contracts/\(w)").body.string
        XCTAssertTrue(flagged.contains("<a class=\"tag-flag\" href=\"/uitleg#draaideur\""), "the buyer sees the flag, linked to its explanation")
        let own = try await world.request(.GET, "/api/v1/contracts/\(x)/placements", as: "coordinator")
        XCTAssertEqual(jsonArray(own).first?["revolvingDoor"] as? Bool, false)
        XCTAssertEqual(jsonArray(own).first?["durable"] as? Bool, false)
        // The reviewing coordinator sees the placements one by one, so the count beside them is exact (1).
        let buyerView = try await progress(w, as: "otherCoordinator")
        let doors = (buyerView["durability"] as! [[String: Any]]).first { $0["key"] as? String == "revolvingDoors" }
        XCTAssertEqual(doors?["display"] as? String, "1")
        // Supplier B learns nothing of how supplier A's placement of this person ended: its flag and count are
        // judged against its own placements only.
        let supplierView = try await progress(w, as: "reporterB")
        let supplierDoors = (supplierView["durability"] as! [[String: Any]]).first { $0["key"] as? String == "revolvingDoors" }
        XCTAssertEqual(supplierDoors?["count"] as? Int, 0)
        let supplierList = try await world.request(.GET, "/api/v1/contracts/\(w)/placements", as: "reporterB")
        XCTAssertEqual(jsonArray(supplierList).first?["revolvingDoor"] as? Bool, false)
        let supplierPage = WebSession(app: world.app)
        try await supplierPage.login("reporterb@test.example")
        let page = try await supplierPage.get("/contracts/\(w)")
        XCTAssertFalse(page.body.string.contains("class=\"tag-flag\""), "no revolving-door mark on the supplier's own page")
        // A wrong outcome names the field.
        let bad = try await world.request(.PATCH, "/api/v1/contracts/\(w)/placements/\(json(second)["id"] as! String)", as: "reporterB",
                                          json: ["outcome": "vertrokken"] as [String: JSONValue])
        XCTAssertEqual(errorField(bad), "outcome")
    }

    func testARegisteredEnterpriseIsValuedByItsRegisterStatus() async throws {
        let c = try await contract([:])
        let register = try await post("/api/v1/social-enterprises", as: "coordinator", [
            "name": "Werkbedrijf De Brug", "kvk": "12345678", "psoStep": "aspirant", "article282": false, "shelteredWorkshop": false,
            "sectors": ["Groen", "schoonmaak"], "region": "Haaglanden", "city": "Delft"])
        XCTAssertEqual(register.status, .created, register.body.string)
        XCTAssertEqual(json(register)["valuationStatus"] as? String, "aspirant")
        let dup = try await post("/api/v1/social-enterprises", as: "admin", ["name": "Dubbel", "kvk": "12345678"])
        XCTAssertEqual(dup.status, .conflict)
        let notKeeper = try await post("/api/v1/social-enterprises", as: "reporterA", ["name": "Eigen", "kvk": "87654321"])
        XCTAssertEqual(notKeeper.status, .forbidden)
        // Suppliers search the register for social purchasing.
        let found = try await world.request(.GET, "/api/v1/social-enterprises?q=brug&sector=groen", as: "reporterA")
        XCTAssertEqual(jsonArray(found).map { $0["kvk"] as? String }, ["12345678"])
        let none = try await world.request(.GET, "/api/v1/social-enterprises?article282=true", as: "reporterA")
        XCTAssertEqual(jsonArray(none).count, 0)
        // The supplier claims art. 2.82; the register says aspirant: 50% of € 8.000 = € 4.000.
        let buy = try await post("/api/v1/contracts/\(c)/activities", as: "reporterA", [
            "block": "social_purchase", "description": "Groenonderhoud", "date": "2026-05-15", "amountCents": 800_000,
            "enterpriseKvk": "12345678", "enterpriseStatus": "art_2_82"])
        XCTAssertEqual(buy.status, .created, buy.body.string)
        XCTAssertEqual(json(buy)["valueCents"] as? Int, 400_000)
        // Moving up the PSO ladder to step 3 changes the register, and the change is in the audit log.
        let up = try await world.request(.PATCH, "/api/v1/social-enterprises/\(json(register)["id"] as! String)", as: "coordinator",
                                         json: ["psoStep": "3"] as [String: JSONValue])
        XCTAssertEqual(json(up)["valuationStatus"] as? String, "pso_highest")
        let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "social_enterprise").count()
        XCTAssertEqual(logged, 2)
    }

    func testBuyersAdoptASharedRegionalPolicyAndTheirDeviationsAreListed() async throws {
        // Gemeente Anders acts as the region: it shares its policy.
        let shared = try await world.request(.PUT, "/api/v1/organisations/\(world.otherBuyer!)/policy/shared", as: "otherCoordinator",
                                             json: ["shared": true] as [String: JSONValue])
        XCTAssertEqual(shared.status, .ok, shared.body.string)
        let list = try await world.request(.GET, "/api/v1/regional-policies", as: "coordinator")
        XCTAssertEqual(jsonArray(list).map { $0["organisationName"] as? String }, ["Gemeente Anders"])
        let adopted = try await post("/api/v1/organisations/\(world.buyer!)/policy/adopt", as: "coordinator",
                                     ["regionalOrganisationId": .string(world.otherBuyer.uuidString)])
        XCTAssertEqual(adopted.status, .created, adopted.body.string)
        let none = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy/deviations", as: "coordinator")
        XCTAssertEqual((json(none)["deviations"] as? [Any])?.count, 0)
        // A recorded deviation: 6% instead of 5%, and out-of-region placements for half.
        let changed = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                              json: ["settings": ["standardPercentage": 6, "outOfRegionShare": 50], "note": "Arbeidsintensief"] as [String: JSONValue])
        XCTAssertEqual(changed.status, .ok, changed.body.string)
        let deviations = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy/deviations", as: "coordinator")
        let d = json(deviations)
        XCTAssertEqual((d["basedOn"] as? [String: Any])?["organisationName"] as? String, "Gemeente Anders")
        XCTAssertEqual((d["deviations"] as? [[String: Any]])?.map { $0["setting"] as? String }, ["outOfRegionShare", "standardPercentage"])
        // Only the own coordinator adopts for the organisation.
        let foreign = try await post("/api/v1/organisations/\(world.buyer!)/policy/adopt", as: "otherCoordinator",
                                     ["regionalOrganisationId": .string(world.otherBuyer.uuidString)])
        XCTAssertEqual(foreign.status, .notFound)
    }

    func testOutOfRegionPlacementsCountForThePolicyShareAndShowApart() async throws {
        let policy = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                             json: ["settings": ["outOfRegionShare": 50]] as [String: JSONValue])
        XCTAssertEqual(policy.status, .ok, policy.body.string)
        let c = try await contract(["region": "Haaglanden"])
        // In the region: the Participatiewet example, € 30.091,32. From Midden-Utrecht: the same for half, € 15.045,66.
        for (ref, region) in [("P-1", "Haaglanden"), ("P-2", "Midden-Utrecht")] {
            let p = try await post("/api/v1/contracts/\(c)/placements", as: "reporterA", [
                "reference": .string(ref), "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24,
                "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"], "region": .string(region)])
            XCTAssertEqual(p.status, .created, p.body.string)
        }
        let bad = try await post("/api/v1/contracts/\(c)/placements", as: "reporterA", [
            "reference": "P-3", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 24, "start": "2026-03-01", "region": "Atlantis"])
        XCTAssertEqual(errorField(bad), "region")
        let approved = try await reportAndApprove(c, "2026-01-01", "2026-12-31")
        XCTAssertEqual(approved, 3_009_132 + 1_504_566)
        let p = try await progress(c)
        XCTAssertEqual(p["realisedOutOfRegionCents"] as? Int, 1_504_566)
        XCTAssertEqual(p["realisedInRegionCents"] as? Int, 3_009_132)
    }

    func testTheSupplierSeesAllItsObligationsWithAllBuyersOnOnePage() async throws {
        let x = try await contract(["title": "Schoonmaak stadhuis"])
        let small = try await contract(["title": "Kleine klus", "valueCents": 5_000_000, "wageSumCents": nil])
        let y = try await contract(["title": "Schoonmaak kantoren Anders", "valueCents": 60_000_000, "wageSumCents": 40_000_000], as: "otherCoordinator")
        _ = try await contract(["title": "Van leverancier B", "supplierId": .string(world.supplierB.uuidString)])
        _ = try await post("/api/v1/contracts/\(x)/activities", as: "reporterA", [
            "block": "social_purchase", "description": "Inkoop", "date": "2026-05-15", "amountCents": 800_000, "enterpriseStatus": "art_2_82"])
        try await reportAndApprove(x, "2026-04-01", "2026-06-30")
        // A contract below the threshold has no obligation: what is done there is free value to credit elsewhere.
        _ = try await post("/api/v1/contracts/\(small)/activities", as: "reporterA", [
            "block": "social_purchase", "description": "Inkoop klein", "date": "2026-05-15", "amountCents": 150_000, "enterpriseStatus": "art_2_82"])
        // Only approved value is free; in review it is shown apart.
        let before = json(try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterA"))["freeValue"] as! [[String: Any]]
        XCTAssertEqual(before.count, 0, "recorded but not reported: not free")
        _ = try await reportAndApprove(small, "2026-04-01", "2026-06-30")
        let res = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterA")
        XCTAssertEqual(res.status, .ok, res.body.string)
        let account = json(res)
        let lines = account["obligations"] as! [[String: Any]]
        XCTAssertEqual(Set(lines.map { $0["title"] as! String }), ["Schoonmaak stadhuis", "Kleine klus", "Schoonmaak kantoren Anders"])
        // € 60.000 with Gemeente Test (x) + € 0 (small); € 30.000 with Gemeente Anders (5% of € 600.000).
        let total = account["total"] as! [String: Any]
        XCTAssertEqual(total["obligationCents"] as? Int, 9_000_000)
        // Realised: € 8.000 on x and the approved € 1.500 on the small contract (which needs none of it: free value).
        XCTAssertEqual(total["realisedCents"] as? Int, 950_000)
        XCTAssertEqual(total["remainingCents"] as? Int, 8_200_000)
        let byBuyer = account["byBuyer"] as! [[String: Any]]
        XCTAssertEqual(byBuyer.map { $0["buyerName"] as? String }, ["Gemeente Anders", "Gemeente Test"])
        XCTAssertEqual(byBuyer.map { $0["obligationCents"] as? Int }, [3_000_000, 6_000_000])
        let free = account["freeValue"] as! [[String: Any]]
        XCTAssertEqual(free.map { $0["valueCents"] as? Int }, [150_000])
        XCTAssertEqual(free.map { $0["awaitingReviewCents"] as? Int }, [0])
        XCTAssertEqual(free.map { $0["reason"] as? String }, ["contract zonder social-returnverplichting"])
        _ = y
        // Only the supplier itself (and platform administrators) see the account.
        let other = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterB")
        XCTAssertEqual(other.status, .notFound)
        let buyer = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "coordinator")
        XCTAssertEqual(buyer.status, .notFound)
        // `sroi report supplier ID` prints the same figures.
        let text = try await SupplierReport.render(world.app, supplier: world.supplierA, json: false)
        XCTAssertTrue(text.contains("Totaal"), text)
        XCTAssertTrue(text.contains("€ 90.000"), text)
        XCTAssertTrue(text.contains("€ 8.000"), text)
        XCTAssertTrue(text.contains("Kleine klus: € 1.500"), text)
    }
}
