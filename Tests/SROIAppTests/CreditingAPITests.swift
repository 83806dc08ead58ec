import Fluent
import Foundation
import SROIDomain
import Testing
import XCTVapor
@testable import SROIApp

/// One picture across contracts and buyers (issue 5): every number below is worked out by hand in the comments.
extension AppTests {
@Suite("Crediting across contracts over the API")
struct CreditingAPITests {
    static func post(_ world: TestWorld, _ path: String, as who: String, _ body: [String: JSONValue]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    static func contract(_ world: TestWorld, _ fields: [String: JSONValue], as who: String = "coordinator") async throws -> UUID {
        try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)].merging(fields) { $1 }, as: who)
    }

    /// Submits a report for the period and approves every line as the given reviewer; returns the report's total.
    @discardableResult
    static func reportAndApprove(_ world: TestWorld, _ c: UUID, _ from: String, _ to: String, reporter: String = "reporterA", reviewer: String = "coordinator") async throws -> Int {
        let r = try await Self.post(world, "/api/v1/contracts/\(c)/reports", as: reporter, ["periodStart": .string(from), "periodEnd": .string(to)])
        #expect(r.status == .created, "\(r.body.string)")
        let id = json(r)["id"] as! String
        let s = try await Self.post(world, "/api/v1/contracts/\(c)/reports/\(id)/submit", as: reporter, [:])
        #expect(s.status == .ok, "\(s.body.string)")
        let a = try await Self.post(world, "/api/v1/contracts/\(c)/reports/\(id)/approve", as: reviewer, [:])
        #expect(a.status == .ok, "\(a.body.string)")
        return json(a)["approvedCents"] as? Int ?? -1
    }

    static func progress(_ world: TestWorld, _ c: UUID, as who: String = "coordinator") async throws -> [String: Any] {
        let res = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: who)
        #expect(res.status == .ok, "\(res.body.string)")
        return json(res)
    }

    @Test func frameworkWithThreeCallOffsCarriesOneObligationAndOneReport() async throws {
        try await withWorld { world in
            // Framework € 200.000 (wage sum € 150.000) + call-offs € 400.000, € 350.000 and € 250.000 (wage sums € 300.000,
            // € 250.000, € 200.000) = € 1.200.000 with a wage sum of € 900.000 (75%): 5% = € 60.000.
            let framework = try await Self.contract(world, ["title": "Raamovereenkomst schoonmaak", "valueCents": 20_000_000, "wageSumCents": 15_000_000])
            var callOffs: [UUID] = []
            for (value, wage) in [(40_000_000, 30_000_000), (35_000_000, 25_000_000), (25_000_000, 20_000_000)] as [(Int64, Int64)] {
                callOffs.append(try await Self.contract(world, ["title": "Nadere opdracht", "valueCents": .int(value), "wageSumCents": .int(wage),
                                                    "frameworkId": .string(framework.uuidString)]))
            }
            // A call-off still in tender adds nothing yet.
            _ = try await Self.contract(world, ["title": "Nadere opdracht in aanbesteding", "status": "in_tender", "valueCents": 50_000_000, "wageSumCents": nil, "supplierId": nil,
                                    "frameworkId": .string(framework.uuidString)])
            let obligation = try await world.request(.GET, "/api/v1/contracts/\(framework)/obligation", as: "coordinator")
            #expect(json(obligation)["amountCents"] as? Int == 6_000_000, "\(obligation.body.string)")
            #expect(obligation.body.string.contains("3 nadere opdrachten"), "\(obligation.body.string)")
            let callOffObligation = try await world.request(.GET, "/api/v1/contracts/\(callOffs[0])/obligation", as: "coordinator")
            #expect(json(callOffObligation)["amountCents"] as? Int == 0)

            // Realisations on call-offs count for the framework: € 30.091,32 (DOMAIN.md's Participatiewet example) + € 8.000.
            let p = try await Self.post(world, "/api/v1/contracts/\(callOffs[0])/placements", as: "reporterA", [
                "reference": "P-1", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24,
                "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"]])
            #expect(p.status == .created, "\(p.body.string)")
            let a = try await Self.post(world, "/api/v1/contracts/\(callOffs[1])/activities", as: "reporterA", [
                "block": "social_purchase", "description": "Inkoop bij De Brug", "date": "2026-05-15", "amountCents": 800_000, "enterpriseStatus": "art_2_82"])
            #expect(a.status == .created, "\(a.body.string)")
            // The supplier reports once, for the framework; a report on a call-off is refused.
            let refused = try await Self.post(world, "/api/v1/contracts/\(callOffs[0])/reports", as: "reporterA", ["periodStart": "2026-01-01", "periodEnd": "2026-12-31"])
            #expect(refused.status == .conflict)
            let approved = try await Self.reportAndApprove(world, framework, "2026-01-01", "2026-12-31")
            #expect(approved == 3_809_132)
            let fp = try await Self.progress(world, framework)
            #expect(fp["obligationCents"] as? Int == 6_000_000)
            #expect(fp["realisedCents"] as? Int == 3_809_132)
        }
    }

    @Test func transfersBetweenTwoBuyersAcceptedDeclinedAndNeverOverAllocated() async throws {
        try await withWorld { world in
            let x = try await Self.contract(world, ["title": "Schoonmaak stadhuis"])
            let z = try await Self.contract(world, ["title": "Schoonmaak scholen"])
            let y = try await Self.contract(world, ["title": "Schoonmaak kantoren Anders", "end": "2027-12-31"], as: "otherCoordinator")
            // € 10.000 bought from an art. 2.82 enterprise on contract X.
            let buy = try await Self.post(world, "/api/v1/contracts/\(x)/activities", as: "reporterA", [
                "block": "social_purchase", "description": "Catering door sociale onderneming", "date": "2026-04-01", "amountCents": 1_000_000,
                "enterpriseStatus": "art_2_82"])
            let activity = json(buy)["id"] as! String
            // 30% goes to Y, another buyer's contract: proposed, then accepted by that buyer's coordinator.
            let t1 = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                    "targetContractId": .string(y.uuidString), "percentage": 30, "reason": "Gebundeld bij Gemeente Anders"])
            #expect(t1.status == .created, "\(t1.body.string)")
            #expect(json(t1)["status"] as? String == "proposed")
            let t1id = json(t1)["id"] as! String
            let wrongBuyer = try await Self.post(world, "/api/v1/transfers/\(t1id)/accept", as: "coordinator", [:])
            #expect(wrongBuyer.status == .notFound, "only the receiving buyer decides")
            let accepted = try await Self.post(world, "/api/v1/transfers/\(t1id)/accept", as: "otherCoordinator", [:])
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            #expect(json(accepted)["status"] as? String == "accepted")

            // € 7.000 is left; € 7.500 is refused, naming the field and what is left.
            let over = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                      "targetContractId": .string(z.uuidString), "amountCents": 750_000, "reason": "te veel"])
            #expect(over.status == .unprocessableEntity)
            #expect(errorField(over) == "amountCents")
            #expect(over.body.string.contains("€ 7.000"), "\(over.body.string)")
            // Another supplier cannot move A's value.
            let foreign = try await Self.post(world, "/api/v1/transfers", as: "reporterB", ["sourceType": "activity", "sourceId": .string(activity),
                                         "targetContractId": .string(z.uuidString), "percentage": 10, "reason": "x"])
            #expect(foreign.status == .notFound)
            // € 2.000 to Z is proposed and declined: a comment is required, and afterwards X keeps € 7.000.
            let t2 = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                    "targetContractId": .string(z.uuidString), "amountCents": 200_000, "reason": "voor de scholen"])
            #expect(t2.status == .created, "\(t2.body.string)")
            let t2id = json(t2)["id"] as! String
            let noComment = try await Self.post(world, "/api/v1/transfers/\(t2id)/decline", as: "coordinator", [:])
            #expect(errorField(noComment) == "comment")
            let declined = try await Self.post(world, "/api/v1/transfers/\(t2id)/decline", as: "coordinator", ["comment": "Dit past niet bij de scholen."])
            #expect(json(declined)["status"] as? String == "declined")
            let again = try await Self.post(world, "/api/v1/transfers/\(t2id)/accept", as: "coordinator", [:])
            #expect(again.status == .conflict)

            // X reports € 7.000, Y € 3.000: together the € 10.000, never more.
            let xApproved = try await Self.reportAndApprove(world, x, "2026-04-01", "2026-06-30")
            let yApproved = try await Self.reportAndApprove(world, y, "2026-04-01", "2026-06-30", reviewer: "otherCoordinator")
            #expect(xApproved == 700_000)
            #expect(yApproved == 300_000)
            // Once reported, the activity cannot move any more.
            let late = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "activity", "sourceId": .string(activity),
                                      "targetContractId": .string(z.uuidString), "percentage": 10, "reason": "later"])
            #expect(late.status == .conflict, "\(late.body.string)")

            // Each side sees the transfers that concern it; the buyer of X sees value leaving, the supplier both.
            let seenByOther = try await world.request(.GET, "/api/v1/transfers", as: "otherCoordinator")
            #expect(jsonArray(seenByOther).count == 1)
            let seenBySupplier = try await world.request(.GET, "/api/v1/transfers", as: "reporterA")
            #expect(jsonArray(seenBySupplier).count == 2)
            let seenByB = try await world.request(.GET, "/api/v1/transfers", as: "reporterB")
            #expect(jsonArray(seenByB).count == 0)
        }
    }

    @Test func aPlacementTransferCountsFromTheDayItIsAcceptedAndPendingProposalsAreReserved() async throws {
        try await withWorld { world in
            let x = try await Self.contract(world, ["title": "Schoonmaak stadhuis"])
            let y = try await Self.contract(world, ["title": "Schoonmaak kantoren Anders", "end": "2027-12-31"], as: "otherCoordinator")
            let z = try await Self.contract(world, ["title": "Schoonmaak scholen"])
            let p = try await Self.post(world, "/api/v1/contracts/\(x)/placements", as: "reporterA", [
                "reference": "P-1", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24,
                "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"]])
            let placement = json(p)["id"] as! String
            // Q1 to Q3 already reported on X: 40.000 × 24/36 × 214/365 = € 15.634,70 + bonus € 10.000.
            let reported = try await Self.reportAndApprove(world, x, "2026-01-01", "2026-09-30")
            #expect(reported == 2_563_470)
            // 60% proposed to Y and, while it waits, 50% to Z is refused: only 40% is free.
            let t = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "placement", "sourceId": .string(placement),
                                   "targetContractId": .string(y.uuidString), "percentage": 60, "reason": "werkt ook voor Anders"])
            #expect(t.status == .created, "\(t.body.string)")
            let euros = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "placement", "sourceId": .string(placement),
                                       "targetContractId": .string(z.uuidString), "amountCents": 100, "reason": "x"])
            #expect(errorField(euros) == "amountCents", "a placement is split in percentages")
            let over = try await Self.post(world, "/api/v1/transfers", as: "reporterA", ["sourceType": "placement", "sourceId": .string(placement),
                                      "targetContractId": .string(z.uuidString), "percentage": 50, "reason": "x"])
            #expect(over.status == .unprocessableEntity)
            #expect(over.body.string.contains("40%"), "\(over.body.string)")
            let accepted = try await Self.post(world, "/api/v1/transfers/\(json(t)["id"] as! String)/accept", as: "otherCoordinator", [:])
            #expect(json(accepted)["effectiveFrom"] as? String == "2026-11-27")
            // Q4 on X: 1 Oct – 26 Nov (57 days) in full: 4.000.000 × 2.400 × 57 / (3.600 × 365) = 416.438 cents,
            // plus 27–30 Nov (4 days) for 40%: 29.224 × 40% = 11.690 → € 4.281,28.
            // Y: the same 4 days for 60%: 29.224 × 60% = 17.534 → € 175,34. Together 29.224 for those 4 days.
            let xQ4 = try await Self.reportAndApprove(world, x, "2026-10-01", "2026-12-31")
            let yQ4 = try await Self.reportAndApprove(world, y, "2026-10-01", "2026-12-31", reviewer: "otherCoordinator")
            #expect(xQ4 == 428_128)
            #expect(yQ4 == 17_534)
        }
    }

    @Test func aJointTenderOfThreeMunicipalitiesIsBookedProRata() async throws {
        try await withWorld { world in
            let third = try await OrganisationService.create(.init(name: "Gemeente Derde", kind: "buyer", kvk: "10000003", region: nil), by: nil, on: world.app.db)
            let thirdID = try third.requireID()
            // € 1.200.000, obligation € 60.000, shared 600.000 / 360.000 / 240.000 (50% / 30% / 20%).
            let c = try await Self.contract(world, ["title": "Gezamenlijke aanbesteding schoonmaak"])
            let wrongSum = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "coordinator", json: ["participants": [
                ["organisationId": .string(world.buyer.uuidString), "valueCents": 60_000_000],
                ["organisationId": .string(world.otherBuyer.uuidString), "valueCents": 36_000_000]]] as [String: JSONValue])
            #expect(errorField(wrongSum) == "participants")
            let set = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "coordinator", json: ["participants": [
                ["organisationId": .string(world.buyer.uuidString), "valueCents": 60_000_000],
                ["organisationId": .string(world.otherBuyer.uuidString), "valueCents": 36_000_000],
                ["organisationId": .string(thirdID.uuidString), "valueCents": 24_000_000]]] as [String: JSONValue])
            #expect(set.status == .ok, "\(set.body.string)")
            let notLead = try await world.request(.PUT, "/api/v1/contracts/\(c)/participants", as: "otherCoordinator", json: ["participants": []] as [String: JSONValue])
            #expect(notLead.status == .notFound)

            _ = try await Self.post(world, "/api/v1/contracts/\(c)/activities", as: "reporterA", [
                "block": "social_purchase", "description": "Inkoop", "date": "2026-05-15", "amountCents": 1_234_567, "enterpriseStatus": "art_2_82"])
            try await Self.reportAndApprove(world, c, "2026-04-01", "2026-06-30")
            // € 12.345,67: 6.172,835 / 3.703,701 / 2.469,134 → 6.172,84 / 3.703,70 / 2.469,13 (the cent to the largest remainder).
            let seen = try await Self.progress(world, c, as: "otherCoordinator")
            let booked = seen["bookedTo"] as! [[String: Any]]
            #expect(booked.map { $0["obligationCents"] as? Int } == [3_000_000, 1_800_000, 1_200_000])
            #expect(booked.map { $0["realisedCents"] as? Int } == [617_284, 370_370, 246_913])
            #expect(booked.map { $0["organisationName"] as? String } == ["Gemeente Test", "Gemeente Anders", "Gemeente Derde"])
            // A participant reads, never changes; a stranger does not even see it.
            let change = try await world.request(.PATCH, "/api/v1/contracts/\(c)", as: "otherCoordinator", json: ["title": "Overgenomen"] as [String: JSONValue])
            #expect(change.status == .notFound)
            let stranger = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: "reporterB")
            #expect(stranger.status == .notFound)
        }
    }

    @Test func aStackedJobOverTwoSuppliersCountsTheBonusOnceAndSplitsByHours() async throws {
        try await withWorld { world in
            let sa = try await Self.contract(world, ["title": "Schoonmaak"])
            let sb = try await Self.contract(world, ["title": "Catering", "cpv": "55520000", "supplierId": .string(world.supplierB.uuidString)])
            // The same person (by BSN) 20 hours with A and 12 hours with B, Participatiewet, all of 2026, permanent contract.
            let pa = try await Self.post(world, "/api/v1/contracts/\(sa)/placements", as: "reporterA", [
                "bsn": "111222333", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 20,
                "start": "2026-01-01", "end": "2026-12-31", "bonuses": ["permanent_contract"]])
            let pb = try await Self.post(world, "/api/v1/contracts/\(sb)/placements", as: "reporterB", [
                "bsn": "111222333", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 12,
                "start": "2026-01-01", "end": "2026-12-31", "bonuses": ["permanent_contract"]])
            #expect(json(pa)["candidate"] as? String == json(pb)["candidate"] as? String)
            let candidates = try await world.request(.GET, "/api/v1/stacked-jobs/candidates", as: "coordinator")
            #expect(jsonArray(candidates).count == 1)
            let forbidden = try await Self.post(world, "/api/v1/stacked-jobs", as: "viewer", ["title": "x", "placementIds": [.string(json(pa)["id"] as! String)]])
            #expect(forbidden.status == .forbidden)
            let job = try await Self.post(world, "/api/v1/stacked-jobs", as: "coordinator", ["title": "Schoonmaak en kantine",
                                     "placementIds": [.string(json(pa)["id"] as! String), .string(json(pb)["id"] as! String)]])
            #expect(job.status == .created, "\(job.body.string)")
            #expect(json(job)["totalHoursPerWeek"] as? Double == 32)
            // Together: 40.000 × 32/36 = € 35.555,56, plus the bonus once: € 45.555,56 (apart it would be € 55.555,55).
            // Split 20 : 12 = 28.472,225 : 17.083,335 → € 28.472,23 and € 17.083,33.
            let a = try await Self.reportAndApprove(world, sa, "2026-01-01", "2026-12-31")
            let b = try await Self.reportAndApprove(world, sb, "2026-01-01", "2026-12-31", reporter: "reporterB")
            #expect(a == 2_847_223)
            #expect(b == 1_708_333)
            let again = try await Self.post(world, "/api/v1/stacked-jobs", as: "coordinator", ["title": "nog eens",
                                       "placementIds": [.string(json(pa)["id"] as! String), .string(json(pb)["id"] as! String)]])
            #expect(errorField(again) == "placementIds")
        }
    }

    @Test func aRevolvingDoorIsFoundAcrossTwoBuyersWithoutRevealingTheOtherContract() async throws {
        try await withWorld { world in
            let x = try await Self.contract(world, ["title": "Schoonmaak stadhuis Test"])
            let w = try await Self.contract(world, ["title": "Groenonderhoud Anders", "cpv": "77310000", "supplierId": .string(world.supplierB.uuidString)], as: "otherCoordinator")
            // Three months with A for Gemeente Test, ended without a durable outcome …
            let first = try await Self.post(world, "/api/v1/contracts/\(x)/placements", as: "reporterA", [
                "bsn": "123456782", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32,
                "start": "2026-01-01", "end": "2026-03-31", "outcome": "ended", "outcomeDate": "2026-03-31"])
            #expect(first.status == .created, "\(first.body.string)")
            // … then, two months later, with B for Gemeente Anders: within 24 months, a revolving door.
            let second = try await Self.post(world, "/api/v1/contracts/\(w)/placements", as: "reporterB", [
                "bsn": "123456782", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-06-01"])
            #expect(second.status == .created, "\(second.body.string)")
            let seen = try await world.request(.GET, "/api/v1/contracts/\(w)/placements", as: "otherCoordinator")
            #expect(jsonArray(seen).first?["revolvingDoor"] as? Bool == true)
            for secret in ["Schoonmaak stadhuis Test", "Gemeente Test", x.uuidString, "Leverancier A", "2026-03-31"] {
                #expect(!(seen.body.string.contains(secret)), "the other buyer learns only the flag, not \(secret)")
            }
            let buyerPage = WebSession(app: world.app)
            try await buyerPage.login("othercoordinator@test.example")
            let flagged = try await buyerPage.get("/contracts/\(w)").body.string
            #expect(flagged.contains("<a class=\"tag-flag\" href=\"/uitleg#draaideur\""), "the buyer sees the flag, linked to its explanation")
            let own = try await world.request(.GET, "/api/v1/contracts/\(x)/placements", as: "coordinator")
            #expect(jsonArray(own).first?["revolvingDoor"] as? Bool == false)
            #expect(jsonArray(own).first?["durable"] as? Bool == false)
            // The reviewing coordinator sees the placements one by one, so the count beside them is exact (1).
            let buyerView = try await Self.progress(world, w, as: "otherCoordinator")
            let doors = (buyerView["durability"] as! [[String: Any]]).first { $0["key"] as? String == "revolvingDoors" }
            #expect(doors?["display"] as? String == "1")
            // Supplier B learns nothing of how supplier A's placement of this person ended: its flag and count are
            // judged against its own placements only.
            let supplierView = try await Self.progress(world, w, as: "reporterB")
            let supplierDoors = (supplierView["durability"] as! [[String: Any]]).first { $0["key"] as? String == "revolvingDoors" }
            #expect(supplierDoors?["count"] as? Int == 0)
            let supplierList = try await world.request(.GET, "/api/v1/contracts/\(w)/placements", as: "reporterB")
            #expect(jsonArray(supplierList).first?["revolvingDoor"] as? Bool == false)
            let supplierPage = WebSession(app: world.app)
            try await supplierPage.login("reporterb@test.example")
            let page = try await supplierPage.get("/contracts/\(w)")
            #expect(!(page.body.string.contains("class=\"tag-flag\"")), "no revolving-door mark on the supplier's own page")
            // A wrong outcome names the field.
            let bad = try await world.request(.PATCH, "/api/v1/contracts/\(w)/placements/\(json(second)["id"] as! String)", as: "reporterB",
                                              json: ["outcome": "vertrokken"] as [String: JSONValue])
            #expect(errorField(bad) == "outcome")
        }
    }

    @Test func aRegisteredEnterpriseIsValuedByItsRegisterStatus() async throws {
        try await withWorld { world in
            let c = try await Self.contract(world, [:])
            let register = try await Self.post(world, "/api/v1/social-enterprises", as: "coordinator", [
                "name": "Werkbedrijf De Brug", "kvk": "12345678", "psoStep": "aspirant", "article282": false, "shelteredWorkshop": false,
                "sectors": ["Groen", "schoonmaak"], "region": "Haaglanden", "city": "Delft"])
            #expect(register.status == .created, "\(register.body.string)")
            #expect(json(register)["valuationStatus"] as? String == "aspirant")
            let dup = try await Self.post(world, "/api/v1/social-enterprises", as: "admin", ["name": "Dubbel", "kvk": "12345678"])
            #expect(dup.status == .conflict)
            let notKeeper = try await Self.post(world, "/api/v1/social-enterprises", as: "reporterA", ["name": "Eigen", "kvk": "87654321"])
            #expect(notKeeper.status == .forbidden)
            // Suppliers search the register for social purchasing.
            let found = try await world.request(.GET, "/api/v1/social-enterprises?q=brug&sector=groen", as: "reporterA")
            #expect(jsonArray(found).map { $0["kvk"] as? String } == ["12345678"])
            let none = try await world.request(.GET, "/api/v1/social-enterprises?article282=true", as: "reporterA")
            #expect(jsonArray(none).count == 0)
            // The supplier claims art. 2.82; the register says aspirant: 50% of € 8.000 = € 4.000.
            let buy = try await Self.post(world, "/api/v1/contracts/\(c)/activities", as: "reporterA", [
                "block": "social_purchase", "description": "Groenonderhoud", "date": "2026-05-15", "amountCents": 800_000,
                "enterpriseKvk": "12345678", "enterpriseStatus": "art_2_82"])
            #expect(buy.status == .created, "\(buy.body.string)")
            #expect(json(buy)["valueCents"] as? Int == 400_000)
            // Moving up the PSO ladder to step 3 changes the register, and the change is in the audit log.
            let up = try await world.request(.PATCH, "/api/v1/social-enterprises/\(json(register)["id"] as! String)", as: "coordinator",
                                             json: ["psoStep": "3"] as [String: JSONValue])
            #expect(json(up)["valuationStatus"] as? String == "pso_highest")
            let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "social_enterprise").count()
            #expect(logged == 2)
        }
    }

    @Test func buyersAdoptASharedRegionalPolicyAndTheirDeviationsAreListed() async throws {
        try await withWorld { world in
            // Gemeente Anders acts as the region: it shares its policy.
            let shared = try await world.request(.PUT, "/api/v1/organisations/\(world.otherBuyer!)/policy/shared", as: "otherCoordinator",
                                                 json: ["shared": true] as [String: JSONValue])
            #expect(shared.status == .ok, "\(shared.body.string)")
            let list = try await world.request(.GET, "/api/v1/regional-policies", as: "coordinator")
            #expect(jsonArray(list).map { $0["organisationName"] as? String } == ["Gemeente Anders"])
            let adopted = try await Self.post(world, "/api/v1/organisations/\(world.buyer!)/policy/adopt", as: "coordinator",
                                         ["regionalOrganisationId": .string(world.otherBuyer.uuidString)])
            #expect(adopted.status == .created, "\(adopted.body.string)")
            let none = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy/deviations", as: "coordinator")
            #expect((json(none)["deviations"] as? [Any])?.count == 0)
            // A recorded deviation: 6% instead of 5%, and out-of-region placements for half.
            let changed = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                                  json: ["settings": ["standardPercentage": 6, "outOfRegionShare": 50], "note": "Arbeidsintensief"] as [String: JSONValue])
            #expect(changed.status == .ok, "\(changed.body.string)")
            let deviations = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/policy/deviations", as: "coordinator")
            let d = json(deviations)
            #expect((d["basedOn"] as? [String: Any])?["organisationName"] as? String == "Gemeente Anders")
            #expect((d["deviations"] as? [[String: Any]])?.map { $0["setting"] as? String } == ["outOfRegionShare", "standardPercentage"])
            // Only the own coordinator adopts for the organisation.
            let foreign = try await Self.post(world, "/api/v1/organisations/\(world.buyer!)/policy/adopt", as: "otherCoordinator",
                                         ["regionalOrganisationId": .string(world.otherBuyer.uuidString)])
            #expect(foreign.status == .notFound)
        }
    }

    @Test func outOfRegionPlacementsCountForThePolicyShareAndShowApart() async throws {
        try await withWorld { world in
            let policy = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                                 json: ["settings": ["outOfRegionShare": 50]] as [String: JSONValue])
            #expect(policy.status == .ok, "\(policy.body.string)")
            let c = try await Self.contract(world, ["region": "Haaglanden"])
            // In the region: the Participatiewet example, € 30.091,32. From Midden-Utrecht: the same for half, € 15.045,66.
            for (ref, region) in [("P-1", "Haaglanden"), ("P-2", "Midden-Utrecht")] {
                let p = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterA", [
                    "reference": .string(ref), "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24,
                    "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"], "region": .string(region)])
                #expect(p.status == .created, "\(p.body.string)")
            }
            let bad = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterA", [
                "reference": "P-3", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 24, "start": "2026-03-01", "region": "Atlantis"])
            #expect(errorField(bad) == "region")
            let approved = try await Self.reportAndApprove(world, c, "2026-01-01", "2026-12-31")
            #expect(approved == 3_009_132 + 1_504_566)
            let p = try await Self.progress(world, c)
            #expect(p["realisedOutOfRegionCents"] as? Int == 1_504_566)
            #expect(p["realisedInRegionCents"] as? Int == 3_009_132)
        }
    }

    @Test func theSupplierSeesAllItsObligationsWithAllBuyersOnOnePage() async throws {
        try await withWorld { world in
            let x = try await Self.contract(world, ["title": "Schoonmaak stadhuis"])
            let small = try await Self.contract(world, ["title": "Kleine klus", "valueCents": 5_000_000, "wageSumCents": nil])
            let y = try await Self.contract(world, ["title": "Schoonmaak kantoren Anders", "valueCents": 60_000_000, "wageSumCents": 40_000_000], as: "otherCoordinator")
            _ = try await Self.contract(world, ["title": "Van leverancier B", "supplierId": .string(world.supplierB.uuidString)])
            _ = try await Self.post(world, "/api/v1/contracts/\(x)/activities", as: "reporterA", [
                "block": "social_purchase", "description": "Inkoop", "date": "2026-05-15", "amountCents": 800_000, "enterpriseStatus": "art_2_82"])
            try await Self.reportAndApprove(world, x, "2026-04-01", "2026-06-30")
            // A contract below the threshold has no obligation: what is done there is free value to credit elsewhere.
            _ = try await Self.post(world, "/api/v1/contracts/\(small)/activities", as: "reporterA", [
                "block": "social_purchase", "description": "Inkoop klein", "date": "2026-05-15", "amountCents": 150_000, "enterpriseStatus": "art_2_82"])
            // Only approved value is free; in review it is shown apart.
            let before = json(try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterA"))["freeValue"] as! [[String: Any]]
            #expect(before.count == 0, "recorded but not reported: not free")
            _ = try await Self.reportAndApprove(world, small, "2026-04-01", "2026-06-30")
            let res = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterA")
            #expect(res.status == .ok, "\(res.body.string)")
            let account = json(res)
            let lines = account["obligations"] as! [[String: Any]]
            #expect(Set(lines.map { $0["title"] as! String }) == ["Schoonmaak stadhuis", "Kleine klus", "Schoonmaak kantoren Anders"])
            // € 60.000 with Gemeente Test (x) + € 0 (small); € 30.000 with Gemeente Anders (5% of € 600.000).
            let total = account["total"] as! [String: Any]
            #expect(total["obligationCents"] as? Int == 9_000_000)
            // Realised: € 8.000 on x and the approved € 1.500 on the small contract (which needs none of it: free value).
            #expect(total["realisedCents"] as? Int == 950_000)
            #expect(total["remainingCents"] as? Int == 8_200_000)
            let byBuyer = account["byBuyer"] as! [[String: Any]]
            #expect(byBuyer.map { $0["buyerName"] as? String } == ["Gemeente Anders", "Gemeente Test"])
            #expect(byBuyer.map { $0["obligationCents"] as? Int } == [3_000_000, 6_000_000])
            let free = account["freeValue"] as! [[String: Any]]
            #expect(free.map { $0["valueCents"] as? Int } == [150_000])
            #expect(free.map { $0["awaitingReviewCents"] as? Int } == [0])
            #expect(free.map { $0["reason"] as? String } == ["contract zonder social-returnverplichting"])
            _ = y
            // Only the supplier itself (and platform administrators) see the account.
            let other = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "reporterB")
            #expect(other.status == .notFound)
            let buyer = try await world.request(.GET, "/api/v1/suppliers/\(world.supplierA!)/account", as: "coordinator")
            #expect(buyer.status == .notFound)
            // `sroi report supplier ID` prints the same figures.
            let text = try await SupplierReport.render(world.app, supplier: world.supplierA, json: false)
            #expect(text.contains("Totaal"), "\(text)")
            #expect(text.contains("€ 90.000"), "\(text)")
            #expect(text.contains("€ 8.000"), "\(text)")
            #expect(text.contains("Kleine klus: € 1.500"), "\(text)")
        }
    }
}
}
