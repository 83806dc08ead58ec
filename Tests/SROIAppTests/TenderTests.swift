import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// One tender from publication to award: social return as award criterion weighing 20%, half offer and half plan;
/// three bids, two assessors, the ranking, the award that makes the winner's offer the obligation.
@Suite("Social return in the tender")
struct TenderTests {
    static func post(_ world: TestWorld, _ path: String, as who: String, _ body: [String: JSONValue] = [:]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    static func points(_ each: Int, guidance: Int? = nil) -> [String: JSONValue] {
        ["points": ["target_groups": .int(Int64(each)), "durability": .int(Int64(each)), "guidance": .int(Int64(guidance ?? each)), "feasibility": .int(Int64(each))]]
    }

    @Test("A € 84.000 (plans 8): 90,00 → 18,00; B € 60.000 (9s, guidance 9 and 8): 80,09 → 16,02; C € 42.000 (5s): 50,00 → 10,00; A wins, € 84.000 is 7%")
    func fromBidsToAward() async throws {
        try await withWorld { world in
            // Arrange: an HR adviser as second assessor; the tender, open for bids until 15 December.
            let hr = try await UserService.create(email: "hr@test.example", name: "HR", role: "hr_adviser", password: TestWorld.password,
                                                  organisationID: world.buyer, passwords: world.app.platform.passwords, by: nil, on: world.app.db)
            world.tokens["hr"] = try await APITokens.issue(for: try hr.requireID(), lifetime: 3600, on: world.app.db)
            let t = try await world.createContract(["status": "in_tender", "srAsk": "award_criterion", "srWeightPercent": 20,
                                                    "bidsCloseOn": "2026-12-15", "offerUnit": "euros"])
            let base = "/api/v1/contracts/\(t)"
            let c = try await Self.post(world, "/api/v1/organisations", as: "purchaser", ["name": "Schoon & Sociaal", "kind": "supplier", "kvk": "20000009"])
            let supplierC = try c.content.decode(IDOnly.self).id
            // Act 1: two bidders enter their own offer, the purchaser records the third.
            let a = try await Self.post(world, "\(base)/bids", as: "reporterA", ["offerCents": 8_400_000, "plan": "Vier leerwerkplekken en een jobcoach"])
            let b = try await Self.post(world, "\(base)/bids", as: "reporterB", ["offerCents": 6_000_000, "plan": "Samenwerking met het WSP"])
            let cBid = try await Self.post(world, "\(base)/bids", as: "purchaser", ["supplierId": .string(supplierC.uuidString), "offerCents": 4_200_000,
                                                                                    "plan": "Inkoop bij een sociale onderneming"])
            let ownOnly = try await world.request(.GET, "\(base)/bids", as: "reporterA").content.decode([BidDTO].self)
            let otherBuyer = try await world.request(.GET, "\(base)/bids", as: "otherCoordinator")
            let ids = [try a.content.decode(BidDTO.self).id, try b.content.decode(BidDTO.self).id, try cBid.content.decode(BidDTO.self).id]
            // Act 2: the coordinator scores all three; the ranking waits for the HR adviser.
            for (id, body) in zip(ids, [Self.points(8), Self.points(9), Self.points(5)]) { _ = try await Self.post(world, "/api/v1/bids/\(id)/scores", as: "coordinator", body) }
            let halfway = try await world.request(.GET, "\(base)/ranking", as: "hr").content.decode(RankingDTO.self)
            let bySupplier = try await Self.post(world, "/api/v1/bids/\(ids[0])/scores", as: "reporterA", Self.points(10))
            let outOfRange = try await Self.post(world, "/api/v1/bids/\(ids[0])/scores", as: "hr", Self.points(11))
            for (id, body) in zip(ids, [Self.points(8), Self.points(9, guidance: 8), Self.points(5)]) { _ = try await Self.post(world, "/api/v1/bids/\(id)/scores", as: "hr", body) }
            let ranking = try await world.request(.GET, "\(base)/ranking", as: "coordinator").content.decode(RankingDTO.self)
            let bidderBefore = try await world.request(.GET, "\(base)/ranking", as: "reporterB").content.decode(RankingDTO.self)
            // Act 3: award to A.
            let byPurchaser = try await Self.post(world, "/api/v1/bids/\(ids[0])/award", as: "purchaser")
            let awarded = try await Self.post(world, "/api/v1/bids/\(ids[0])/award", as: "coordinator")
            let obligation = try await world.request(.GET, "\(base)/obligation", as: "coordinator")
            let bidderAfter = try await world.request(.GET, "\(base)/ranking", as: "reporterB").content.decode(RankingDTO.self)
            let late = try await Self.post(world, "\(base)/bids", as: "reporterB", ["offerCents": 9_000_000, "plan": "Meer"])
            // Check: bids and their visibility.
            #expect(a.status == .created && b.status == .created && cBid.status == .created, "\(cBid.body.string)")
            #expect(ownOnly.count == 1 && ownOnly[0].offerDisplay == "€ 84.000")
            #expect(otherBuyer.status == .notFound)
            // Check: no ranking before both assessors scored; each sees its own points.
            #expect(!halfway.complete && halfway.assessorsDone == 1 && halfway.assessors == 2 && halfway.ranking.isEmpty)
            #expect(halfway.ownScores.isEmpty, "the HR adviser has not scored yet and sees nobody else's points")
            #expect(bySupplier.status == .forbidden)
            #expect(errorField(outOfRange) == "points.target_groups")
            // Check: the hand-worked ranking.
            #expect(ranking.complete)
            #expect(ranking.ranking.map(\.bidder) == ["Leverancier A", "Leverancier B", "Schoon & Sociaal"])
            #expect(ranking.ranking.map(\.totalPoints) == [90, 80.09, 50])
            #expect(ranking.ranking.map(\.weightedPoints) == [18, 16.02, 10])
            #expect(ranking.ranking[1].explanation[1].contains("samen 35,5 van 40"))
            #expect(bidderBefore.ranking.isEmpty, "a bidder sees no scores before the award")
            // Check: the award.
            #expect(byPurchaser.status == .forbidden)
            #expect(awarded.status == .ok, "\(awarded.body.string)")
            #expect(json(awarded)["status"] as? String == "awarded" && json(awarded)["obligationCents"] as? Int == 8_400_000)
            #expect(obligation.body.string.contains("aangeboden in de inschrijving: € 84.000, 7% van de opdrachtwaarde"))
            #expect(bidderAfter.ranking.map(\.bidder) == ["Leverancier B"] && bidderAfter.ranking.first?.rank == 2)
            #expect(late.status == .conflict)
            let actions = try await ActionItemModel.query(on: world.app.db).filter(\.$contractID == t).all()
            #expect(actions.count == 1 && actions[0].summary.hasPrefix("Uitvoeren zoals aangeboden: Vier leerwerkplekken"))
        }
    }

    @Test("On the pages: the supplier enters its offer, the coordinator scores it as the only assessor, the ranking shows, the award follows")
    func onThePages() async throws {
        try await withWorld { world in
            // Arrange: the coordinator is the only assessor.
            let t = try await world.createContract(["status": "in_tender", "srAsk": "award_criterion", "srWeightPercent": 20, "bidsCloseOn": "2026-12-15"])
            let supplier = WebSession(app: world.app)
            try await supplier.login("reportera@test.example")
            let coordinator = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            // Act
            let list = try await supplier.get("/aanbestedingen").body.string
            let entered = try await supplier.post("/contracts/\(t)/bids", form: [("offer", "84.000"), ("plan", "Vier leerwerkplekken en een jobcoach")])
            let bid = try #require(try await BidModel.query(on: world.app.db).first())
            let before = try await coordinator.get("/contracts/\(t)").body.string
            let scored = try await coordinator.post("/bids/\(bid.id!)/scores", form: [("points[target_groups]", "8"), ("points[durability]", "8"),
                                                                                    ("points[guidance]", "8"), ("points[feasibility]", "8")])
            let after = try await coordinator.get("/contracts/\(t)").body.string
            let awarded = try await coordinator.post("/bids/\(bid.id!)/award", form: [])
            let annex = try await coordinator.get("/contracts/\(t)/annex").body.string
            let own = try await supplier.get("/aanbestedingen").body.string
            // Check
            #expect(list.contains("Inschrijven: social return als gunningscriterium") && list.contains("Aanbod invoeren"))
            #expect(entered.status == .seeOther)
            #expect(bid.offer == 8_400_000)
            #expect(before.contains("Leverancier A: € 84.000") && before.contains("Mijn score opslaan") && before.contains("0 van de 1 beoordelaars"))
            #expect(scored.status == .seeOther)
            // One bid: the best offer, 50,00; plan 32 of 40: 40,00; 90,00 and 18,00 in the award.
            #expect(after.contains("Rangorde op social return") && after.contains("90") && after.contains("Gunnen aan Leverancier A"))
            #expect(awarded.status == .seeOther)
            #expect(annex.contains("Hoe social return wordt gevraagd: gunningscriterium"))
            #expect(own.contains("plaats 1: 90"))
        }
    }

    static func attach(_ world: TestWorld, bid: UUID, as who: String, _ text: String) async throws -> XCTHTTPResponse {
        let boundary = "bid-boundary"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n\(text)\r\n--\(boundary)--\r\n")
        return try await world.app.testable().sendRequest(.POST, "/api/v1/bids/\(bid)/attachments") { req async throws in
            req.headers.bearerAuthorization = .init(token: world.tokens[who]!)
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = body
        }
    }

    @Test("A plan's attachment: the bidder adds it, the buyer downloads it, nobody else sees it; after the closing date the bidder cannot add one")
    func attachments() async throws {
        try await withWorld { world in
            // Arrange
            let t = try await world.createContract(["status": "in_tender", "srAsk": "award_criterion", "srWeightPercent": 20, "bidsCloseOn": "2026-12-15"])
            let bid = try await Self.post(world, "/api/v1/contracts/\(t)/bids", as: "reporterA", ["offerCents": 100_000, "plan": "Plan"]).content.decode(BidDTO.self)
            // Act
            let added = try await Self.attach(world, bid: bid.id, as: "reporterA", "%PDF plan van aanpak")
            let list = try await world.request(.GET, "/api/v1/bids/\(bid.id)/attachments", as: "coordinator")
            let id = try list.content.decode([TenderAPIController.AttachmentDTO].self).first?.id
            let download = try await world.request(.GET, "/api/v1/bids/\(bid.id)/attachments/\(id!)", as: "coordinator")
            let other = try await world.request(.GET, "/api/v1/bids/\(bid.id)/attachments", as: "reporterB")
            let otherBuyer = try await Self.attach(world, bid: bid.id, as: "otherCoordinator", "x")
            let contract = try #require(try await ContractModel.find(t, on: world.app.db))
            contract.bidsCloseOn = "2026-11-01"
            try await contract.update(on: world.app.db)
            let late = try await Self.attach(world, bid: bid.id, as: "reporterA", "te laat")
            let byPurchaser = try await Self.attach(world, bid: bid.id, as: "purchaser", "ontvangen per post")
            // Check
            #expect(added.status == .created, "\(added.body.string)")
            #expect(download.status == .ok && download.body.string == "%PDF plan van aanpak")
            #expect(other.status == .notFound && otherBuyer.status == .notFound)
            #expect(late.status == .conflict)
            #expect(byPurchaser.status == .created)
            // The tender ends on 31 December 2028; 24 months later the bid that did not win is gone, with its files.
            let kept = try await BidAttachments.applyRetention(today: Day(iso: "2030-12-31")!, directory: world.app.platform.configuration.evidenceDirectory,
                                                               on: world.app.db)
            let gone = try await BidAttachments.applyRetention(today: Day(iso: "2031-01-01")!, directory: world.app.platform.configuration.evidenceDirectory,
                                                               on: world.app.db)
            #expect(kept == 0 && gone == 1)
            #expect(try await BidAttachmentModel.query(on: world.app.db).count() == 0)
        }
    }

    @Test("The policy page sets the offer's share and the plan's criteria; a criterion without its maximum in brackets is named")
    func criteriaOnThePolicyPage() async throws {
        try await withWorld { world in
            // Arrange
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            var form = PolicyForm(SocialReturnPolicy.municipalDefault)
            form.offerShare = "40"
            form.planCriteria = "doelgroepen (10)\nduurzaamheid (20)\nsamenwerking met het WSP (5)"
            var bad = form
            bad.planCriteria = "doelgroepen (veel)"
            // Act
            let refused = try await browser.post("/policy", form: OwnDefinitionsAppTests.formPairs(bad) + [("offerShare", "40"), ("planCriteria", bad.planCriteria!)])
            let saved = try await browser.post("/policy", form: OwnDefinitionsAppTests.formPairs(form) + [("offerShare", "40"), ("planCriteria", form.planCriteria!)])
            let policy = try await PolicyStore.currentPolicy(of: world.buyer, on: world.app.db)
            // Check
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("regel 1: verwacht het hoogste aantal punten"))
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(policy.offerShare == .percent(40))
            #expect(policy.planCriteria.map(\.key) == ["target_groups", "durability", "samenwerking_met_het_wsp"])
            #expect(policy.planCriteria.map(\.maximum) == [10, 20, 5])
        }
    }

    @Test("After the closing date a bidder cannot enter or change its offer; the purchaser still records one")
    func closingDate() async throws {
        try await withWorld { world in
            let t = try await world.createContract(["status": "in_tender", "srAsk": "award_criterion", "srWeightPercent": 10, "bidsCloseOn": "2026-11-01"])
            let own = try await Self.post(world, "/api/v1/contracts/\(t)/bids", as: "reporterA", ["offerCents": 100_000, "plan": "Plan"])
            let recorded = try await Self.post(world, "/api/v1/contracts/\(t)/bids", as: "purchaser", ["supplierId": .string(world.supplierA.uuidString),
                                                                                                       "offerCents": 100_000, "plan": "Plan op papier ontvangen"])
            let noCriterion = try await world.createContract(["status": "in_tender", "srAsk": "contract_condition"])
            let notAsked = try await Self.post(world, "/api/v1/contracts/\(noCriterion)/bids", as: "purchaser", ["supplierId": .string(world.supplierA.uuidString),
                                                                                                                "offerCents": 1, "plan": "x"])
            let weightless = try await world.request(.POST, "/api/v1/contracts", as: "coordinator", json: [
                "title": "X", "kind": "dienst", "valueCents": 100, "start": "2026-01-01", "end": "2026-12-31", "srAsk": "award_criterion"] as [String: JSONValue])
            #expect(own.status == .conflict)
            #expect(recorded.status == .created)
            #expect(notAsked.status == .conflict)
            #expect(errorField(weightless) == "srWeightPercent")
        }
    }

    @Test("Market consultation: a supplier of the region sees the planned tender and sends an idea; one outside does not; the buyer counts it")
    func marketConsultation() async throws {
        try await withWorld { world in
            // Arrange: Leverancier A works in Haaglanden; the tender is planned there, open for ideas.
            let a = try #require(try await OrganisationModel.find(world.supplierA, on: world.app.db))
            a.region = "Haaglanden"
            try await a.update(on: world.app.db)
            let t = try await world.createContract(["status": "planned", "region": "Haaglanden", "marketConsultation": true,
                                                    "publicationDate": "2027-02-01", "srAsk": "award_criterion", "srWeightPercent": 15])
            _ = try await world.createContract(["title": "Niet open", "status": "planned", "region": "Haaglanden"])
            // Act
            let seen = try await world.request(.GET, "/api/v1/market-consultations", as: "reporterA").content.decode([MarketConsultationDTO].self)
            let idea = try await Self.post(world, "/api/v1/market-consultations/\(t)/ideas", as: "reporterA", ["text": "Koppel de opdracht aan het leerwerkbedrijf van de gemeente"])
            let outside = try await world.request(.GET, "/api/v1/market-consultations", as: "reporterB").content.decode([MarketConsultationDTO].self)
            let outsideIdea = try await Self.post(world, "/api/v1/market-consultations/\(t)/ideas", as: "reporterB", ["text": "Idee"])
            let buyer = try await world.request(.GET, "/api/v1/market-consultations", as: "coordinator").content.decode([MarketConsultationDTO].self)
            // Check
            #expect(seen.map(\.contractId) == [t] && seen[0].srAsk == "award_criterion" && seen[0].publicationDate == "2027-02-01")
            #expect(idea.status == .created)
            #expect(outside.isEmpty && outsideIdea.status == .notFound)
            #expect(buyer.count == 1 && buyer[0].ideas == 1)
        }
    }
}
}
