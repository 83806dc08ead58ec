import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("Recording and reviewing through the pages")
struct FulfilmentWebTests {
    @Test("The supplier records a placement and hours and reports; the buyer reviews and sees the realised value")
    func supplierRecordsAndBuyerReviewsThroughThePages() async throws {
        try await withWorld { world in
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let supplier = WebSession(app: world.app)
        try await supplier.login("reportera@test.example")
        let page = try await supplier.get("/contracts/\(c)")
        #expect(page.body.string.contains("Plaatsing toevoegen"))
        #expect(page.body.string.contains("Verloonde uren importeren"))

        // A placement by form: a mistyped BSN is refused and never shown back.
        try await supplier.get("/contracts/\(c)/placements/new")
        let bad = try await supplier.post("/contracts/\(c)/placements", form: [("bsn", "111222334"), ("block", "employment"), ("targetGroup", "ww"),
                                                                               ("hoursPerWeek", "36"), ("start", "2026-01-01")])
        #expect(bad.status == .unprocessableEntity)
        #expect(bad.body.string.contains("de elfproef klopt niet"))
        #expect(!(bad.body.string.contains("111222334")))
        let ok = try await supplier.post("/contracts/\(c)/placements", form: [("bsn", "111222333"), ("block", "employment"), ("targetGroup", "ww"),
                                                                              ("hoursPerWeek", "36"), ("start", "2026-01-01"), ("end", "2026-12-31"),
                                                                              ("bonuses[]", "aged_55_plus")])
        #expect(ok.status == .seeOther, "\(ok.body.string)")

        // Hours by file upload; a bad file lists its problems and imports nothing.
        let refused = try await supplier.upload("/contracts/\(c)/imports/hours", field: "file", filename: "uren.csv",
                                                content: Array("bsn;periode_van;periode_tot;verloonde_uren\n111222333;2026-01-01;2026-01-31;veel\n".utf8))
        #expect(refused.status == .unprocessableEntity)
        #expect(refused.body.string.contains("regel 2, kolom verloonde_uren"), "\(refused.body.string)")
        let imported = try await supplier.upload("/contracts/\(c)/imports/hours", field: "file", filename: "uren.csv",
                                                 content: Array("bsn;periode_van;periode_tot;verloonde_uren\n111222333;2026-01-01;2026-01-31;150,5\n".utf8))
        #expect(imported.status == .ok, "\(imported.body.string)")
        #expect(imported.body.string.contains("1 regels geïmporteerd"))

        // A report for the first quarter: WW full time; January by its 150,5 paid hours: 2.000.000 × 15.050 × 7 / (3.600 × 365)
        // = 160.350,1 → 160.350; February and March (59 days) on the contracted hours: 2.000.000 × 59/365 = 323.287,7 → 323.288;
        // plus the 55+ bonus € 10.000: € 14.836,38.
        let created = try await supplier.post("/contracts/\(c)/reports", form: [("period", "2026-01-01/2026-03-31")])
        #expect(created.status == .seeOther)
        let reportPath = try #require(created.headers.first(name: .location))
        let draft = try await supplier.get(reportPath)
        #expect(draft.body.string.contains("€ 14.836,38"), "\(draft.body.string)")
        let v44 = try await supplier.post("\(reportPath)/submit", form: [("comment", "")]).status
        #expect(v44 == .seeOther)

        // The coordinator approves; the contract page shows the realised value.
        let buyer = WebSession(app: world.app)
        try await buyer.login("coordinator@test.example")
        let review = try await buyer.get(reportPath)
        #expect(review.body.string.contains("Goedkeuren"))
        #expect(!(review.body.string.contains("111222333")))
        let v52 = try await buyer.post("\(reportPath)/approve", form: [("comment", "")]).status
        #expect(v52 == .seeOther)
        let contractPage = try await buyer.get("/contracts/\(c)")
        let html = contractPage.body.string
        #expect(html.contains("€ 14.836,38"), "realised")
        // The coordinator reviews the lines and sees the placements one by one; a viewer sees totals with "< 5".
        #expect(html.contains("Kandidaat"), "the reviewer sees the placements")
        let viewer = WebSession(app: world.app)
        try await viewer.login("viewer@test.example")
        let viewerPage = try await viewer.get("/contracts/\(c)").body.string
        #expect(viewerPage.contains("&lt; 5"), "small counts are protected for a viewer")
        #expect(!(viewerPage.contains("<th scope=\"col\">Kandidaat</th>")), "no placements one by one for a viewer")
        #expect(!(html.contains("Plaatsing toevoegen")))
    }
}
}
}
