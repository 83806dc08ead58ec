import Fluent
import Foundation
import SQLKit
import SROIDomain
import Vapor

/// `sroi bench import`: writes a payroll file of a million rows (10.000 candidates × 100 weeks, as Dutch Excel
/// writes it), imports it three times into its own contract and prints rows per second and the peak memory of
/// the process: a first import (10.000 new placements), the same file again (every row replaces its hours), and
/// the file with one bad last row (refused whole: nothing changes). A command, not a timed test.
public enum ImportBenchmark {
    public static let buyerName = "Importbank opdrachtgever"
    public static let reporterEmail = "importbank@bench.example"

    public struct Result: Sendable {
        public var contractID: UUID
        public var file: String
    }

    public static func run(_ app: Application, rows: Int, file: String, password: String, say: @Sendable (String) -> Void) async throws -> Result {
        guard let sql = app.db as? any SQLDatabase else { throw CommandFailure(description: "geen SQL-database") }
        let existing = try await OrganisationModel.query(on: app.db).count()
        let ours = try await OrganisationModel.query(on: app.db).filter(\.$name == buyerName).first()
        if existing > 0 && ours == nil {
            throw CommandFailure(description: "deze database bevat al gegevens; de benchmark gebruikt alleen een eigen database")
        }
        let candidates = max(1, rows / 100)
        let weeks = (rows + candidates - 1) / candidates
        let contract = try await prepareContract(app, weeks: weeks, password: password)
        let bytes = try writeFile(file, rows: rows, candidates: candidates)
        say("Bestand: \(DutchNumberFormat.grouped(rows)) regels, \(megabytes(bytes)) MB (\(DutchNumberFormat.grouped(candidates)) kandidaten × \(weeks) weken), \(file)")
        say("Proces vóór de import: \(megabytes(ProcessMemory.resident())) MB in gebruik")
        say("")
        say(pad("import", 34) + pad("tijd", 10) + pad("regels/s", 12) + pad("MB/s", 8) + "piekgeheugen")

        let user = try await UserLookup.currentUser(userID: try await reporter(app).requireID(), on: app.db)!
        func measure(_ label: String, _ path: String, expectRefusal: Bool) async throws {
            ProcessMemory.resetPeak()
            let start = ContinuousClock.now
            var outcome = ""
            do {
                let s = try await HoursImportService.importFile(FilePieces(path: path), into: contract, by: user, platform: app.platform, on: app.db)
                if expectRefusal { throw CommandFailure(description: "het bestand met een foute regel werd niet geweigerd") }
                outcome = "\(DutchNumberFormat.grouped(s.hourRows)) regels, \(DutchNumberFormat.grouped(s.placementsCreated)) nieuwe plaatsingen"
                let step = { (key: String) in DutchNumberFormat.decimal((s.milliseconds[key] ?? 0) / 100, scale: 1) + " s" }
                outcome += "; lezen en klaarzetten \(step("read")), herhalingen \(step("repeats")), overlap \(step("overlaps")), opslaan \(step("upsert"))"
            } catch let refused as ImportProblems {
                if !expectRefusal { throw CommandFailure(description: "geweigerd: " + (refused.sorted.first?.dutch ?? "")) }
                outcome = "geweigerd: " + (refused.sorted.first?.dutch ?? "")
            }
            let seconds = DashboardBenchmark.ms(ContinuousClock.now - start) / 1000
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            say(pad(label, 34) + pad(DutchNumberFormat.decimal(Int64(seconds * 10), scale: 1) + " s", 10)
                + pad(DutchNumberFormat.grouped(Int(Double(rows) / seconds)), 12) + pad(DutchNumberFormat.decimal(Int64(Double(size) / 1_048_576 / seconds * 10), scale: 1), 8)
                + "\(megabytes(ProcessMemory.peak())) MB")
            say("  " + outcome)
        }
        try await measure("eerste import", file, expectRefusal: false)
        let hours = try await count(sql, contract: contract)
        try await measure("zelfde bestand opnieuw (vervangt)", file, expectRefusal: false)
        let bad = file + ".fout.csv"
        try? FileManager.default.removeItem(atPath: bad)
        try FileManager.default.copyItem(atPath: file, toPath: bad)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: bad))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("K0;;;;2026-01-05;2026-01-11;veel\r\n".utf8))
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try await measure("met één foute laatste regel", bad, expectRefusal: true)
        let after = try await count(sql, contract: contract)
        guard after == hours else { throw CommandFailure(description: "na de geweigerde import: \(after) urenregels in plaats van \(hours)") }
        say("")
        say("Urenregels van het contract: \(DutchNumberFormat.grouped(after)) (onveranderd na de geweigerde import)")
        return Result(contractID: try contract.requireID(), file: file)
    }

    static func reporter(_ app: Application) async throws -> UserModel {
        guard let user = try await UserModel.query(on: app.db).filter(\.$email == reporterEmail).first() else {
            throw CommandFailure(description: "rapporteur van de benchmark ontbreekt")
        }
        return user
    }

    /// Its own buyer, supplier, reporter and (each run) a fresh contract, so runs never mix.
    static func prepareContract(_ app: Application, weeks: Int, password: String) async throws -> ContractModel {
        var buyer = try await OrganisationModel.query(on: app.db).filter(\.$name == buyerName).first()
        if buyer == nil {
            let b = OrganisationModel(name: buyerName, kind: .buyer, kvk: nil, region: nil)
            try await b.create(on: app.db)
            buyer = b
        }
        var supplier = try await OrganisationModel.query(on: app.db).filter(\.$name == "Importbank opdrachtnemer").first()
        if supplier == nil {
            let s = OrganisationModel(name: "Importbank opdrachtnemer", kind: .supplier, kvk: nil, region: nil)
            try await s.create(on: app.db)
            supplier = s
            _ = try await UserService.create(email: reporterEmail, name: "Importbank", role: Role.reporter.rawValue, password: password,
                                             organisationID: try s.requireID(), passwords: app.platform.passwords, by: nil, on: app.db)
        }
        let c = ContractModel()
        c.title = "Importbank \(ISO8601DateFormatter().string(from: Date()))"
        c.$buyer.id = try buyer!.requireID()
        c.$supplier.id = try supplier!.requireID()
        c.kindRaw = ContractKind.dienst.rawValue
        c.valueCents = 500_000_000
        c.startDate = "2026-01-05"
        c.endDate = Day(iso: "2026-01-05")!.adding(days: 7 * weeks + 365).iso
        c.statusRaw = ContractStatus.running.rawValue
        try await c.create(on: app.db)
        return c
    }

    /// The file as Dutch Excel writes it (BOM, semicolons, decimal commas, CRLF), written a megabyte at a time.
    static func writeFile(_ path: String, rows: Int, candidates: Int) throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = "\u{FEFF}referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\r\n"
        var written = 0
        let monday = Day(iso: "2026-01-05")!
        let weeks = (rows + candidates - 1) / candidates
        let periods = (0..<weeks).map { (monday.adding(days: 7 * $0).iso, monday.adding(days: 7 * $0 + 6).iso) }
        var n = 0
        outer: for (w, (from, to)) in periods.enumerated() {
            for candidate in 0..<candidates {
                if n == rows { break outer }
                // The first week carries the placement columns; later weeks only the hours (as payroll exports do).
                let placement = w == 0 ? "\(candidate % 3 == 0 ? "banenafspraak" : "participatiewet");2026-01-05;\(20 + candidate % 17)" : ";;"
                chunk += "K\(candidate);\(placement);\(from);\(to);\(20 + candidate % 19),\(candidate % 4 * 25)\r\n"
                n += 1
                if chunk.utf8.count > 1_000_000 {
                    try handle.write(contentsOf: Data(chunk.utf8))
                    written += chunk.utf8.count
                    chunk = ""
                }
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
        return written + chunk.utf8.count
    }

    static func count(_ sql: any SQLDatabase, contract: ContractModel) async throws -> Int {
        struct N: Decodable { var n: Int }
        return try await sql.raw("""
            SELECT COUNT(*) AS n FROM paid_hours h JOIN placements p ON p.id = h.placement_id WHERE p.contract_id = \(bind: contract.requireID())
            """).first(decoding: N.self)?.n ?? 0
    }

    /// Megabytes (MiB) with one decimal, the Dutch way: "36,1".
    static func megabytes(_ bytes: Int) -> String { DutchNumberFormat.decimal(Int64(bytes * 10 / 1_048_576), scale: 1) }
    static func pad(_ s: String, _ width: Int) -> String { DashboardBenchmark.pad(s, width) }
}
