import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// A buyer's own valuation table: chosen from a preset or changed line by line, in the API and on the policy page.
@Suite("The buyer's valuation table")
struct ValuationSettingsTests {
    static func put(_ world: TestWorld, _ valuation: [String: JSONValue]) async throws -> XCTHTTPResponse {
        try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator",
                                json: ["settings": ["valuation": .object(valuation)], "note": "waardering"] as [String: JSONValue])
    }

    @Test("Utrecht's table over the API: a job seeker then counts € 10.000 a year, so 90 days full time = 1.000.000 × 90/365 = 246.575 cents")
    func utrechtOverTheAPI() async throws {
        try await withWorld { world in
            // Arrange
            let chosen = try await Self.put(world, ["preset": "utrecht"])
            #expect(chosen.status == .ok, "\(chosen.body.string)")
            let policy = try chosen.content.decode(PolicyVersionDTO.self)
            #expect(policy.settings.valuation?.name == "Utrecht")
            #expect(policy.settings.valuation?.preset == "utrecht")
            #expect(policy.settings.valuation?.employmentPerYearCents?["job_seeker"] == 1_000_000)
            // Act: a contract under the new version, a job seeker full time from 1 January, the first quarter reported.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "U-1", "block": "employment", "targetGroup": "job_seeker", "hoursPerWeek": 36, "start": "2026-01-01"] as [String: JSONValue])
            let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                            json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue]).content.decode(IDOnly.self).id
            let report = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(r)/submit", as: "reporterA").content.decode(ReportDTO.self)
            // Check
            #expect(report.totalCents == 246_575)
            #expect(report.items.first?.explanation.contains("€ 10.000 per jaar") == true)
        }
    }

    @Test("One line changed over the API keeps the rest; unknown codes and impossible lines are named")
    func linesOverTheAPI() async throws {
        try await withWorld { world in
            // Act
            let changed = try await Self.put(world, ["employmentPerYearCents": ["ww": 2_500_000], "countedMonths": ["ww": 18], "name": "Eigen tabel"])
            let unknown = try await Self.put(world, ["employmentPerYearCents": ["alien": 5]])
            let impossible = try await Self.put(world, ["countedMonths": ["ww": 200], "socialContributionCap": 150])
            // Check
            let v = try #require(try changed.content.decode(PolicyVersionDTO.self).settings.valuation)
            #expect(v.employmentPerYearCents?["ww"] == 2_500_000)
            #expect(v.countedMonths?["ww"] == 18)
            #expect(v.employmentPerYearCents?["participatiewet"] == 4_000_000, "the other lines stay")
            #expect(v.preset == nil)
            let unknownFields = try unknown.content.decode(ErrorResponder.Body.self).error.details?.map(\.field)
            #expect(unknownFields == ["valuation.employmentPerYearCents.alien"])
            let impossibleFields = Set(try impossible.content.decode(ErrorResponder.Body.self).error.details?.map(\.field) ?? [])
            #expect(impossibleFields == ["valuation.countedMonths.ww", "valuation.socialContributionCap"])
            #expect(try await PolicyVersionModel.query(on: world.app.db).filter(\.$organisation.$id == world.buyer).count() == 2)
        }
    }

    @Test("The policy page shows the table, saves a preset or a changed line as a new version, and names a bad line beside it")
    func onThePage() async throws {
        try await withWorld { world in
            // Arrange: the form as the page fills it.
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let page = try await browser.get("/policy").body.string
            #expect(page.contains("Waarderingstabel"))
            #expect(page.contains("name=\"valuationYear[ww]\" value=\"20.000\""))
            let base: [(String, String)] = [
                ("name", "Beleid"), ("basis", "contract_value"), ("minimumValue", "100.000"), ("minimumWageSum", ""), ("minimumDurationMonths", "6"),
                ("appliesToSupplies", "no"), ("standardPercentage", "5"), ("lowLabourShareThreshold", "50"), ("lowLabourSharePercentageOfValue", "2"),
                ("lowLabourSharePercentageOfWageSum", "5"), ("promisingAnnualValue", "200.000"), ("statusGreenThreshold", "90"),
                ("statusAmberThreshold", "60"), ("evidenceRetentionMonths", "24"), ("categoryName[]", "Schoonmaak"), ("categoryCpv[]", "909"),
                ("categoryPercentage[]", ""),
            ]
            var lines = PolicyForm(SocialReturnPolicy.municipalDefault)
            lines.valuationPreset = ""
            var table: [(String, String)] = [("valuationPreset", ""), ("valuationName", lines.valuationName ?? "")]
            for (k, v) in lines.valuationYear ?? [:] { table.append(("valuationYear[\(k)]", k == "ww" ? "25.000" : v)) }
            for (k, v) in lines.valuationMonths ?? [:] { table.append(("valuationMonths[\(k)]", v)) }
            for (k, v) in lines.valuationBonus ?? [:] { table.append(("valuationBonus[\(k)]", v)) }
            for (k, v) in lines.valuationShare ?? [:] { table.append(("valuationShare[\(k)]", v)) }
            for (k, v) in lines.valuationLine ?? [:] { table.append(("valuationLine[\(k)]", v)) }
            // Act
            let bad = try await browser.post("/policy", form: base + table.map { $0.0 == "valuationYear[wia_wao]" ? ($0.0, "veel") : $0 })
            let line = try await browser.post("/policy", form: base + table)
            let afterLine = try await PolicyStore.currentPolicy(of: world.buyer, on: world.app.db)
            let preset = try await browser.post("/policy", form: base + [("valuationPreset", "utrecht")] + table.filter { $0.0 != "valuationPreset" })
            let afterPreset = try await PolicyStore.currentPolicy(of: world.buyer, on: world.app.db)
            // Check
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("verwacht een bedrag, zoals 10.000"))
            #expect(line.status == .seeOther, "\(line.body.string)")
            #expect(afterLine.valuation.employmentPerYear[.unemploymentBenefit] == Money(euros: 25_000))
            #expect(afterLine.valuation.employmentPerYear[.socialAssistance] == Money(euros: 40_000))
            #expect(preset.status == .seeOther)
            #expect(afterPreset.valuation == ValuationScheme.utrecht)
        }
    }

    @Test("A deviation from the regional table reads in words, with euros and percentages")
    func deviationsInWords() {
        let ww = PolicyWebController.readable(PolicyDeviation(setting: "valuation.employmentPerYear.ww", regional: "2000000", own: "2500000"))
        #expect(ww.setting == "waardering: WW, per jaar")
        #expect(ww.regional == "€ 20.000")
        #expect(ww.own == "€ 25.000")
        let share = PolicyWebController.readable(PolicyDeviation(setting: "valuation.socialPurchaseShare.aspirant", regional: "5000", own: "10000"))
        #expect(share.setting == "waardering: sociale inkoop bij een \(SocialEnterpriseStatus.aspirant.dutchLabel)")
        #expect(share.own == "100%")
        let coaching = PolicyWebController.readable(PolicyDeviation(setting: "valuation.jobCoachingPerHour", regional: "10000", own: "12000"))
        #expect(coaching.setting == "waardering: Jobcoaching, per uur (€)")
        #expect(coaching.own == "€ 120")
    }
}
}
