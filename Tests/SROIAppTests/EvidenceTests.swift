import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

extension AppTestCase {
    func upload(_ bytes: [UInt8], filename: String, contract: UUID, as who: String) async throws -> XCTHTTPResponse {
        let boundary = "evidence-boundary"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/pdf\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await world.app.testable().sendRequest(.POST, "/api/v1/contracts/\(contract)/evidence") { req async throws in
            req.headers.bearerAuthorization = .init(token: self.world.tokens[who]!)
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = body
        }
    }
}

final class EvidenceTests: AppTestCase, @unchecked Sendable {
    func testEvidenceIsVisibleToSupplierAndCoordinatorAndDeletedAfterRetention() async throws {
        // Ends 2028-12-31; the default policy keeps evidence 24 months after the end: until 2030-12-31.
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let content = Array("%PDF-1.4 arbeidsovereenkomst".utf8)
        let uploaded = try await upload(content, filename: "overeenkomst.pdf", contract: c, as: "reporterA")
        XCTAssertEqual(uploaded.status, .created, uploaded.body.string)
        let id = try XCTUnwrap(json(uploaded)["id"] as? String)
        let v28 = try await upload(content, filename: "x.pdf", contract: c, as: "coordinator").status
        XCTAssertEqual(v28, .forbidden)

        let path = "/api/v1/contracts/\(c)/evidence/\(id)"
        let download = try await world.request(.GET, path, as: "coordinator")
        XCTAssertEqual(download.status, .ok)
        XCTAssertEqual(Array(download.body.readableBytesView), content)
        let v34 = try await world.request(.GET, path, as: "reporterA").status
        XCTAssertEqual(v34, .ok)
        let v35 = try await world.request(.GET, path, as: "viewer").status
        XCTAssertEqual(v35, .forbidden)
        let v36 = try await world.request(.GET, path, as: "purchaser").status
        XCTAssertEqual(v36, .forbidden)
        let v37 = try await world.request(.GET, path, as: "otherCoordinator").status
        XCTAssertEqual(v37, .notFound)
        let v38 = try await world.request(.GET, path, as: "reporterB").status
        XCTAssertEqual(v38, .notFound)

        let directory = world.app.platform.configuration.evidenceDirectory
        let firstStored = try await EvidenceFileModel.query(on: world.app.db).first()
        let stored = try XCTUnwrap(firstStored)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/" + stored.storageKey))
        let early = try await EvidenceService.applyRetention(today: Day(iso: "2030-12-31")!, directory: directory, on: world.app.db)
        XCTAssertEqual(early, 0)
        let due = try await EvidenceService.applyRetention(today: Day(iso: "2031-01-01")!, directory: directory, on: world.app.db)
        XCTAssertEqual(due, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/" + stored.storageKey))
        let again = try await EvidenceService.applyRetention(today: Day(iso: "2031-01-02")!, directory: directory, on: world.app.db)
        XCTAssertEqual(again, 0, "safe to run daily")
        let v50 = try await world.request(.GET, path, as: "coordinator").status
        XCTAssertEqual(v50, .notFound)
        let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "evidence").filter(\.$action == "delete").first()
        XCTAssertTrue(logged?.after?.contains("bewaartermijn van 24 maanden") == true)
        let listed = jsonArray(try await world.request(.GET, "/api/v1/contracts/\(c)/evidence", as: "coordinator"))
        XCTAssertEqual(listed.first?["deleted"] as? Bool, true, "the record remains, the file is gone")
    }
}

/// A real full disk: a 64 kB tmpfs mounted over the evidence directory, so the kernel itself answers ENOSPC.
final class FullDiskEvidenceTests: AppTestCase, @unchecked Sendable {
    func mount(_ directory: String, size: String) throws -> Bool {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    func unmount(_ directory: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = [directory]
        try? p.run()
        p.waitUntilExit()
    }

    func testAFullDiskRefusesTheUploadClearlyAndKeepsNothing() async throws {
        let directory = world.app.platform.configuration.evidenceDirectory
        guard try mount(directory, size: "64k") else { throw XCTSkip("mounting a small file system needs root (CI runs as root)") }
        defer { unmount(directory) }
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])

        // 200 kB does not fit in 64 kB: the write fails part way.
        let big = [UInt8](repeating: 0x25, count: 200 * 1024)
        let refused = try await upload(big, filename: "loonstroken.pdf", contract: c, as: "reporterA")
        XCTAssertEqual(refused.status, .insufficientStorage, refused.body.string)
        let error = json(refused)["error"] as? [String: Any] ?? [:]
        XCTAssertEqual(error["code"] as? String, "storage_full")
        XCTAssertEqual(error["field"] as? String, "file")
        XCTAssertEqual(error["message"] as? String, "De opslag voor bewijsstukken is vol; er is niets bewaard. Probeer het later opnieuw of meld het de beheerder.")

        // Nothing half-written: no file, no temporary part, no record, no audit entry.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertEqual(left, [])
        let records = try await EvidenceFileModel.query(on: world.app.db).count()
        XCTAssertEqual(records, 0)
        let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "evidence").count()
        XCTAssertEqual(logged, 0)

        // The space of the failed write was given back: a 10 kB file fits, whole.
        let small = [UInt8](repeating: 0x41, count: 10 * 1024)
        let stored = try await upload(small, filename: "contract.pdf", contract: c, as: "reporterA")
        XCTAssertEqual(stored.status, .created, stored.body.string)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/" + files[0]).map(Array.init), small)
    }
}
