import Fluent
import Foundation
import SQLKit
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// The supplier's own reference: readable by that supplier, sealed in the database, never shown to the buyer.
@Suite("A supplier's own reference")
struct OwnReferenceTests {
    @Test("GL-0440 is shown to the supplier on the API and its pages, to nobody else, and is nowhere in the database or audit log in the clear")
    func onlyTheSupplierReadsIt() async throws {
        try await withWorld { world in
            // Arrange: a placement by reference, one by BSN, and one made by the hours import.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let byReference = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "GL-0440", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue])
            #expect(byReference.status == .created)
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "bsn": "111222333", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue])
            let imported = try await world.request(.POST, "/api/v1/contracts/\(c)/imports/hours", as: "reporterA", headers: ["Content-Type": "text/csv"],
                body: "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\nGL-0777;ww;1-2-2026;24;1-2-2026;28-2-2026;96\n")
            #expect(imported.status == .ok, "\(imported.body.string)")

            // Act
            let forSupplier = try await world.request(.GET, "/api/v1/contracts/\(c)/placements", as: "reporterA").content.decode([PlacementDTO].self)
            let forBuyer = try await world.request(.GET, "/api/v1/contracts/\(c)/placements", as: "coordinator").content.decode([PlacementDTO].self)
            let created = try byReference.content.decode(PlacementDTO.self)

            // Check: the supplier reads its references back (none for the BSN), the buyer none.
            #expect(created.reference == "GL-0440")
            #expect(Set(forSupplier.compactMap(\.reference)) == ["GL-0440", "GL-0777"])
            #expect(forSupplier.count == 3)
            #expect(forBuyer.count == 3)
            #expect(forBuyer.allSatisfy { $0.reference == nil })
            // The pages: the supplier's contract page and placement page name it, the coordinator's do not.
            let supplier = WebSession(app: world.app)
            try await supplier.login("reportera@test.example")
            let supplierPage = try await supplier.get("/contracts/\(c)").body.string
            #expect(supplierPage.contains("GL-0440"))
            #expect(try await supplier.get("/contracts/\(c)/placements/\(created.id!)").body.string.contains("uw referentie GL-0440"))
            let buyer = WebSession(app: world.app)
            try await buyer.login("coordinator@test.example")
            let buyerPage = try await buyer.get("/contracts/\(c)").body.string
            #expect(buyerPage.contains(created.candidate))
            #expect(!buyerPage.contains("GL-0440"))
            #expect(!(try await buyer.get("/contracts/\(c)/placements/\(created.id!)").body.string.contains("GL-0440")))
            // Stored sealed: no column of any placement or audit entry holds the reference in the clear.
            let sealed = try await PlacementModel.query(on: world.app.db).all().compactMap(\.sealedReference)
            #expect(sealed.count == 2)
            #expect(sealed.allSatisfy { $0.hasPrefix("v1:") && !$0.contains("GL-0") })
            let audit = try await AuditEntryModel.query(on: world.app.db).all()
            #expect(!audit.contains { ($0.after ?? "").contains("GL-0") || ($0.before ?? "").contains("GL-0") })
        }
    }

    @Test("A placement made before references were kept gets its reference from the next payroll file that names it")
    func importSealsAnOldPlacementsReference() async throws {
        try await withWorld { world in
            // Arrange: a placement by reference, its sealed reference removed as if it were made before they were kept.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let created = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "reference": "GL-0440", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue])
                .content.decode(PlacementDTO.self)
            let model = try #require(try await PlacementModel.find(created.id, on: world.app.db))
            model.sealedReference = nil
            try await model.update(on: world.app.db)
            // Act
            let imported = try await world.request(.POST, "/api/v1/contracts/\(c)/imports/hours", as: "reporterA", headers: ["Content-Type": "text/csv"],
                body: "referentie;periode_van;periode_tot;verloonde_uren\nGL-0440;1-2-2026;28-2-2026;120\n")
            // Check: the same placement (no new one), now with its reference for the supplier only.
            #expect(imported.status == .ok, "\(imported.body.string)")
            let list = try await world.request(.GET, "/api/v1/contracts/\(c)/placements", as: "reporterA").content.decode([PlacementDTO].self)
            #expect(list.count == 1)
            #expect(list.first?.reference == "GL-0440")
            let forBuyer = try await world.request(.GET, "/api/v1/contracts/\(c)/placements", as: "coordinator").content.decode([PlacementDTO].self)
            #expect(forBuyer.first?.reference == nil)
        }
    }

    @Test("Entering the same person again says which placement it already has, with the reference")
    func duplicateNamesThePlacement() async throws {
        try await withWorld { world in
            // Arrange
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let body = ["reference": "GL-0440", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue]
            let first = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: body).content.decode(PlacementDTO.self)
            // Act
            let again = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: body)
            // Check
            #expect(again.status == .conflict)
            let message = try again.content.decode(ErrorResponder.Body.self).error.message
            #expect(message.contains("\(first.candidate) (uw referentie GL-0440), begonnen op 1 januari 2026"))
        }
    }

    @Test("A sealed reference opens only for its own supplier and with the installation's key")
    func cipherBindsSupplierAndKey() {
        // Arrange
        let cipher = ReferenceCipher(secret: Array(repeating: 7, count: 32))
        let other = ReferenceCipher(secret: Array(repeating: 8, count: 32))
        // Act
        let sealed = cipher.seal("GL-0440", supplier: "A")
        // Check
        #expect(cipher.open(sealed, supplier: "A") == "GL-0440")
        #expect(cipher.open(sealed, supplier: "B") == nil)
        #expect(other.open(sealed, supplier: "A") == nil)
        #expect(cipher.seal("GL-0440", supplier: "A") != sealed, "a fresh nonce each time: equal references are not recognisable")
        #expect(cipher.open("v1:bm9wZQ==", supplier: "A") == nil)
    }
}
}
