import Fluent
import Foundation
import SROIDomain
import Testing
import XCTVapor
@testable import SROIApp

/// Management information (issue 6): a dashboard of a buyer worked out by hand, with filters, the CSV parsed
/// back, the printable report, the public page (off by default) and `sroi report organisation`.
extension AppTests {
@Suite("Management information")
struct ManagementTests {
    static func post(_ world: TestWorld, _ path: String, as who: String, _ body: [String: JSONValue]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    static func approveReport(_ world: TestWorld, _ c: UUID, _ from: String, _ to: String, reporter: String, approve: Bool = true) async throws {
        let r = try await Self.post(world, "/api/v1/contracts/\(c)/reports", as: reporter, ["periodStart": .string(from), "periodEnd": .string(to)])
        let id = json(r)["id"] as! String
        let s = try await Self.post(world, "/api/v1/contracts/\(c)/reports/\(id)/submit", as: reporter, [:])
        #expect(s.status == .ok, "\(s.body.string)")
        if approve {
            let a = try await Self.post(world, "/api/v1/contracts/\(c)/reports/\(id)/approve", as: "coordinator", [:])
            #expect(a.status == .ok, "\(a.body.string)")
        }
    }

    /// C1 cleaning with supplier A (€ 60.000), C2 green maintenance with supplier B (€ 20.000), C3 ended in 2025 (€ 15.000).
    static func scenario(_ world: TestWorld) async throws -> (UUID, UUID, UUID) {
        let c1 = try await world.createContract(["title": "Schoonmaak", "status": "running", "supplierId": .string(world.supplierA.uuidString), "region": "Haaglanden"])
        let c2 = try await world.createContract(["title": "Groen", "cpv": "77310000", "valueCents": 40_000_000, "wageSumCents": nil, "end": "2026-12-31",
                                                 "status": "running", "supplierId": .string(world.supplierB.uuidString), "region": "Midden-Utrecht"])
        let c3 = try await world.createContract(["title": "Schoonmaak 2025", "valueCents": 30_000_000, "wageSumCents": nil, "start": "2025-01-01",
                                                 "end": "2025-12-31", "status": "ended", "supplierId": .string(world.supplierA.uuidString)])
        let base = "/api/v1/contracts/\(c1)"
        let p1 = try await Self.post(world, "\(base)/placements", as: "reporterA", ["bsn": "111222333", "block": "employment", "targetGroup": "participatiewet",
                                "hoursPerWeek": 24, "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"]])
        #expect(p1.status == .created, "\(p1.body.string)")
        let p2 = try await Self.post(world, "\(base)/placements", as: "reporterA", ["reference": "B-1", "block": "employment", "targetGroup": "banenafspraak",
                                "hoursPerWeek": 25.5, "start": "2026-01-01"])
        let p2id = json(p2)["id"] as! String
        for (from, to) in [("2026-01-01", "2026-06-30"), ("2026-07-01", "2026-11-22")] {
            let h = try await Self.post(world, "\(base)/placements/\(p2id)/hours", as: "reporterA", ["periodStart": .string(from), "periodEnd": .string(to), "hours": 663])
            #expect(h.status == .created, "\(h.body.string)")
        }
        _ = try await Self.post(world, "\(base)/activities", as: "reporterA", ["block": "social_purchase", "description": "Inkoop", "date": "2026-05-15",
                           "amountCents": 800_000, "enterpriseStatus": "art_2_82"])
        _ = try await Self.post(world, "/api/v1/contracts/\(c2)/activities", as: "reporterB", ["block": "social_purchase", "description": "Drukwerk",
                           "date": "2026-04-01", "amountCents": 500_000, "enterpriseStatus": "aspirant"])
        try await Self.approveReport(world, c1, "2026-01-01", "2026-06-30", reporter: "reporterA")
        try await Self.approveReport(world, c1, "2026-07-01", "2026-09-30", reporter: "reporterA", approve: false)
        try await Self.approveReport(world, c2, "2026-01-01", "2026-06-30", reporter: "reporterB")
        return (c1, c2, c3)
    }

    static func dashboard(_ world: TestWorld, _ query: String = "", as who: String = "coordinator") async throws -> [String: Any] {
        let res = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard" + query, as: who)
        #expect(res.status == .ok, "\(res.body.string)")
        return json(res)
    }

    @Test func theDashboardAgreesWithAHandWorkedExampleAlsoWithFilters() async throws {
        try await withWorld { world in
            _ = try await Self.scenario(world)
            let d = try await Self.dashboard(world)
            // 2026, on 27 November: C1 and C2 (C3 ended in 2025).
            #expect(d["contracts"] as? Int == 2)
            #expect(d["obligationCents"] as? Int == 8_000_000)
            // C1 first half: P1 Mar–Jun (no paid hours: contracted) 4.000.000 × 24/36 × 122/365 = 891.324 + bonus 1.000.000;
            // P2 by its paid hours, 663 capped at 25,5 × 181/7 = 659,36: 5.000.000 × 65.936 × 7 / (3.600 × 365) = 1.756.286;
            // the purchase 800.000 → 4.447.610. C2: 50% of € 5.000 = 250.000. Together 4.697.610.
            #expect(d["realisedCents"] as? Int == 4_697_610)
            #expect(d["realisedInYearCents"] as? Int == 4_697_610)
            // Pending, Q3 of C1: P1 92 days 672.146 + P2: 663 hours over 1 July – 22 November (145 days) capped at
            // 25,5 × 145/7 = 528,21, of which 92/145 in Q3 = 335,14 hours: 5.000.000 × 33.514 × 7 / 1.314.000 = 892.686.
            #expect(d["pendingCents"] as? Int == 1_564_832)
            // Expected: 6.000.000 × 331/1.096 = 1.812.044 and 2.000.000 × 331/365 = 1.813.699.
            #expect(d["expectedCents"] as? Int == 3_625_743)
            // C1 is far ahead (green); C2 has 2.500 of 18.137 (13,8%: red).
            #expect(d["statusCounts"] as? [String: Int] == ["green": 1, "amber": 0, "red": 1, "complete": 0, "not_started": 0, "no_obligation": 0])
            // Two people: "< 5" for the buyer, never the exact number.
            #expect((d["people"] as? [String: Any])?["display"] as? String == "< 5")
            #expect((d["people"] as? [String: Any])?["count"] as? Int == nil)
            // 1.326 paid hours / (25,5 × 331/7) = 1,0997 → 1,100 banenafspraak jobs.
            #expect(d["banenafspraakJobs"] as? Double == 1.1)
            let blocks = d["buildingBlocks"] as! [[String: Any]]
            #expect(blocks.first { $0["key"] as? String == "social_purchase" }?["realisedCents"] as? Int == 1_050_000)
            #expect(blocks.first { $0["key"] as? String == "employment" }?["realisedCents"] as? Int == 3_647_610)
            // The timeline: nothing approved by 31 March; expected then 6.000.000 × 90/1.096 + 2.000.000 × 90/365 = 492.701 + 493.151.
            let timeline = d["timeline"] as! [[String: Any]]
            #expect(timeline.map { $0["quarter"] as? String } == ["K1 2026", "K2 2026", "K3 2026", "K4 2026"])
            #expect(timeline[0]["expectedCents"] as? Int == 985_852)
            #expect(timeline[0]["realisedCents"] as? Int == 0)
            #expect(timeline[1]["realisedCents"] as? Int == 4_697_610)

            // Filters, the same as in the page's URL.
            let onlyB = try await Self.dashboard(world, "?supplier=\(world.supplierB!)")
            #expect(onlyB["obligationCents"] as? Int == 2_000_000)
            #expect(onlyB["realisedCents"] as? Int == 250_000)
            #expect(onlyB["banenafspraakJobs"] as? Double == 0)
            let cleaning = try await Self.dashboard(world, "?category=90")
            #expect(cleaning["obligationCents"] as? Int == 6_000_000)
            #expect(cleaning["realisedCents"] as? Int == 4_447_610)
            let region = try await Self.dashboard(world, "?region=Midden-Utrecht")
            #expect((region["perContract"] as? [[String: Any]])?.map { $0["title"] as? String } == ["Groen"])
            // 2025: only the ended contract, € 300.000 × 5%; the reporting day is 31 December 2025.
            let last = try await Self.dashboard(world, "?year=2025&status=ended")
            #expect(last["obligationCents"] as? Int == 1_500_000)
            #expect(last["reportingDay"] as? String == "2025-12-31")
            #expect(last["expectedCents"] as? Int == 1_500_000)
            // A wrong filter names the field.
            let bad = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard?category=schoonmaak", as: "coordinator")
            #expect(bad.status == .badRequest)
            #expect(errorField(bad) == "category")
            // Another buyer's dashboard does not exist for this user; suppliers have none.
            let other = try await world.request(.GET, "/api/v1/organisations/\(world.otherBuyer!)/dashboard", as: "coordinator")
            #expect(other.status == .notFound)
        }
    }

    @Test func theCSVOpensWithTheRightColumnsInDutchExcel() async throws {
        try await withWorld { world in
            _ = try await Self.scenario(world)
            let res = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard/tables/contracten?year=2026", as: "viewer")
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.subType == "csv")
            let bytes = Array(res.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a BOM, so Excel reads UTF-8")
            let csv = try DutchCSV(data: bytes)
            #expect(csv.separator == ";")
            #expect(csv.header == ["contract", "opdrachtnemer", "categorie", "regio", "status contract", "verplichting", "gerealiseerd",
                                   "in beoordeling", "verwacht", "voortgang"])
            let c1 = csv.rows.first { $0.fields[0] == "Schoonmaak" }!
            #expect(c1.fields[1] == "Leverancier A")
            #expect(c1.fields[5] == "60000,00")
            #expect(c1.fields[6] == "44476,10")
            #expect(c1.fields[8] == "18120,44")
            // The person counts stay suppressed in the export too.
            let people = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard/tables/doelgroepen", as: "viewer")
            let groups = try DutchCSV(data: Array(people.body.readableBytesView))
            #expect(Set(groups.rows.map { $0.fields[1] }) == ["< 5"])
            // The export is in the audit log.
            let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "dashboard").count()
            #expect(logged == 2)
            // JSON of the same table.
            let asJSON = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard/tables/kerncijfers?format=json", as: "viewer")
            let rows = jsonArray(asJSON)
            #expect(rows.first { $0["Kerncijfer"] as? String == "Verplichting" }?["Waarde"] as? String == "80000,00")
        }
    }

    @Test func pagesPrintViewAndThePublicPageThatIsOffByDefault() async throws {
        try await withWorld { world in
            let (c1, _, _) = try await Self.scenario(world)
            let web = WebSession(app: world.app)
            try await web.login("coordinator@test.example")
            let page = try await web.get("/management?year=2026&supplier=\(world.supplierA!)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<svg"), "a server-rendered chart")
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("€ 60.000"))
            #expect(!(html.contains("Groen</td>")), "the supplier filter leaves C2 out")
            #expect(html.contains("/management/export/contracten.csv?year=2026&amp;supplier=\(world.supplierA!)")
                          || html.contains("/management/export/contracten.csv?year=2026&supplier=\(world.supplierA!)"), "exports keep the filters")
            let printed = try await web.get("/management/print?year=2026&contract=\(c1)")
            #expect(printed.status == .ok)
            #expect(printed.body.string.components(separatedBy: "class=\"page\"").count - 1 == 1, "one page for the one contract")
            #expect(printed.body.string.contains("Schoonmaak"))

            // Off by default: no page, no open data.
            let off = try await world.request(.GET, "/openbaar/\(world.buyer!)")
            #expect(off.status == .notFound)
            let offData = try await world.request(.GET, "/api/v1/public/organisations/\(world.buyer!)/figures")
            #expect(offData.status == .notFound)
            // The coordinator publishes two aggregates and a goal; only those appear.
            let saved = try await web.post("/management/settings", form: [("jobsGoal", "3"), ("jobsGoalYear", "2028"), ("publish", "yes"),
                                                                           ("published[]", "realised"), ("published[]", "jobs")])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let on = try await world.request(.GET, "/openbaar/\(world.buyer!)")
            #expect(on.status == .ok)
            #expect(on.body.string.contains("€ 46.976,10"), "\(on.body.string)")
            #expect(on.body.string.contains("1,100"))
            #expect(!(on.body.string.contains("€ 80.000")), "the obligation was not chosen")
            #expect(!(on.body.string.contains("Leverancier")), "no suppliers, no contracts, no people")
            let data = try await world.request(.GET, "/api/v1/public/organisations/\(world.buyer!)/figures")
            #expect((json(data)["figures"] as? [[String: Any]])?.map { $0["key"] as? String } == ["realised", "jobs", "jobsGoal"])
            let csv = try await world.request(.GET, "/openbaar/\(world.buyer!)/cijfers.csv")
            let parsed = try DutchCSV(data: Array(csv.body.readableBytesView))
            #expect(parsed.rows.map { $0.fields[5] } == ["46976,10", "1,100", "3"])
            // A viewer cannot change the settings.
            let viewer = WebSession(app: world.app)
            try await viewer.login("viewer@test.example")
            let denied = try await viewer.post("/management/settings", form: [("publish", "yes"), ("published[]", "obligation")])
            #expect(denied.status == .forbidden)
        }
    }

    @Test func theCommandPrintsTheSameFiguresAsTheDashboard() async throws {
        try await withWorld { world in
            _ = try await Self.scenario(world)
            let json = try await OrganisationReport.render(world.app, organisation: world.buyer, year: 2026, format: "json", table: "kerncijfers")
            let d = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            let api = try await Self.dashboard(world, "?year=2026")
            for key in ["obligationCents", "realisedCents", "pendingCents", "expectedCents"] {
                #expect(d[key] as? Int == api[key] as? Int, "\(key)")
            }
            let csv = try await OrganisationReport.render(world.app, organisation: world.buyer, year: 2026, format: "csv", table: "kerncijfers")
            let parsed = try DutchCSV(text: csv)
            #expect(parsed.rows.first { $0.fields[0] == "Verplichting" }?.fields[1] == "80000,00")
            let text = try await OrganisationReport.render(world.app, organisation: world.buyer, year: 2026, format: "text", table: "kerncijfers")
            #expect(text.contains("€ 46.976,10"), "\(text)")
        }
    }
}
}
