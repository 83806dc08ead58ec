import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// A buyer's lighter regime for small suppliers, from the policy and the supplier's own number of employees.
@Suite("A lighter regime for small firms")
struct SmallFirmRegimeTests {
    @Test("Supplier A states 12 employees; under a regime of 2% up to 25 its € 1.200.000 contract owes € 24.000 and reports yearly")
    func regime() async throws {
        try await withWorld { world in
            // Arrange: the regime in the policy, then the supplier's size, then a contract.
            let put = try await world.request(.PUT, "/api/v1/organisations/\(world.buyer!)/policy", as: "coordinator", json: [
                "settings": ["smallFirms": ["maximumEmployees": 25, "percentage": 2, "frequency": "year"]], "note": "kleine bedrijven"] as [String: JSONValue])
            #expect(put.status == .ok, "\(put.body.string)")
            let stated = try await world.request(.PATCH, "/api/v1/organisations/\(world.supplierA!)", as: "reporterA", json: ["employees": 12] as [String: JSONValue])
            #expect(try stated.content.decode(OrganisationDTO.self).employees == 12)
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // Act
            let obligation = try await world.request(.GET, "/api/v1/contracts/\(c)/obligation", as: "coordinator")
            let calendar = try await world.request(.GET, "/api/v1/contracts/\(c)/report-calendar", as: "reporterA").content.decode([ReportCalendarEntryDTO].self)
            // Check: 1.200.000 × 2% = 24.000; the first period is the year 2026, due 30 January 2027.
            let o = (try JSONSerialization.jsonObject(with: Data(obligation.body.readableBytesView)) as? [String: Any]) ?? [:]
            #expect(o["amountCents"] as? Int == 2_400_000, "\(obligation.body.string)")
            #expect(obligation.body.string.contains("kleine onderneming (12 medewerkers"))
            #expect(calendar.first.map { "\($0.periodStart)–\($0.periodEnd)" } == "2026-01-01–2026-12-31")
            // A bigger supplier owes the full 5% again: the obligation follows the stated size.
            _ = try await world.request(.PATCH, "/api/v1/organisations/\(world.supplierA!)", as: "reporterA", json: ["employees": 80] as [String: JSONValue])
            let after = try await world.request(.GET, "/api/v1/contracts/\(c)/obligation", as: "coordinator")
            #expect(((try JSONSerialization.jsonObject(with: Data(after.body.readableBytesView)) as? [String: Any])?["amountCents"] as? Int) == 6_000_000)
        }
    }

    @Test("Only the organisation itself states its size: a viewer is refused, another organisation finds nothing, a negative number is named")
    func whoStatesTheSize() async throws {
        try await withWorld { world in
            // Act
            let viewer = try await world.request(.PATCH, "/api/v1/organisations/\(world.buyer!)", as: "viewer", json: ["employees": 5] as [String: JSONValue])
            let other = try await world.request(.PATCH, "/api/v1/organisations/\(world.supplierA!)", as: "reporterB", json: ["employees": 5] as [String: JSONValue])
            let negative = try await world.request(.PATCH, "/api/v1/organisations/\(world.supplierA!)", as: "reporterA", json: ["employees": -3] as [String: JSONValue])
            let page = WebSession(app: world.app)
            try await page.login("reportera@test.example")
            let saved = try await page.post("/account/organisation", form: [("employees", "9")])
            // Check
            #expect(viewer.status == .forbidden)
            #expect(other.status == .notFound)
            #expect(try negative.content.decode(ErrorResponder.Body.self).error.field == "employees")
            #expect(saved.status == .seeOther)
            #expect(try await OrganisationModel.find(world.supplierA, on: world.app.db)?.employees == 9)
            let nothing = try await world.request(.PATCH, "/api/v1/organisations/\(world.supplierA!)", as: "reporterA", json: [:] as [String: JSONValue])
            #expect(try nothing.content.decode(OrganisationDTO.self).employees == 9, "a body without employees changes nothing")
            #expect(try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "organisation").filter(\.$action == "update").count() == 1)
        }
    }

    @Test("On the policy page a regime needs its percentage; with 2% and yearly reports it is saved")
    func onThePolicyPage() async throws {
        try await withWorld { world in
            // Arrange
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let base: [(String, String)] = [
                ("name", "Beleid"), ("basis", "contract_value"), ("minimumValue", "100.000"), ("minimumWageSum", ""), ("minimumDurationMonths", "6"),
                ("appliesToSupplies", "no"), ("standardPercentage", "5"), ("lowLabourShareThreshold", "50"), ("lowLabourSharePercentageOfValue", "2"),
                ("lowLabourSharePercentageOfWageSum", "5"), ("promisingAnnualValue", "200.000"), ("statusGreenThreshold", "90"),
                ("statusAmberThreshold", "60"), ("evidenceRetentionMonths", "24"), ("categoryName[]", "Schoonmaak"), ("categoryCpv[]", "909"),
                ("categoryPercentage[]", ""),
            ]
            // Act
            let missing = try await browser.post("/policy", form: base + [("smallFirmMaximumEmployees", "25"), ("smallFirmPercentage", ""), ("smallFirmFrequency", "year")])
            let saved = try await browser.post("/policy", form: base + [("smallFirmMaximumEmployees", "25"), ("smallFirmPercentage", "2"), ("smallFirmFrequency", "year")])
            // Check
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("0 betekent vrijgesteld"))
            #expect(saved.status == .seeOther)
            let regime = try await PolicyStore.currentPolicy(of: world.buyer, on: world.app.db).smallFirms
            #expect(regime == SmallFirmRegime(maximumEmployees: 25, percentage: .percent(2), frequency: .year))
        }
    }
}
}
