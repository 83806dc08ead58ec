import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// A supplier authorises a social enterprise to record and report for one contract; the buyer sees who reported.
@Suite("Reporting on a supplier's behalf")
struct DelegationTests {
    /// Werkbedrijf De Brug, a social enterprise with a reporter whose token is `brug`.
    static func socialEnterprise(_ world: TestWorld) async throws -> UUID {
        let org = try await OrganisationService.create(.init(name: "Werkbedrijf De Brug", kind: "social_enterprise", kvk: "40000001", region: nil),
                                                       by: nil, on: world.app.db).requireID()
        let user = try await UserService.create(email: "brug@test.example", name: "Brug", role: "reporter", password: TestWorld.password,
                                                organisationID: org, passwords: world.app.platform.passwords, by: nil, on: world.app.db)
        world.tokens["brug"] = try await APITokens.issue(for: try user.requireID(), lifetime: 3600, on: world.app.db)
        return org
    }

    @Test("The supplier authorises De Brug; it records a placement and submits the report; the buyer sees who; ended, the contract is gone for it")
    func grantReportEnd() async throws {
        try await withWorld { world in
            // Arrange
            let brug = try await Self.socialEnterprise(world)
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let base = "/api/v1/contracts/\(c)"
            let before = try await world.request(.GET, "\(base)/progress", as: "brug")
            // Act
            let byBuyer = try await world.request(.POST, "\(base)/delegations", as: "coordinator", json: ["organisationId": .string(brug.uuidString)] as [String: JSONValue])
            let byOther = try await world.request(.POST, "\(base)/delegations", as: "reporterB", json: ["organisationId": .string(brug.uuidString)] as [String: JSONValue])
            let toSupplier = try await world.request(.POST, "\(base)/delegations", as: "reporterA", json: ["organisationId": .string(world.supplierB.uuidString)] as [String: JSONValue])
            let granted = try await world.request(.POST, "\(base)/delegations", as: "reporterA", json: ["organisationId": .string(brug.uuidString)] as [String: JSONValue])
            let twice = try await world.request(.POST, "\(base)/delegations", as: "reporterA", json: ["organisationId": .string(brug.uuidString)] as [String: JSONValue])
            let placement = try await world.request(.POST, "\(base)/placements", as: "brug", json: [
                "reference": "B-1", "block": "employment", "targetGroup": "participatiewet", "hoursPerWeek": 24, "start": "2026-03-01"] as [String: JSONValue])
            let r = try await world.request(.POST, "\(base)/reports", as: "brug", json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
            let reportID = try r.content.decode(IDOnly.self).id
            let submitted = try await world.request(.POST, "\(base)/reports/\(reportID)/submit", as: "brug")
            let seenByBuyer = try await world.request(.GET, "\(base)/reports/\(reportID)", as: "coordinator").content.decode(ReportDTO.self)
            let delegation = try granted.content.decode(DelegationDTO.self)
            let ended = try await world.request(.DELETE, "\(base)/delegations/\(delegation.id)", as: "brug")
            let after = try await world.request(.GET, "\(base)/progress", as: "brug")
            let list = try await world.request(.GET, "\(base)/delegations", as: "reporterA").content.decode([DelegationDTO].self)
            // Check
            #expect(before.status == .notFound)
            #expect(byBuyer.status == .forbidden)
            #expect(byOther.status == .notFound)
            #expect(toSupplier.status == .unprocessableEntity)
            #expect(granted.status == .created, "\(granted.body.string)")
            #expect(twice.status == .conflict)
            #expect(placement.status == .created, "\(placement.body.string)")
            #expect(submitted.status == .ok)
            #expect(seenByBuyer.submittedByOrganisation == "Werkbedrijf De Brug" && seenByBuyer.submittedOnBehalf == true)
            // 40.000 × 24/36 × 31/365 (March) = 226.484,02 cents.
            #expect(seenByBuyer.totalCents == 226_484)
            #expect(ended.status == .noContent)
            #expect(after.status == .notFound)
            #expect(list.count == 1 && list[0].active == false)
            let audit = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "contract_delegation").all()
            #expect(audit.count == 2)
        }
    }

    @Test("On the pages: the supplier authorises from the contract page; the buyer's report page says who submitted")
    func onThePages() async throws {
        try await withWorld { world in
            // Arrange
            let brug = try await Self.socialEnterprise(world)
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let supplier = WebSession(app: world.app)
            try await supplier.login("reportera@test.example")
            // Act
            let page = try await supplier.get("/contracts/\(c)").body.string
            let granted = try await supplier.post("/contracts/\(c)/delegations", form: [("organisationId", brug.uuidString)])
            let delegate = WebSession(app: world.app)
            try await delegate.login("brug@test.example")
            let delegatePage = try await delegate.get("/contracts/\(c)").body.string
            let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "brug",
                                            json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
            let id = try r.content.decode(IDOnly.self).id
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(id)/submit", as: "brug")
            let buyer = WebSession(app: world.app)
            try await buyer.login("coordinator@test.example")
            let reportPage = try await buyer.get("/contracts/\(c)/reports/\(id)").body.string
            let contractPage = try await buyer.get("/contracts/\(c)").body.string
            // Check
            #expect(page.contains("<option value=\"\(brug.uuidString)\">Werkbedrijf De Brug</option>"))
            #expect(granted.status == .seeOther)
            #expect(delegatePage.contains("Uw organisatie is gemachtigd"))
            #expect(reportPage.contains("Ingediend door Werkbedrijf De Brug, namens de opdrachtnemer (gemachtigd)"))
            #expect(contractPage.contains("Werkbedrijf De Brug, gemachtigd sinds"))
            #expect(!contractPage.contains("Machtiging beëindigen"), "only the supplier and the delegate end it")
        }
    }
}
}
