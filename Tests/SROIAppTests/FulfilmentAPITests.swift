import Fluent
import Foundation
import SROIDomain
import Testing
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("Fulfilment over the API")
struct FulfilmentAPITests {
    /// The cleaning contract of DOMAIN.md (€ 1.200.000, 2026-01-01 to 2028-12-31, obligation € 60.000), running with supplier A.
    static func runningContract(_ world: TestWorld) async throws -> UUID {
        try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
    }

    static func post(_ world: TestWorld, _ path: String, as who: String, _ body: [String: JSONValue]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, path, as: who, json: body)
    }

    static func importCSV(_ world: TestWorld, _ csv: String, contract: UUID, as who: String = "reporterA") async throws -> XCTHTTPResponse {
        try await world.app.testable().sendRequest(.POST, "/api/v1/contracts/\(contract)/imports/hours") { req async throws in
            req.headers.bearerAuthorization = .init(token: world.tokens[who]!)
            req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            req.body = ByteBuffer(bytes: Array(csv.utf8))
        }
    }

    @Test func aYearOfACleaningContractAgreesWithTheHandCalculation() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            let base = "/api/v1/contracts/\(c)"
            // P1: Participatiewet, 24 h, 2026-03-01 to 2026-11-30, permanent contract offered.
            let p1 = try await Self.post(world, "\(base)/placements", as: "reporterA", ["reference": "P-001", "block": "employment", "targetGroup": "participatiewet",
                                    "hoursPerWeek": 24, "start": "2026-03-01", "end": "2026-11-30", "bonuses": ["permanent_contract"]].json)
            #expect(p1.status == .created, "\(p1.body.string)")
            #expect(json(p1)["reference"] as? String == "P-001", "the supplier reads its own reference back")
            let p1ForBuyer = try await world.request(.GET, "\(base)/placements/\(json(p1)["id"] as! String)", as: "coordinator")
            #expect(!(p1ForBuyer.body.string.contains("P-001")), "the buyer never sees the reference")
            // P2: banenafspraak by BSN, 25,5 h from 2026-01-01, ongoing.
            let p2 = try await Self.post(world, "\(base)/placements", as: "reporterA", ["bsn": "111222333", "block": "employment", "targetGroup": "banenafspraak",
                                    "hoursPerWeek": 25.5, "start": "2026-01-01"].json)
            #expect(p2.status == .created, "\(p2.body.string)")
            #expect(json(p2)["doelgroepregister"] as? Bool == true)
            // P3: internship mbo, 36 h, 2026-02-01 to 2026-06-30.
            let p3 = try await Self.post(world, "\(base)/placements", as: "reporterA", ["reference": "S-01", "block": "internship", "targetGroup": "student_mbo_hbo",
                                    "hoursPerWeek": 36, "start": "2026-02-01", "end": "2026-06-30"].json)
            #expect(p3.status == .created)
            // A purchase of € 8.000 from an art. 2.82 enterprise on 2026-05-15.
            let buy = try await Self.post(world, "\(base)/activities", as: "reporterA", ["block": "social_purchase", "description": "Groenonderhoud door De Brug",
                                     "date": "2026-05-15", "amountCents": 800_000, "enterpriseName": "Werkbedrijf De Brug", "enterpriseStatus": "art_2_82"].json)
            #expect(buy.status == .created, "\(buy.body.string)")
            #expect(json(buy)["valueCents"] as? Int == 800_000)

            // Paid hours from payroll, as Dutch Excel writes them (BOM, semicolons, decimal commas, d-m-yyyy).
            let csv = "\u{FEFF}referentie;bsn;periode_van;periode_tot;verloonde_uren\r\nP-001;;1-3-2026;31-3-2026;103,5\r\n;111222333;2026-01-01;2026-03-31;331,5\r\n;111222333;2026-04-01;2026-06-30;331,5\r\n;111222333;2026-07-01;2026-09-30;331,5\r\n"
            let imported = try await Self.importCSV(world, csv, contract: c)
            #expect(imported.status == .ok, "\(imported.body.string)")
            #expect(json(imported)["placementsCreated"] as? Int == 0)
            #expect(json(imported)["hourRows"] as? Int == 4)
            // Importing the same file again does not double the hours.
            let again = try await Self.importCSV(world, csv, contract: c)
            #expect(again.status == .ok)
            let hoursRows = try await PaidHoursModel.query(on: world.app.db).count()
            #expect(hoursRows == 4)

            // Three quarterly reports.
            var reports: [UUID] = []
            for (s, e) in [("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30"), ("2026-07-01", "2026-09-30")] {
                let r = try await Self.post(world, "\(base)/reports", as: "reporterA", ["periodStart": .string(s), "periodEnd": .string(e)])
                #expect(r.status == .created, "\(r.body.string)")
                let id = try r.content.decode(IDOnly.self).id
                let submitted = try await Self.post(world, "\(base)/reports/\(id)/submit", as: "reporterA", [:])
                #expect(submitted.status == .ok, "\(submitted.body.string)")
                reports.append(id)
            }
            // Q1, by the paid hours: P1 103,5 h in March: 4.000.000 × 10.350 × 7 / (3.600 × 365) = 220.547,9 → 220.548, plus the
            // bonus 1.000.000 = 1.220.548; P2 331,5 h capped at 25,5 × 90/7 = 327,86 h: 5.000.000 × 32.786 × 7 / 1.314.000 =
            // 873.295,3 → 873.295; P3 (no paid hours: contracted hours) 80.822 → 2.174.665 cents.
            let q1 = json(try await world.request(.GET, "\(base)/reports/\(reports[0])", as: "coordinator"))
            #expect(q1["totalCents"] as? Int == 2_174_665)
            // Q2: P1 664.840 + P2 (331,5 h, exactly 25,5 × 91/7) 882.991 + P3 124.658 + purchase 800.000 = 2.472.489;
            // Q3: P1 672.146 + P2 331,5 h (below 25,5 × 92/7 = 335,14): 5.000.000 × 33.150 × 7 / 1.314.000 = 882.991 → 1.555.137.
            let q2 = json(try await world.request(.GET, "\(base)/reports/\(reports[1])", as: "coordinator"))
            #expect(q2["totalCents"] as? Int == 2_472_489)
            let q3 = json(try await world.request(.GET, "\(base)/reports/\(reports[2])", as: "coordinator"))
            #expect(q3["totalCents"] as? Int == 1_555_137)

            // The supplier cannot approve its own report; the coordinator approves Q1 and part of Q2.
            let selfApproval = try await Self.post(world, "\(base)/reports/\(reports[0])/approve", as: "reporterA", [:])
            #expect(selfApproval.status == .forbidden)
            let approveQ1 = try await Self.post(world, "\(base)/reports/\(reports[0])/approve", as: "coordinator", ["comment": "In orde"])
            #expect(json(approveQ1)["status"] as? String == "approved")
            let items = (q2["items"] as? [[String: Any]]) ?? []
            let internship = try #require(items.first { ($0["valueCents"] as? Int) == 124_658 }?["id"] as? String)
            let noComment = try await Self.post(world, "\(base)/reports/\(reports[1])/reject", as: "coordinator", ["itemIds": .array([.string(internship)])])
            #expect(noComment.status == .unprocessableEntity)
            #expect(errorField(noComment) == "comment")
            let rejected = try await Self.post(world, "\(base)/reports/\(reports[1])/reject", as: "coordinator",
                                          ["itemIds": .array([.string(internship)]), "comment": "Stageovereenkomst ontbreekt"])
            #expect(rejected.status == .ok, "\(rejected.body.string)")
            let rest = try await Self.post(world, "\(base)/reports/\(reports[1])/approve", as: "coordinator", [:])
            #expect(json(rest)["status"] as? String == "partially_approved")
            #expect(json(rest)["approvedCents"] as? Int == 2_347_831)

            // Progress on 2026-11-27 (day 331 of 1.096):
            // realised 2.174.665 + 2.347.831 = 4.522.496; pending Q3 1.555.137; expected 6.000.000 × 331/1.096 = 1.812.044;
            // forecast 4.522.496 × 1.096/331 = 14.974.790; jobs 994,5 h / (25,5 × 331/7) = 0,825.
            for who in ["coordinator", "reporterA"] {
                let progress = json(try await world.request(.GET, "\(base)/progress", as: who))
                #expect(progress["obligationCents"] as? Int == 6_000_000)
                #expect(progress["realisedCents"] as? Int == 4_522_496, "\(who)")
                #expect(progress["pendingCents"] as? Int == 1_555_137)
                #expect(progress["expectedCents"] as? Int == 1_812_044)
                #expect(progress["forecastCents"] as? Int == 14_974_790)
                #expect(progress["status"] as? String == "green")
                #expect(progress["banenafspraakJobs"] as? Double == 0.825)
            }
            // People: three candidates in three target groups; a viewer (who does not see the persons) reads "< 5", the
            // coordinator who reviews the lines and the supplier read the counts.
            let viewerView = json(try await world.request(.GET, "\(base)/progress", as: "viewer"))
            let groups = viewerView["peopleByTargetGroup"] as? [[String: Any]] ?? []
            #expect(groups.map { $0["key"] as? String } == ["participatiewet", "banenafspraak", "student_mbo_hbo"])
            #expect(Set(groups.map { $0["display"] as? String }) == ["< 5"])
            #expect(Set(groups.map { $0["count"] as? Int }) == [nil])
            let reviewerView = json(try await world.request(.GET, "\(base)/progress", as: "coordinator"))
            #expect(Set((reviewerView["peopleByTargetGroup"] as? [[String: Any]] ?? []).map { $0["display"] as? String }) == ["1"])
            let supplierView = json(try await world.request(.GET, "\(base)/progress", as: "reporterA"))
            let blocks = supplierView["peopleByBuildingBlock"] as? [[String: Any]] ?? []
            #expect(blocks.first { ($0["key"] as? String) == "employment" }?["count"] as? Int == 2)

            // The buyer sees the candidates only by pseudonym.
            let placements = try await world.request(.GET, "\(base)/placements", as: "coordinator")
            #expect(!(placements.body.string.contains("111222333")))
            #expect(!(placements.body.string.contains("P-001")))
            #expect(placements.body.string.contains("\"candidate\":\"K-"))
        }
    }

    @Test func aFileWithThreeBadRowsIsRefusedWhole() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            let csv = """
            referentie,bsn,doelgroep,begindatum,uren_per_week,periode_van,periode_tot,verloonde_uren
            A-1,,ww,2026-01-01,32,2026-01-01,2026-01-31,138.5
            ,111222334,ww,2026-01-01,32,2026-01-01,2026-01-31,100
            A-2,,ww,2026-01-01,32,31-02-2026,2026-02-28,100
            A-3,,ww,2026-01-01,32,2026-01-01,2026-01-31,veel
            A-4,,ww,2026-01-01,32,2026-01-01,2026-01-31,120
            """
            let res = try await Self.importCSV(world, csv, contract: c)
            #expect(res.status == .unprocessableEntity)
            let error = json(res)["error"] as? [String: Any] ?? [:]
            #expect(error["code"] as? String == "import_refused")
            let problems = (error["problems"] as? [[String: Any]] ?? []).map { "\($0["line"] as? Int ?? 0) \($0["column"] as? String ?? "")" }
            #expect(problems == ["3 bsn", "4 periode_van", "5 verloonde_uren"])
            let placements = try await PlacementModel.query(on: world.app.db).count()
            let hours = try await PaidHoursModel.query(on: world.app.db).count()
            #expect(placements == 0)
            #expect(hours == 0)
            // A new candidate without placement columns is named too.
            let missing = try await Self.importCSV(world, "referentie;periode_van;periode_tot;verloonde_uren\nX-9;2026-01-01;2026-01-31;10\n", contract: c)
            let missingProblems = ((json(missing)["error"] as? [String: Any])?["problems"] as? [[String: Any]] ?? []).map { $0["column"] as? String ?? "" }
            #expect(missingProblems == ["begindatum", "doelgroep", "uren_per_week"])
        }
    }

    @Test func erasureRemovesThePersonButKeepsTheTotals() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            let base = "/api/v1/contracts/\(c)"
            let created = try await Self.post(world, "\(base)/placements", as: "reporterA", ["bsn": "111222333", "block": "employment", "targetGroup": "ww",
                                         "hoursPerWeek": 36, "start": "2026-01-01", "end": "2026-12-31"])
            let p = try created.content.decode(IDOnly.self).id
            _ = try await Self.post(world, "\(base)/placements/\(p)/hours", as: "reporterA", ["periodStart": "2026-01-01", "periodEnd": "2026-01-31", "hours": 150])
            let r = try await Self.post(world, "\(base)/reports", as: "reporterA", ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"])
            let rid = try r.content.decode(IDOnly.self).id
            _ = try await Self.post(world, "\(base)/reports/\(rid)/submit", as: "reporterA", [:])
            _ = try await Self.post(world, "\(base)/reports/\(rid)/approve", as: "coordinator", ["comment": "ok"])
            let before = json(try await world.request(.GET, "\(base)/progress", as: "coordinator"))["realisedCents"] as? Int
            // WW full time: January by its 150 paid hours, 2.000.000 × 15.000 × 7 / (3.600 × 365) = 159.817,4 → 159.817; the
            // 59 days of February and March on the contracted hours, 2.000.000 × 59/365 = 323.287,7 → 323.288; 483.105 cents.
            #expect(before == 483_105)
            let v165 = try await Self.post(world, "\(base)/placements/\(p)/erase", as: "reporterA", ["reason": "verzoek"]).status
            #expect(v165 == .forbidden)
            let noReason = try await Self.post(world, "\(base)/placements/\(p)/erase", as: "coordinator", ["reason": " "])
            #expect(errorField(noReason) == "reason")
            let erased = try await Self.post(world, "\(base)/placements/\(p)/erase", as: "coordinator", ["reason": "Verzoek van de kandidaat, 27-11-2026"])
            #expect(erased.status == .ok, "\(erased.body.string)")
            #expect(json(erased)["placementsRemoved"] as? Int == 1)
            #expect(json(erased)["hourRowsRemoved"] as? Int == 1)
            let after = json(try await world.request(.GET, "\(base)/progress", as: "coordinator"))
            #expect(after["realisedCents"] as? Int == 483_105, "the total stays")
            #expect((after["peopleByTargetGroup"] as? [Any])?.count == 0, "the person is gone")
            let v175 = try await world.request(.GET, "\(base)/placements/\(p)", as: "coordinator").status
            #expect(v175 == .notFound)
            let report = try await world.request(.GET, "\(base)/reports/\(rid)", as: "coordinator")
            #expect(report.body.string.contains("Verwijderd op verzoek van de kandidaat"))
            #expect(!(report.body.string.contains("K-")))
            let audit = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "erase").first()
            #expect(audit?.after?.contains("Verzoek van de kandidaat") == true)
        }
    }

    @Test func theExampleFileOfTheREADMEImports() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/voorbeeld-verloonde-uren.csv")
            let csv = try String(contentsOf: url, encoding: .utf8)
            let res = try await Self.importCSV(world, csv, contract: c)
            #expect(res.status == .ok, "\(res.body.string)")
            #expect(json(res)["placementsCreated"] as? Int == 3)
            #expect(json(res)["hourRows"] as? Int == 4)
        }
    }

    @Test func onlyTheAwardedSuppliersReporterRecords() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            let body: [String: JSONValue] = ["reference": "P-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"]
            let v154 = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterB", body).status
            #expect(v154 == .notFound)
            let v155 = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "coordinator", body).status
            #expect(v155 == .forbidden)
            let bad = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterA", ["bsn": "123456789", "block": "employment",
                                     "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"])
            #expect(bad.status == .unprocessableEntity)
            #expect(errorField(bad) == "bsn")
            #expect(!(bad.body.string.contains("123456789")), "a BSN is never echoed")
            let v161 = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterA", body).status
            #expect(v161 == .created)
            let v162 = try await Self.post(world, "/api/v1/contracts/\(c)/placements", as: "reporterA", body).status
            #expect(v162 == .conflict)
            let planned = try await world.createContract(["title": "Nog niet gegund"])
            let v164 = try await Self.post(world, "/api/v1/contracts/\(planned)/placements", as: "reporterA", body).status
            #expect(v164 == .notFound)
        }
    }

    @Test func overlappingReportsAndRequestForInformation() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            let base = "/api/v1/contracts/\(c)"
            _ = try await Self.post(world, "\(base)/placements", as: "reporterA", ["reference": "W-1", "block": "employment", "targetGroup": "ww",
                               "hoursPerWeek": 36, "start": "2026-01-01", "end": "2026-12-31"])
            let r = try await Self.post(world, "\(base)/reports", as: "reporterA", ["periodStart": "2026-01-01", "periodEnd": "2026-06-30"])
            let id = try r.content.decode(IDOnly.self).id
            // A draft previews its lines: WW full time, 181 days: 2.000.000 × 181/365 = 991.780,8 → 991.781 cents.
            #expect(json(r)["totalCents"] as? Int == 991_781)
            let overlap = try await Self.post(world, "\(base)/reports", as: "reporterA", ["periodStart": "2026-06-01", "periodEnd": "2026-09-30"])
            #expect(overlap.status == .conflict)
            let v178 = try await Self.post(world, "\(base)/reports/\(id)/approve", as: "coordinator", [:]).status
            #expect(v178 == .conflict, "a draft cannot be approved")
            _ = try await Self.post(world, "\(base)/reports/\(id)/submit", as: "reporterA", [:])
            let ask = try await Self.post(world, "\(base)/reports/\(id)/request-info", as: "coordinator", ["comment": "Graag de arbeidsovereenkomst"])
            #expect(json(ask)["status"] as? String == "info_requested")
            let pendingWhileAsked = json(try await world.request(.GET, "\(base)/progress", as: "coordinator"))["pendingCents"] as? Int
            #expect(pendingWhileAsked == 0, "value the buyer asked about is not pending review")
            let resubmitted = try await Self.post(world, "\(base)/reports/\(id)/submit", as: "reporterA", ["note": "Overeenkomst toegevoegd"])
            #expect(json(resubmitted)["status"] as? String == "submitted")
            let v186 = json(try await world.request(.GET, "\(base)/progress", as: "coordinator"))["pendingCents"] as? Int
            #expect(v186 == 991_781)
            let other = try await world.request(.GET, "\(base)/reports/\(id)", as: "otherCoordinator")
            #expect(other.status == .notFound)
        }
    }

    @Test func importingAHundredThousandRows() async throws {
        try await withWorld { world in
            let c = try await Self.runningContract(world)
            // 1.000 candidates × 100 weekly periods from 2026-01-05.
            var csv = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
            csv.reserveCapacity(7_000_000)
            let monday = Day(iso: "2026-01-05")!
            var periods: [(String, String)] = []
            for w in 0..<100 { periods.append((monday.adding(days: 7 * w).iso, monday.adding(days: 7 * w + 6).iso)) }
            for candidate in 0..<1_000 {
                for (s, e) in periods { csv += "K\(candidate);ww;2026-01-05;32;\(s);\(e);31,5\n" }
            }
            let started = Date()
            let res = try await Self.importCSV(world, csv, contract: c)
            #expect(res.status == .ok, "\(String(res.body.string.prefix(500)))")
            #expect(json(res)["hourRows"] as? Int == 100_000)
            #expect(json(res)["placementsCreated"] as? Int == 1_000)
            let rows = try await PaidHoursModel.query(on: world.app.db).count()
            #expect(rows == 100_000)
            print("imported 100.000 hour rows in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        }
    }
}
}

extension Dictionary where Key == String, Value == JSONValue {
    var json: [String: JSONValue] { self }
}
