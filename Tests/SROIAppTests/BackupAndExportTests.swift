import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class BackupAndExportTests: AppTestCase, @unchecked Sendable {
    func testABackupRestoresToTheSameData() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA",
                                    json: ["reference": "B-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"] as [String: JSONValue])
        let path = NSTemporaryDirectory() + "sroi-backup-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard world.sqlitePath != nil else {
            // On PostgreSQL the command points to pg_dump instead.
            do {
                try await Backup.sqlite(world.app, to: path)
                XCTFail("sroi backup must refuse PostgreSQL")
            } catch let failure as CommandFailure {
                XCTAssertTrue(failure.description.contains("pg_dump"))
            }
            return
        }
        let usersBefore = try await UserModel.query(on: world.app.db).count()
        let auditBefore = try await AuditEntryModel.query(on: world.app.db).count()
        try await Backup.sqlite(world.app, to: path)
        // Changes after the backup are not in it.
        _ = try await world.createContract(["title": "Na de back-up"])

        let restored = try await TestWorld.make(loadFixtures: false, sqlitePath: path, reset: false)
        do {
            let v30 = try await Backup.integrityCheck(restored.app)
            XCTAssertEqual(v30, "ok")
            let original = try await ContractModel.query(on: world.app.db).filter(\.$title != "Na de back-up").sort(\.$title).all().map(\.id)
            let copy = try await ContractModel.query(on: restored.app.db).sort(\.$title).all().map(\.id)
            XCTAssertEqual(copy, original)
            let users = try await UserModel.query(on: restored.app.db).count()
            let placements = try await PlacementModel.query(on: restored.app.db).count()
            let audit = try await AuditEntryModel.query(on: restored.app.db).count()
            XCTAssertEqual(users, usersBefore)
            XCTAssertEqual(placements, 1)
            XCTAssertEqual(audit, auditBefore)
        } catch {
            try? await restored.app.asyncShutdown()
            throw error
        }
        try await restored.app.asyncShutdown()
    }

    func testAnOrganisationExportHoldsItsDataAndNothingElse() async throws {
        let own = try await world.createContract(["title": "Eigen schoonmaak", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
        _ = try await world.createContract(["title": "Van een ander"], as: "otherCoordinator")
        _ = try await world.request(.POST, "/api/v1/contracts/\(own)/placements", as: "reporterA",
                                    json: ["bsn": "111222333", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"] as [String: JSONValue])
        let data = try await OrganisationExport.json(world.app, organisation: world.buyer)
        let text = String(decoding: data, as: UTF8.self)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual((document["organisation"] as? [String: Any])?["name"] as? String, "Gemeente Test")
        let contracts = document["contracts"] as? [[String: Any]] ?? []
        XCTAssertEqual(contracts.compactMap { ($0["contract"] as? [String: Any])?["title"] as? String }, ["Eigen schoonmaak"])
        XCTAssertEqual((contracts.first?["placements"] as? [Any])?.count, 1)
        XCTAssertEqual((document["users"] as? [Any])?.count, 3)
        XCTAssertFalse(text.contains("Van een ander"))
        XCTAssertFalse(text.contains("$2"), "no password hashes")
        XCTAssertFalse(text.contains("111222333"))
        // The supplier's export holds the contract awarded to it as well.
        let supplierText = String(decoding: try await OrganisationExport.json(world.app, organisation: world.supplierA), as: UTF8.self)
        XCTAssertTrue(supplierText.contains("Eigen schoonmaak"))
    }
}
