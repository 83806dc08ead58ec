import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// The third party of social return: job services see the vacancies of their region, propose candidates with a
/// target group they established, and follow the candidate's path; suppliers accept; buyers see verified groups.
@Suite("Job services and matching")
struct MatchingTests {
    /// A job service with one account manager whose token is `token`.
    @discardableResult
    static func jobService(_ world: TestWorld, _ name: String, region: String, kvk: String, token: String) async throws -> UUID {
        let org = try await OrganisationService.create(.init(name: name, kind: "job_service", kvk: kvk, region: region), by: nil, on: world.app.db).requireID()
        let user = try await UserService.create(email: "\(token.lowercased())@test.example", name: token, role: "account_manager", password: TestWorld.password,
                                                organisationID: org, passwords: world.app.platform.passwords, by: nil, on: world.app.db)
        world.tokens[token] = try await APITokens.issue(for: try user.requireID(), lifetime: 3600, on: world.app.db)
        return org
    }

    static func post(_ world: TestWorld, _ path: String, as who: String, _ body: [String: JSONValue] = [:]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    static func vacancy(_ world: TestWorld, contract c: UUID) async throws -> XCTHTTPResponse {
        try await post(world, "/api/v1/vacancies", as: "reporterA", [
            "contractId": .string(c.uuidString), "title": "Medewerker schoonmaak", "tasks": "Kantoren schoonmaken, 's ochtends vroeg",
            "hoursPerWeek": 24, "region": "Haaglanden", "start": "2026-03-01", "blocks": ["employment"],
            "targetGroups": ["participatiewet", "banenafspraak"], "contact": "Afdeling P&O, 070 123 4567"])
    }

    @Test("Vacancy, proposal, interview, acceptance, a placement with a verified group, report, approval and the candidate's path")
    func theWholeJourney() async throws {
        try await withWorld { world in
            // Arrange: a WSP in Haaglanden and one in Twente; a running contract of Leverancier A.
            let wsp = try await Self.jobService(world, "WSP Haaglanden", region: "Haaglanden", kvk: "60000001", token: "wsp")
            try await Self.jobService(world, "WSP Twente", region: "Twente", kvk: "60000002", token: "wspTwente")
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // Act 1: the supplier publishes; who sees it.
            let created = try await Self.vacancy(world, contract: c)
            #expect(created.status == .created, "\(created.body.string)")
            let v = try created.content.decode(VacancyDTO.self)
            let seenByWSP = try await world.request(.GET, "/api/v1/vacancies?status=open", as: "wsp").content.decode([VacancyDTO].self)
            let seenByTwente = try await world.request(.GET, "/api/v1/vacancies", as: "wspTwente").content.decode([VacancyDTO].self)
            let twenteOne = try await world.request(.GET, "/api/v1/vacancies/\(v.id)", as: "wspTwente")
            let otherSupplier = try await world.request(.GET, "/api/v1/vacancies/\(v.id)", as: "reporterB")
            let otherBuyer = try await world.request(.GET, "/api/v1/vacancies/\(v.id)", as: "otherCoordinator")
            let buyer = try await world.request(.GET, "/api/v1/vacancies/\(v.id)", as: "coordinator")
            // Act 2: the WSP proposes (a group the vacancy does not ask is refused), the supplier plans and accepts.
            let wrongGroup = try await Self.post(world, "/api/v1/vacancies/\(v.id)/proposals", as: "wsp", [
                "bsn": "111222333", "targetGroup": "ww", "establishedOn": "2026-02-10", "profile": "Ervaring in de schoonmaak"])
            let withPhone = try await Self.post(world, "/api/v1/vacancies/\(v.id)/proposals", as: "wsp", [
                "bsn": "111222333", "targetGroup": "participatiewet", "establishedOn": "2026-02-10", "profile": "Bel 06 1234 5678"])
            let proposed = try await Self.post(world, "/api/v1/vacancies/\(v.id)/proposals", as: "wsp", [
                "bsn": "111222333", "targetGroup": "participatiewet", "establishedOn": "2026-02-10", "profile": "Ervaring in de schoonmaak, rijbewijs B"])
            #expect(proposed.status == .created, "\(proposed.body.string)")
            let p = try proposed.content.decode(ProposalDTO.self)
            let byTwente = try await Self.post(world, "/api/v1/vacancies/\(v.id)/proposals", as: "wspTwente", [
                "clientNumber": "T-9", "targetGroup": "participatiewet", "establishedOn": "2026-02-10", "profile": "Ervaren"])
            let bySupplierList = try await world.request(.GET, "/api/v1/vacancies/\(v.id)/proposals", as: "reporterA").content.decode([ProposalDTO].self)
            let wspAccepts = try await Self.post(world, "/api/v1/proposals/\(p.id)/accept", as: "wsp")
            let interview = try await Self.post(world, "/api/v1/proposals/\(p.id)/interview", as: "reporterA", ["interviewOn": "2026-02-20"])
            let accepted = try await Self.post(world, "/api/v1/proposals/\(p.id)/accept", as: "reporterA", ["start": "2026-03-01"])
            let again = try await Self.post(world, "/api/v1/proposals/\(p.id)/decline", as: "reporterA", ["reason": "te laat"])
            let placement = try #require(try await PlacementModel.query(on: world.app.db).filter(\.$contract.$id == c).first())
            let afterVacancy = try await world.request(.GET, "/api/v1/vacancies/\(v.id)", as: "reporterA").content.decode(VacancyDTO.self)
            // Act 3: the first quarter reported and approved; the same person earlier in day activities elsewhere.
            try await ObligationTargetAppTests.report(world, c, "2026-01-01", "2026-03-31", approve: true)
            let c2 = try await world.createContract(["status": "running", "start": "2025-01-01", "end": "2026-12-31",
                                                     "supplierId": .string(world.supplierB.uuidString)], as: "otherCoordinator")
            let earlier = try await Self.post(world, "/api/v1/contracts/\(c2)/placements", as: "reporterB", [
                "bsn": "111222333", "block": "day_activities", "targetGroup": "participatiewet", "hoursPerWeek": 12,
                "start": "2025-06-01", "end": "2026-01-31"])
            #expect(earlier.status == .created, "\(earlier.body.string)")
            let path = try await world.request(.GET, "/api/v1/candidates/\(p.candidate)/path", as: "wsp")
            let pathTwente = try await world.request(.GET, "/api/v1/candidates/\(p.candidate)/path", as: "wspTwente")
            let pathSupplier = try await world.request(.GET, "/api/v1/candidates/\(p.candidate)/path", as: "reporterA")
            let figures = try await world.request(.GET, "/api/v1/organisations/\(wsp)/matching", as: "wsp").content.decode(MatchingFiguresDTO.self)
            let buyerFigures = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/matching", as: "coordinator").content.decode(MatchingFiguresDTO.self)
            let progress = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: "coordinator").content.decode(ProgressDTO.self)
            // Check: visibility.
            #expect(seenByWSP.map(\.id) == [v.id])
            #expect(seenByTwente.isEmpty && twenteOne.status == .notFound && otherSupplier.status == .notFound && otherBuyer.status == .notFound)
            #expect(buyer.status == .ok)
            // Check: the proposal.
            #expect(errorField(wrongGroup) == "targetGroup")
            #expect(errorField(withPhone) == "profile")
            #expect(byTwente.status == .notFound)
            #expect(bySupplierList.count == 1 && bySupplierList[0].jobServiceName == "WSP Haaglanden")
            #expect(!proposed.body.string.contains("111222333"), "the BSN never comes back")
            #expect(wspAccepts.status == .forbidden)
            #expect(json(interview)["status"] as? String == "interview")
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            #expect(again.status == .conflict)
            // Check: the placement and the vacancy.
            #expect(placement.verifiedBy == wsp && placement.verifiedOn == "2026-02-10" && placement.vacancyID == v.id)
            #expect(placement.targetGroupRaw == "participatiewet" && placement.hoursPerWeekHundredths == 2_400 && placement.startDate == "2026-03-01")
            #expect(afterVacancy.status == "filled" && afterVacancy.placementId == placement.id)
            // Check: the report counted March: 40.000 × 24/36 × 31/365 = € 2.264,84.
            #expect(progress.realisedCents == 226_484)
            // Check: the path, day activities then a job: a step up, no revolving door; for the proposing WSP only.
            #expect(path.status == .ok, "\(path.body.string)")
            let steps = try path.content.decode([PathStepDTO].self)
            #expect(steps.map(\.rung) == ["dagbesteding", "baan"])
            #expect(steps.map(\.progression) == [false, true] && steps.allSatisfy { !$0.revolvingDoor })
            #expect(steps[1].targetGroupVerifiedBy == "WSP Haaglanden" && steps[0].buyer == "Gemeente Anders")
            #expect(pathTwente.status == .notFound && pathSupplier.status == .notFound)
            // Check: figures, exact for the WSP and "< 5" for the buyer.
            #expect(figures.vacancies == 1 && figures.openVacancies == 0)
            #expect(figures.proposals.count == 1 && figures.interviews.count == 1 && figures.placements.count == 1)
            #expect(buyerFigures.placements.display == "< 5" && buyerFigures.placements.count == nil)
            // Notifications: the supplier heard of the proposal, the WSP of the interview and the acceptance; no BSN anywhere.
            let kinds = try await NotificationModel.query(on: world.app.db).all()
            #expect(kinds.filter { $0.kind == "candidate_proposed" }.count == 1)
            #expect(kinds.filter { $0.kind == "proposal_decided" }.count == 2)
            #expect(kinds.allSatisfy { !$0.body.contains("111222333") && !$0.body.contains(p.candidate) })
        }
    }

    @Test("Isolation: who may read, change, propose, decide and follow a path, as eight callers; another's object is 404")
    func isolationMatrix() async throws {
        try await withWorld { world in
            // Arrange
            let wsp = try await Self.jobService(world, "WSP Haaglanden", region: "Haaglanden", kvk: "60000001", token: "wsp")
            try await Self.jobService(world, "WSP Twente", region: "Twente", kvk: "60000002", token: "wspTwente")
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let v = try await Self.vacancy(world, contract: c).content.decode(VacancyDTO.self).id
            let p = try await Self.post(world, "/api/v1/vacancies/\(v)/proposals", as: "wsp", [
                "clientNumber": "H-1", "targetGroup": "participatiewet", "establishedOn": "2026-02-10", "profile": "Ervaren"]).content.decode(ProposalDTO.self)
            let callers = ["anonymous", "reporterB", "otherCoordinator", "viewer", "wspTwente", "wsp", "reporterA", "coordinator"]
            let cells: [(HTTPMethod, String, [String: JSONValue]?, [UInt])] = [
                (.GET, "/api/v1/vacancies/\(v)", nil, [401, 404, 404, 200, 404, 200, 200, 200]),
                (.GET, "/api/v1/vacancies/\(v)/proposals", nil, [401, 404, 404, 200, 404, 200, 200, 200]),
                (.PATCH, "/api/v1/vacancies/\(v)", ["place": "Delft"], [401, 404, 404, 403, 404, 403, 200, 403]),
                (.POST, "/api/v1/vacancies/\(v)/proposals", ["clientNumber": "H-2", "targetGroup": "participatiewet", "establishedOn": "2026-02-10", "profile": "Ervaren"],
                 [401, 404, 404, 403, 404, 201, 403, 403]),
                (.POST, "/api/v1/proposals/\(p.id)/interview", ["interviewOn": "2026-02-20"], [401, 404, 404, 404, 404, 403, 200, 404]),
                (.GET, "/api/v1/candidates/\(p.candidate)/path", nil, [401, 404, 404, 404, 404, 200, 404, 404]),
                (.GET, "/api/v1/organisations/\(wsp)/matching", nil, [401, 404, 404, 404, 404, 200, 404, 404]),
            ]
            // Act
            var failures: [String] = []
            for (method, path, body, expected) in cells {
                for (i, caller) in callers.enumerated() {
                    let res = try await world.request(method, path, as: caller == "anonymous" ? nil : caller, json: body)
                    if res.status.code != expected[i] { failures.append("\(method) \(path) as \(caller): \(res.status.code), expected \(expected[i])") }
                }
            }
            // Check
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("On the pages: the supplier places a vacancy, the WSP proposes, the supplier accepts, the WSP follows the path")
    func onThePages() async throws {
        try await withWorld { world in
            // Arrange
            try await Self.jobService(world, "WSP Haaglanden", region: "Haaglanden", kvk: "60000001", token: "wsp")
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let supplier = WebSession(app: world.app)
            try await supplier.login("reportera@test.example")
            let wsp = WebSession(app: world.app)
            try await wsp.login("wsp@test.example")
            // Act: the supplier's form, with a mistake first.
            let form = try await supplier.get("/vacatures/nieuw?contract=\(c)").body.string
            let fields: [(String, String)] = [("contractId", c.uuidString), ("title", "Groenmedewerker"), ("tasks", "Snoeien en maaien"),
                                              ("start", "2026-04-01"), ("region", "Haaglanden"), ("blocks[]", "employment"), ("blocks[]", "apprenticeship"),
                                              ("contact", "Team groen, 070 555 0101")]
            let wrong = try await supplier.post("/vacatures", form: fields + [("hoursPerWeek", "veel")])
            let created = try await supplier.post("/vacatures", form: fields + [("hoursPerWeek", "32")])
            let vacancy = try #require(try await VacancyModel.query(on: world.app.db).first())
            let listForWSP = try await wsp.get("/vacatures").body.string
            let start = try await wsp.get("/")
            let proposed = try await wsp.post("/vacatures/\(vacancy.id!)/voordragen", form: [
                ("bsn", "111222333"), ("clientNumber", ""), ("targetGroup", "wia_wao"), ("establishedOn", "2026-03-01"), ("profile", "Hovenier, wil 32 uur werken")])
            let proposal = try #require(try await ProposalModel.query(on: world.app.db).first())
            let supplierView = try await supplier.get("/vacatures/\(vacancy.id!)").body.string
            let accepted = try await supplier.post("/voordrachten/\(proposal.id!)/aannemen", form: [("start", "2026-04-01"), ("block", "employment")])
            let contractPage = try await supplier.get("/contracts/\(c)").body.string
            let path = try await wsp.get("/kandidaten/\(Pseudonymizer.display(proposal.candidate))").body.string
            // Check
            #expect(form.contains("Vacature plaatsen") && form.contains("name=\"blocks[]\""))
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("verwacht een aantal uren"))
            #expect(created.status == .seeOther, "\(created.body.string)")
            #expect(vacancy.blocksRaw == "employment,apprenticeship" && vacancy.hoursPerWeekHundredths == 3_200)
            #expect(listForWSP.contains("Groenmedewerker") && listForWSP.contains("Open vacatures in uw regio"))
            #expect(start.status == .seeOther && start.headers.first(name: .location) == "/vacatures")
            #expect(proposed.status == .seeOther, "\(proposed.body.string)")
            #expect(supplierView.contains("WSP Haaglanden") && supplierView.contains("Hovenier, wil 32 uur werken") && !supplierView.contains("111222333"))
            #expect(accepted.status == .seeOther)
            #expect(contractPage.contains("✓ WSP Haaglanden"))
            #expect(path.contains("Het pad van") && path.contains("baan"))
        }
    }

    @Test("A policy that requires a verified group: a placement the supplier entered itself is a line of € 0 that says why")
    func requireVerified() async throws {
        try await withWorld { world in
            // Arrange
            let put = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                              json: ["settings": ["requireVerifiedTargetGroup": true], "note": "alleen vastgestelde doelgroepen"] as [String: JSONValue])
            #expect(put.status == .ok, "\(put.body.string)")
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterA", [
                "reference": "E-1", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24, "start": "2026-03-01"])
            // Act
            let r = try await Self.post(world, "/api/v1/contracts/\(c)/reports", as: "reporterA", ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"])
            let id = try r.content.decode(IDOnly.self).id
            let report = try await Self.post(world, "/api/v1/contracts/\(c)/reports/\(id)/submit", as: "reporterA").content.decode(ReportDTO.self)
            // Check
            #expect(report.totalCents == 0)
            #expect(report.items.count == 1 && report.items[0].explanation.contains("werkgeversdienstverlening"))
        }
    }

    @Test("A buyer's coordinator registers a job service covering two regions; a purchaser may not")
    func registering() async throws {
        try await withWorld { world in
            let byCoordinator = try await Self.post(world, "/api/v1/organisations", as: "coordinator", [
                "name": "WSP Rijnmond", "kind": "job_service", "kvk": "60000009", "region": "Rijnmond", "regions": ["Drechtsteden"]])
            let byPurchaser = try await Self.post(world, "/api/v1/organisations", as: "purchaser", [
                "name": "WSP X", "kind": "job_service", "kvk": "60000010", "region": "Rijnmond"])
            let badRegion = try await Self.post(world, "/api/v1/organisations", as: "coordinator", [
                "name": "WSP Y", "kind": "job_service", "kvk": "60000011", "region": "Rijnmond", "regions": ["Atlantis"]])
            #expect(byCoordinator.status == .created, "\(byCoordinator.body.string)")
            #expect((json(byCoordinator)["regions"] as? [String]) == ["Rijnmond", "Drechtsteden"])
            #expect(byPurchaser.status == .forbidden)
            #expect(errorField(badRegion) == "regions.0")
            // The coordinator invites the new job service's first coordinator; not an account manager first.
            let wspID = try byCoordinator.content.decode(OrganisationDTO.self).id
            let wrongRole = try await Self.post(world, "/api/v1/invitations", as: "coordinator", [
                "organisationId": .string(wspID.uuidString), "email": "am@wsp.example", "role": "account_manager"])
            let invited = try await Self.post(world, "/api/v1/invitations", as: "coordinator", [
                "organisationId": .string(wspID.uuidString), "email": "coordinator@wsp.example", "role": "service_coordinator"])
            let notTheirs = try await Self.post(world, "/api/v1/invitations", as: "coordinator", [
                "organisationId": .string(world.supplierB.uuidString), "email": "x@b.example", "role": "reporter"])
            #expect(errorField(wrongRole) == "role")
            #expect(invited.status == .created, "\(invited.body.string)")
            #expect(notTheirs.status == .forbidden)
        }
    }
}
}
