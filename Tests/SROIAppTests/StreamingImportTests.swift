import Fluent
import Foundation
import NIOCore
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// The hours import reads the file as it arrives: these tests hand it the file in small pieces and check it
/// agrees with the whole file, that a repeat far apart is still found, and that a refused file writes nothing.
final class StreamingImportTests: AppTestCase, @unchecked Sendable {
    /// A file handed over `size` bytes at a time, the way a request body arrives.
    struct Pieces: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let bytes: [UInt8]
        let size: Int
        struct AsyncIterator: AsyncIteratorProtocol {
            let bytes: [UInt8]
            let size: Int
            var offset = 0
            mutating func next() async throws -> ByteBuffer? {
                guard offset < bytes.count else { return nil }
                defer { offset += size }
                return ByteBuffer(bytes: bytes[offset..<Swift.min(offset + size, bytes.count)])
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes, size: size) }
    }

    func reporterA() async throws -> CurrentUser {
        let user = try await UserModel.query(on: world.app.db).filter(\.$email == "reportera@test.example").first()
        let found = try await UserLookup.currentUser(userID: try XCTUnwrap(user?.id), on: world.app.db)
        return try XCTUnwrap(found)
    }

    func contract() async throws -> ContractModel {
        let id = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let found = try await ContractModel.find(id, on: world.app.db)
        return try XCTUnwrap(found)
    }

    func importPieces(_ text: String, size: Int, into c: ContractModel) async throws -> HoursImportService.Summary {
        try await HoursImportService.importFile(Pieces(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), size: size), into: c,
                                                by: try await reporterA(), platform: world.app.platform, on: world.app.db)
    }

    /// Hours per placement, in hundredths, in the order the placements' first rows came.
    func hoursByPlacement() async throws -> [Int64] {
        let rows = try await PaidHoursModel.query(on: world.app.db).all()
        var sums: [UUID: Int64] = [:]
        for r in rows { sums[r.$placement.id, default: 0] += r.hoursHundredths }
        let placements = try await PlacementModel.query(on: world.app.db).sort(\.$startDate).all()
        return placements.map { sums[$0.id!] ?? 0 }
    }

    func testAFileInPiecesOfSevenBytesImportsLikeTheWholeFile() async throws {
        // K-1 starts 2026-01-01: 86,5 + 80 = 166,50 hours. K-2 starts 2026-02-01: 40 + 12,25 = 52,25 hours.
        let file = """
        referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\r
        K-1;ww;1-1-2026;20;2026-01-01;2026-01-31;86,5\r
        "K-2";participatiewet;2026-02-01;"12,5";2026-02-01;2026-02-28;40\r
        K-1;;;;2026-02-01;2026-02-28;80\r
        K-2;;;;2026-03-01;2026-03-31;"12,25"
        """
        let c = try await contract()
        let summary = try await importPieces(file, size: 7, into: c)
        XCTAssertEqual(summary.rows, 4)
        XCTAssertEqual(summary.placementsCreated, 2)
        XCTAssertEqual(summary.hourRows, 4)
        let sums = try await hoursByPlacement()
        XCTAssertEqual(sums, [16_650, 5_225])
        let k2 = try await PlacementModel.query(on: world.app.db).filter(\.$startDate == "2026-02-01").first()
        XCTAssertEqual(k2?.hoursPerWeekHundredths, 1_250)
        XCTAssertEqual(k2?.targetGroupRaw, "participatiewet")
        // Again, whole: the same periods replace the hours, nothing doubles.
        let again = try await importPieces(file, size: 1 << 16, into: c)
        XCTAssertEqual(again.placementsCreated, 0)
        let after = try await hoursByPlacement()
        XCTAssertEqual(after, [16_650, 5_225])
        let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "hours_import").count()
        XCTAssertEqual(logged, 2)
    }

    func testARepeatInAnotherBatchIsFoundAndTheRefusedFileWritesNothing() async throws {
        let c = try await contract()
        let monday = Day(iso: "2026-01-05")!
        let header = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
        _ = try await importPieces(header + "K0;ww;2026-01-05;32;2026-01-05;2026-01-11;10\n", size: 100, into: c)
        // 12 candidates × 100 weeks = 1.200 rows on lines 2–1.201, more than one batch of 1.000. Line 1.202 repeats
        // line 2 (K0's first week); line 1.203 has hours that are no number.
        var file = header
        for candidate in 0..<12 {
            for w in 0..<100 { file += "K\(candidate);ww;2026-01-05;32;\(monday.adding(days: 7 * w).iso);\(monday.adding(days: 7 * w + 6).iso);31,5\n" }
        }
        file += "K0;;;;2026-01-05;2026-01-11;8\n"
        file += "K1;;;;2029-01-01;2029-01-07;veel\n"
        do {
            _ = try await importPieces(file, size: 4_096, into: c)
            XCTFail("refused")
        } catch let refused as ImportProblems {
            XCTAssertEqual(refused.total, 2)
            XCTAssertEqual(refused.sorted.map(\.dutch), [
                "regel 1202, kolom periode_van: dezelfde kandidaat en periode staan al op regel 2",
                "regel 1203, kolom verloonde_uren: verwacht een aantal uren zoals 86,5, niet 'veel'",
            ])
        }
        // Only the first import is there: one placement, its 10 hours.
        let placements = try await PlacementModel.query(on: world.app.db).count()
        XCTAssertEqual(placements, 1)
        let sums = try await hoursByPlacement()
        XCTAssertEqual(sums, [1_000])
        let allocations = try await AllocationModel.query(on: world.app.db).count()
        XCTAssertEqual(allocations, 1)
        let logged = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "hours_import").count()
        XCTAssertEqual(logged, 1)
        // The temporary table went with the transaction: the next import works on the same database.
        let next = try await importPieces(header + "K0;;;;2026-01-12;2026-01-18;12\n", size: 5, into: c)
        XCTAssertEqual(next.hourRows, 1)
        let total = try await hoursByPlacement()
        XCTAssertEqual(total, [2_200])
    }

    func testManyBadRowsAreCountedButOnlyTheFirstThousandListed() async throws {
        let c = try await contract()
        var file = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
        for i in 0..<1_500 { file += "K\(i);ww;2026-01-05;32;2026-01-05;2026-01-11;veel\n" }
        let res = try await world.app.testable().sendRequest(.POST, "/api/v1/contracts/\(c.id!)/imports/hours") { req async throws in
            req.headers.bearerAuthorization = .init(token: self.world.tokens["reporterA"]!)
            req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            req.body = ByteBuffer(string: file)
        }
        XCTAssertEqual(res.status, .unprocessableEntity)
        let error = json(res)["error"] as? [String: Any] ?? [:]
        let problems = error["problems"] as? [[String: Any]] ?? []
        XCTAssertEqual(problems.count, 1_000)
        XCTAssertEqual(problems.first?["line"] as? Int, 2)
        XCTAssertEqual(problems.last?["line"] as? Int, 1_001)
        XCTAssertTrue((error["message"] as? String ?? "").hasPrefix("Er is niets geïmporteerd: 1.500 problemen in het bestand (de eerste 1000 staan hieronder)"),
                      error["message"] as? String ?? "")
        let placements = try await PlacementModel.query(on: world.app.db).count()
        XCTAssertEqual(placements, 0)
    }

    func testAnUnreadableFileNamesTheLine() async throws {
        let c = try await contract()
        let header = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
        let latin1: [UInt8] = Array((header + "K1;ww;2026-01-05;32;2026-01-05;2026-01-11;8\n").utf8) + Array("Caf".utf8) + [0xE9] + Array(";ww\n".utf8)
        do {
            _ = try await HoursImportService.importFile(Pieces(bytes: latin1, size: 3), into: c, by: try await reporterA(),
                                                        platform: world.app.platform, on: world.app.db)
            XCTFail("refused")
        } catch let refused as ImportProblems {
            XCTAssertEqual(refused.sorted.map(\.dutch), ["regel 3, kolom -: de regel is geen UTF-8; sla het bestand in Excel op als 'CSV UTF-8'"])
        }
        let placements = try await PlacementModel.query(on: world.app.db).count()
        XCTAssertEqual(placements, 0, "the row before the bad one was not kept either")
        do {
            _ = try await importPieces("referentie;aantal\nK1;8\n", size: 10, into: c)
            XCTFail("refused")
        } catch let refused as ImportProblems {
            XCTAssertEqual(Set(refused.sorted.map(\.column)), ["periode_van", "periode_tot", "verloonde_uren"])
        }
    }
}

/// `sroi import hours`: the same import from a file on disk, read in pieces of 256 kB.
final class ImportFromFileTests: AppTestCase, @unchecked Sendable {
    func testAFileFromDiskImportsOrIsRefusedByLine() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let header = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
        // 3.000 weekly rows of 30 candidates, about 180 kB: more than one piece would be if pieces were small,
        // and 31,5 hours each: 3.000 × 31,5 = 94.500 hours.
        var text = header
        let monday = Day(iso: "2026-01-05")!
        for w in 0..<100 {
            for k in 0..<30 { text += "K\(k);\(w == 0 ? "ww;2026-01-05;32" : ";;");\(monday.adding(days: 7 * w).iso);\(monday.adding(days: 7 * w + 6).iso);31,5\n" }
        }
        let path = NSTemporaryDirectory() + "sroi-import-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try await HoursImportFromFile.run(world.app, contract: c, email: "reportera@test.example", path: path)
        guard case .imported(let rows, let placements) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(rows, 3_000)
        XCTAssertEqual(placements, 30)
        let total = try await PaidHoursModel.query(on: world.app.db).all().reduce(Int64(0)) { $0 + $1.hoursHundredths }
        XCTAssertEqual(total, 9_450_000)

        try Data((header + "K1;;;;2026-01-05;2026-01-11;8\nK1;;;;2026-01-05;2026-01-11;9\n").utf8).write(to: URL(fileURLWithPath: path))
        let refused = try await HoursImportFromFile.run(world.app, contract: c, email: "reportera@test.example", path: path)
        guard case .refused(let problems, let count) = refused else { return XCTFail("\(refused)") }
        XCTAssertEqual(count, 1)
        XCTAssertEqual(problems, ["regel 3, kolom periode_van: dezelfde kandidaat en periode staan al op regel 2"])
        let after = try await PaidHoursModel.query(on: world.app.db).all().reduce(Int64(0)) { $0 + $1.hoursHundredths }
        XCTAssertEqual(after, 9_450_000, "the refused file changed nothing")

        do {
            _ = try await HoursImportFromFile.run(world.app, contract: c, email: "reportera@test.example", path: path + ".ontbreekt")
            XCTFail("a missing file is an error")
        } catch let failure as CommandFailure {
            XCTAssertTrue(failure.description.hasPrefix("bestand niet gevonden"), failure.description)
        }
    }
}
