import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("Importing hours in Dutch")
struct ImportInDutchTests {
    @Test("The downloadable template imports as it is; Dutch labels of target groups and blocks are read")
    func templateImports() async throws {
        try await withWorld { world in
            // Arrange: the template as a supplier downloads it.
            let browser = WebSession(app: world.app)
            try await browser.login("reportera@test.example")
            let template = try await browser.get("/sjablonen/verloonde-uren.csv")
            #expect(template.status == .ok)
            #expect(template.headers.first(name: .contentDisposition)?.contains("sjabloon-verloonde-uren.csv") == true)
            #expect(template.body.string.hasPrefix("\u{FEFF}referentie;bsn;bouwblok;doelgroep"))
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // Act: import it, plus a row with labels as the pages write them.
            let csv = template.body.string + "GL-0414;;leerwerkplek (BBL);WIA / WAO;1-5-2026;;20;nee;1-5-2026;31-5-2026;80\r\n"
            let res = try await world.request(.POST, "/api/v1/contracts/\(c)/imports/hours", as: "reporterA",
                                              headers: ["Content-Type": "text/csv"], body: csv)
            // Check
            #expect(res.status == .ok, "\(res.body.string)")
            let placements = try await PlacementModel.query(on: world.app.db).filter(\.$contract.$id == c).all()
            #expect(Set(placements.map(\.targetGroup)) == [.socialAssistance, .unemploymentBenefit, .disabilityBenefit])
            #expect(placements.contains { $0.block == .apprenticeship })
            // An unknown target group names the line, the column and the words that would work.
            let bad = try await world.request(.POST, "/api/v1/contracts/\(c)/imports/hours", as: "reporterA", headers: ["Content-Type": "text/csv"],
                                              body: "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\nX-1;statushouder;1-1-2026;20;1-1-2026;31-1-2026;80\n")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("onbekende doelgroep 'statushouder'"))
            #expect(bad.body.string.contains("WW (ww)"))
        }
    }
}
}
