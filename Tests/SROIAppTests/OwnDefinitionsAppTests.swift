import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// A buyer's own target groups and building blocks, from the policy (API and page) to a placement, an activity, an
/// imported row, a report and the progress counts.
@Suite("Own target groups and building blocks")
struct OwnDefinitionsAppTests {
    static var own: [String: JSONValue] { [
        "ownTargetGroups": [["name": "Statushouder"]],
        "employmentPerYearCents": ["statushouder": 3_000_000], "countedMonths": ["statushouder": 24],
        "ownBuildingBlocks": [["name": "Taalcoaching", "unit": "per_hour", "valueCents": 7_500]],
    ] }

    @Test("A statushouder 18 h from 1 January and 12,5 h of language coaching: Q1 = 369.863 + 93.750 = 463.613 cents")
    func overTheAPI() async throws {
        try await withWorld { world in
            // Arrange: the policy adds a group and a block; the keys are made from the names.
            let put = try await ValuationSettingsTests.put(world, Self.own)
            #expect(put.status == .ok, "\(put.body.string)")
            let v = try #require(try put.content.decode(PolicyVersionDTO.self).settings.valuation)
            #expect(v.ownTargetGroups?.map(\.key) == ["statushouder"])
            #expect(v.ownBuildingBlocks?.first?.key == "taalcoaching")
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // Act
            let placement = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "S-1", "block": "employment", "targetGroup": "statushouder", "hoursPerWeek": 18, "start": "2026-01-01"] as [String: JSONValue])
            let activity = try await world.request(.POST, "/api/v1/contracts/\(c)/activities", as: "reporterA", json: [
                "block": "taalcoaching", "description": "Taalcoaching op de werkvloer", "date": "2026-02-02", "hours": 12.5] as [String: JSONValue])
            let unknown = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "S-2", "block": "employment", "targetGroup": "ex_gedetineerde", "hoursPerWeek": 18, "start": "2026-01-01"] as [String: JSONValue])
            let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                            json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue]).content.decode(IDOnly.self).id
            let report = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA").content.decode(ReportDTO.self)
            let progress = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: "coordinator").content.decode(ProgressDTO.self)
            // Check
            #expect(placement.status == .created, "\(placement.body.string)")
            #expect(json(placement)["targetGroup"] as? String == "statushouder")
            #expect(activity.status == .created, "\(activity.body.string)")
            #expect(json(activity)["valueCents"] as? Int == 93_750)
            #expect(unknown.status == .unprocessableEntity)
            #expect(try unknown.content.decode(ErrorResponder.Body.self).error.details?.first?.message.contains("statushouder") == true)
            #expect(report.totalCents == 463_613)
            #expect(report.items.contains { $0.explanation.contains("Statushouder: € 30.000 per jaar × 18/36 uur × 90/365 dagen = € 3.698,63") })
            #expect(report.items.contains { $0.explanation.contains("Taalcoaching: 12,5 uur × € 75 = € 937,50") })
            #expect(progress.peopleByTargetGroup.map(\.label) == ["Statushouder"])
        }
    }

    @Test("A group or block in use cannot be taken out; its name and value can change")
    func inUseStays() async throws {
        try await withWorld { world in
            // Arrange
            _ = try await ValuationSettingsTests.put(world, Self.own)
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "S-1", "block": "employment", "targetGroup": "Statushouder", "hoursPerWeek": 18, "start": "2026-01-01"] as [String: JSONValue])
            // Act
            let removed = try await ValuationSettingsTests.put(world, ["ownTargetGroups": []])
            let renamed = try await ValuationSettingsTests.put(world, ["ownTargetGroups": [["key": "statushouder", "name": "Statushouder of nieuwkomer"]],
                                                                       "employmentPerYearCents": ["statushouder": 3_500_000]])
            let unusedBlockRemoved = try await ValuationSettingsTests.put(world, ["ownBuildingBlocks": []])
            // Check
            #expect(removed.status == .unprocessableEntity)
            let error = try removed.content.decode(ErrorResponder.Body.self).error.details?.first
            #expect(error?.field == "valuation.ownTargetGroups")
            #expect(error?.message == "Statushouder is in gebruik bij 1 plaatsing; u kunt de naam en de waarde wijzigen, niet de doelgroep weghalen")
            #expect(renamed.status == .ok, "\(renamed.body.string)")
            #expect(unusedBlockRemoved.status == .ok)
            let policy = try await PolicyStore.currentPolicy(of: world.buyer, on: world.app.db)
            #expect(policy.valuation.label(of: TargetGroup(rawValue: "statushouder")!) == "Statushouder of nieuwkomer")
            #expect(policy.valuation.ownBuildingBlocks.isEmpty)
        }
    }

    @Test("On the policy page a coordinator adds a group by its name; the supplier's forms and import then know it")
    func onThePageAndInTheImport() async throws {
        try await withWorld { world in
            // Arrange: the page's own form, with one new row filled in.
            let coordinator = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            var form = PolicyForm(SocialReturnPolicy.municipalDefault)
            form.ownGroupName = ["0": "Ex-gedetineerde"]
            form.ownGroupYear = ["0": "25.000"]
            form.ownGroupMonths = ["0": "12"]
            form.ownBlockName = ["0": "Buddytraject"]
            form.ownBlockUnit = ["0": "per_month"]
            form.ownBlockValue = ["0": "300"]
            form.ownBlockMonths = ["0": "0"]
            // Act
            let saved = try await coordinator.post("/policy", form: Self.formPairs(form))
            let page = try await coordinator.get("/policy").body.string
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let supplier = WebSession(app: world.app)
            try await supplier.login("reporterA@test.example")
            let newPlacement = try await supplier.get("/contracts/\(c)/placements/new").body.string
            let csv = "referentie;bouwblok;doelgroep;uren_per_week;begindatum;periode_van;periode_tot;verloonde_uren\r\n"
                + "B-1;Buddytraject;Ex-gedetineerde;8;1-1-2026;1-1-2026;31-1-2026;30\r\n"
            let imported = try await FulfilmentAPITests.importCSV(world, csv, contract: c)
            // Check
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(page.contains("value=\"Ex-gedetineerde\""))
            #expect(newPlacement.contains("<option value=\"ex_gedetineerde\">Ex-gedetineerde</option>"))
            #expect(newPlacement.contains("<option value=\"buddytraject\">Buddytraject</option>"))
            #expect(imported.status == .ok, "\(imported.body.string)")
            let stored = try #require(try await PlacementModel.query(on: world.app.db).filter(\.$contract.$id == c).first())
            #expect(stored.targetGroupRaw == "ex_gedetineerde" && stored.blockRaw == "buddytraject")
        }
    }

    @Test("A row index the page never made (Int.max, negative, text) is ignored: no overflow, no crash")
    func strangeRowIndexes() async throws {
        try await withWorld { world in
            // Arrange
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            var form = PolicyForm(SocialReturnPolicy.municipalDefault)
            form.ownGroupName = ["9223372036854775807": "Statushouder", "-1": "Min", "x": "Tekst"]
            form.ownGroupYear = ["9223372036854775807": "30.000"]
            form.ownBlockName = ["9223372036854775807": "Buddy"]
            form.ownBlockUnit = ["9223372036854775807": "per_month"]
            // Act
            let res = try await browser.post("/policy", form: Self.formPairs(form))
            let policy = try await PolicyStore.currentPolicy(of: world.buyer, on: world.app.db)
            // Check
            #expect(res.status == .seeOther || res.status == .unprocessableEntity)
            #expect(policy.valuation.ownTargetGroups.isEmpty && policy.valuation.ownBuildingBlocks.isEmpty)
        }
    }

    /// The policy form as the browser sends it.
    static func formPairs(_ f: PolicyForm) -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("name", f.name ?? ""), ("basis", f.basis ?? ""), ("minimumValue", f.minimumValue ?? ""), ("minimumWageSum", f.minimumWageSum ?? ""),
            ("minimumDurationMonths", f.minimumDurationMonths ?? ""), ("appliesToSupplies", f.appliesToSupplies ?? ""),
            ("standardPercentage", f.standardPercentage ?? ""), ("lowLabourShareThreshold", f.lowLabourShareThreshold ?? ""),
            ("lowLabourSharePercentageOfValue", f.lowLabourSharePercentageOfValue ?? ""),
            ("lowLabourSharePercentageOfWageSum", f.lowLabourSharePercentageOfWageSum ?? ""), ("promisingAnnualValue", f.promisingAnnualValue ?? ""),
            ("statusGreenThreshold", f.statusGreenThreshold ?? ""), ("statusAmberThreshold", f.statusAmberThreshold ?? ""),
            ("evidenceRetentionMonths", f.evidenceRetentionMonths ?? ""), ("valuationPreset", ""), ("valuationName", f.valuationName ?? ""),
        ]
        for (name, values) in [("valuationYear", f.valuationYear), ("valuationMonths", f.valuationMonths), ("valuationBonus", f.valuationBonus),
                               ("valuationShare", f.valuationShare), ("valuationLine", f.valuationLine), ("ownGroupName", f.ownGroupName),
                               ("ownGroupYear", f.ownGroupYear), ("ownGroupMonths", f.ownGroupMonths), ("ownBlockName", f.ownBlockName),
                               ("ownBlockUnit", f.ownBlockUnit), ("ownBlockValue", f.ownBlockValue), ("ownBlockMonths", f.ownBlockMonths)] {
            for (k, v) in values ?? [:] { pairs.append(("\(name)[\(k)]", v)) }
        }
        for (i, name) in (f.categoryName ?? []).enumerated() {
            pairs += [("categoryName[]", name), ("categoryCpv[]", f.categoryCpv?[i] ?? ""), ("categoryPercentage[]", f.categoryPercentage?[i] ?? "")]
        }
        return pairs
    }
}
}
