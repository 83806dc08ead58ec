import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

/// Keeps every log line of the test process (all levels) so a test can search them.
final class LogCapture: @unchecked Sendable {
    static let shared = LogCapture()
    let lines = NIOLockedValueBox<[String]>([])

    private init() {
        LoggingSystem.bootstrap { label in Handler(label: label, capture: LogCapture.shared) }
    }

    struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            let all = metadata.merging(explicit ?? [:]) { $1 }
            capture.lines.withLockedValue { $0.append("\(level) \(label) \(message) \(all)") }
        }
    }
}

final class PrivacyScanTests: XCTestCase, @unchecked Sendable {
    /// Valid BSNs (eleven test): 111222333, 123456782, 100000009.
    let bsns = ["111222333", "123456782", "100000009"]

    func testNoBSNOrReferenceIsStoredOrLogged() async throws {
        let capture = LogCapture.shared
        let world = try await TestWorld.make()
        world.app.logger.logLevel = .trace
        do {
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // By the API, by the form, by a file, and a refused file that names its bad rows.
            let api = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA",
                                              json: ["bsn": .string(bsns[0]), "block": "employment", "targetGroup": "ww", "hoursPerWeek": 20, "start": "2026-02-01"] as [String: JSONValue])
            XCTAssertEqual(api.status, .created)
            let browser = WebSession(app: world.app)
            try await browser.login("reportera@test.example")
            let form = try await browser.post("/contracts/\(c)/placements", form: [("bsn", bsns[1]), ("block", "employment"), ("targetGroup", "wia_wao"),
                                                                                   ("hoursPerWeek", "20"), ("start", "2026-02-01")])
            XCTAssertEqual(form.status, .seeOther)
            let csv = "bsn;referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n\(bsns[2]);;ww;2026-01-01;20;2026-01-01;2026-01-31;80\n;GEHEIM-REF-77;ww;2026-01-01;20;2026-01-01;2026-01-31;80\n"
            let file = try await browser.upload("/contracts/\(c)/imports/hours", field: "file", filename: "uren.csv", content: Array(csv.utf8))
            XCTAssertEqual(file.status, .ok, file.body.string)
            let bad = try await browser.upload("/contracts/\(c)/imports/hours", field: "file", filename: "uren.csv",
                                               content: Array("bsn;periode_van;periode_tot;verloonde_uren\n\(bsns[0]);2026-02-01;2026-02-28;veel\n".utf8))
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertFalse(bad.body.string.contains(bsns[0]), "an error message names the row, not the BSN")
            // Report and review, so values and explanations are written too.
            let r = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA", json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
            let rid = try r.content.decode(IDOnly.self).id
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(rid)/submit", as: "reporterA")
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(rid)/approve", as: "coordinator", json: ["comment": "ok"] as [String: JSONValue])

            let secrets = bsns + ["GEHEIM-REF-77"]
            let stored = try await Self.everythingStored(in: world)
            XCTAssertGreaterThan(stored.count, 1_000, "the scan read the database")
            for secret in secrets {
                XCTAssertFalse(stored.contains(secret), "\(secret) is in the database")
            }
            let logs = capture.lines.withLockedValue { $0.joined(separator: "\n") }
            XCTAssertTrue(logs.contains("/imports/hours"), "the scan read the log")
            for secret in secrets {
                XCTAssertFalse(logs.contains(secret), "\(secret) is in the log")
            }
        } catch {
            try? await world.shutdown()
            throw error
        }
        try await world.shutdown()
    }

    /// Every byte of the SQLite file and its WAL, or every row of every table in PostgreSQL, as text.
    static func everythingStored(in world: TestWorld) async throws -> String {
        if let path = world.sqlitePath {
            if let sql = world.app.db as? any SQLDatabase { try await sql.raw("PRAGMA wal_checkpoint(FULL)").run() }
            var text = ""
            for suffix in ["", "-wal"] {
                if let data = FileManager.default.contents(atPath: path + suffix) {
                    text += String(decoding: data.map { (32...126).contains($0) ? $0 : 32 }, as: UTF8.self)
                }
            }
            return text
        }
        let sql = world.app.db as! any SQLDatabase
        struct Table: Decodable { var table_name: String }
        let tables = try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").all(decoding: Table.self)
        var text = ""
        struct Row: Decodable { var row: String }
        for t in tables {
            for r in try await sql.raw("SELECT CAST(t AS text) AS row FROM \(ident: t.table_name) t").all(decoding: Row.self) { text += r.row + "\n" }
        }
        return text
    }
}
