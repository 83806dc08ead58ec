import Fluent
import Foundation
import SQLKit
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// Kills a real `sroi serve` process (SIGKILL) while it imports a large hours file, and checks that either the
/// whole import is there or none of it, and that the database is sound.
final class KillDuringImportTests: AppTestCase, @unchecked Sendable {
    func testKillingTheServerMidImportLosesNothingAndHalfWritesNothing() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/sroi").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("build the sroi executable first (swift build), as .ci/run does")
        }
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        var csv = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
        let monday = Day(iso: "2026-01-05")!
        for candidate in 0..<800 {
            for w in 0..<100 {
                csv += "K\(candidate);ww;2026-01-05;32;\(monday.adding(days: 7 * w).iso);\(monday.adding(days: 7 * w + 6).iso);31,5\n"
            }
        }
        let body = csv

        // Killed at three moments, then once left to finish: the restarted server imports the whole file.
        for delay in [0.8, 2.0, 4.0, nil] {
            // A free port: try a few, in case one is taken.
            var process = Process()
            var base = ""
            var up = false
            for _ in 0..<5 where !up {
                let port = Int.random(in: 20_000...40_000)
                process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = ["serve", "--port", String(port)]
                var env = ProcessInfo.processInfo.environment
                if let path = world.sqlitePath { env["SROI_SQLITE_PATH"] = path }
                env["SROI_DEMO"] = "0"
                env["SROI_PSEUDONYM_KEY_FILE"] = NSTemporaryDirectory() + "sroi-test-pseudonym.key"
                process.environment = env
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                base = "http://127.0.0.1:\(port)"
                for _ in 0..<150 where process.isRunning {
                    if let res = try? await world.app.client.get(URI(string: base + "/health")), res.status == .ok { up = true; break }
                    try await Task.sleep(nanoseconds: 100_000_000)
                }
                if !up && process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
            }
            let server = process
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            XCTAssertTrue(up, "the server started")
            let before = try await PaidHoursModel.query(on: world.app.db).count()
            let token = world.tokens["reporterA"]!
            let upload = Task {
                try? await self.world.app.client.post(URI(string: base + "/api/v1/contracts/\(c)/imports/hours")) { req in
                    req.headers.bearerAuthorization = .init(token: token)
                    req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
                    req.body = ByteBuffer(string: body)
                }
            }
            guard let delay else {
                let response = await upload.value
                XCTAssertEqual(response?.status, .ok)
                // The same periods replace their hours, so the whole file is exactly 80.000 rows, whatever the
                // killed runs left (none of it, or all of it when one finished before its kill).
                let after = try await PaidHoursModel.query(on: world.app.db).count()
                XCTAssertEqual(after, 80_000, "after the kills, the server restarts and imports the whole file (before: \(before))")
                continue
            }
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            _ = await upload.value
            let after = try await PaidHoursModel.query(on: world.app.db).count()
            XCTAssertTrue(after == before || after == 80_000, "killed after \(delay) s: \(after - before) new rows, expected none or the whole file")
            if let sql = world.app.db as? any SQLDatabase, world.sqlitePath != nil {
                struct Row: Decodable { var integrity_check: String }
                let check = try await sql.raw("PRAGMA integrity_check").all(decoding: Row.self).map(\.integrity_check)
                XCTAssertEqual(check, ["ok"])
            }
            print("killed after \(delay) s: \(after - before) new hour rows")
        }
    }
}
