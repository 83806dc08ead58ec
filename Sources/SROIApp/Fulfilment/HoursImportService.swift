import Fluent
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLKit
import SROIDomain

/// Imports a payroll file of paid hours into a contract: all or nothing, in one transaction. New candidates get
/// a placement from the row's placement columns; importing the same periods again replaces the hours.
///
/// The file is read as it arrives (`DutchCSVReader`) and its rows go to a temporary table in batches, so a file
/// of a million rows needs the memory of one batch plus one entry per candidate, never the whole file. Rows
/// repeated within the file are found by the database at the end; only then, with no problem anywhere, are the
/// hours written, in one statement.
enum HoursImportService {
    struct Summary: Sendable, Codable {
        var rows: Int
        var placementsCreated: Int
        var hourRows: Int
        /// Milliseconds of each step (reading and staging the rows, the repeat and overlap checks, the upsert), for
        /// the log and the benchmark; not part of an answer.
        var milliseconds: [String: Int64] = [:]

        enum CodingKeys: String, CodingKey { case rows, placementsCreated, hourRows }
    }

    static let batchSize = 1_000
    /// A file streams with bounded memory, but its rows wait in a temporary table until the end: stop a
    /// runaway upload before that grows without end.
    static let maximumRows = 5_000_000
    static let stagingTable = "hours_import_rows"

    /// The file as one piece, already in memory (the web form's upload).
    static func importFile(_ bytes: ByteBuffer, into contract: ContractModel, by user: CurrentUser, platform: Platform,
                           on db: any Database) async throws -> Summary {
        try await importFile(OnePiece(buffer: bytes), into: contract, by: user, platform: platform, on: db)
    }

    /// The file as it arrives: a request body, or a file read in pieces.
    static func importFile<Pieces: AsyncSequence & Sendable>(_ pieces: Pieces, into contract: ContractModel, by user: CurrentUser,
                                                             platform: Platform, on db: any Database) async throws -> Summary
    where Pieces.Element == ByteBuffer {
        try FulfilmentAccess.requireReporter(user, for: contract)
        guard let term = contract.term else { throw ImportProblems([ImportProblem(line: 1, column: "-", message: "het contract heeft geen looptijd")]) }
        let contractID = try contract.requireID()
        let supplier = contract.$supplier.id?.uuidString ?? ""
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        return try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw AppError.badRequest(field: nil, message: "database zonder SQL") }
            var run = ImportRun(contractID: contractID, buyerID: contract.$buyer.id, creditedContractID: contract.obligationContractID ?? contractID,
                                callOff: contract.frameworkID != nil, term: term, scheme: scheme, supplier: supplier, user: user,
                                pseudonymizer: platform.pseudonymizer, cipher: platform.referenceCipher, sql: sql, db: db)
            try await run.prepare()
            var reader = DutchCSVReader()
            do {
                for try await piece in pieces {
                    for row in try reader.feed(piece.readableBytesView) { try await run.take(row, header: reader.header) }
                }
                for row in try reader.finish() { try await run.take(row, header: reader.header) }
                if run.layout == nil, let header = reader.header { try run.check(header: header) }
            } catch let error as DutchCSV.ReadError {
                run.problems.add(error.problem)
                throw run.problems
            }
            return try await run.finish()
        }
    }
}

/// One import, from the first row to the last: the placements known so far, the batch on its way to the
/// temporary table, and the problems found.
private struct ImportRun {
    struct Key: Hashable, Sendable { var candidate: String; var block: String }
    /// A placement as far as the rows need it: which, and when it runs.
    struct Known: Sendable { var id: UUID; var start: Day; var end: Day?; var sealed: Bool = true; var ordinal: Int = 0 }

    let contractID: UUID
    let buyerID: UUID?
    let creditedContractID: UUID
    let callOff: Bool
    let term: Term
    /// The contract's valuation table: its own target groups and blocks can be written in the file too.
    let scheme: ValuationScheme
    let supplier: String
    let user: CurrentUser
    let pseudonymizer: Pseudonymizer
    let cipher: ReferenceCipher
    let sql: any SQLDatabase
    let db: any Database

    var layout: HoursImportFile.Layout?
    var problems = ImportProblems()
    var placements: [Key: Known] = [:]
    var pseudonyms: [CandidateIdentifier: String] = [:]
    var newPlacements: [PlacementModel] = []
    var placementsCreated = 0
    /// Existing placements without a kept reference, and their sealed reference from this file.
    var referencesToSeal: [(UUID, String)] = []
    var batch: [(UUID, HoursImportRow)] = []
    var rows = 0
    var staged = 0
    /// The end of the latest period read so far for each placement (by `Known.ordinal`). While every row starts after
    /// it, the file repeats no period, and the query that looks for repeats (a sort of every row) is not needed.
    var latestEnds: [Day?] = []
    var periodsInOrder = true
    /// When the run began, and how long each step after reading took: logged once per import.
    let began = ContinuousClock.now
    var steps: [(String, Duration)] = []

    static func timed<T>(_ work: () async throws -> T) async rethrows -> (T, Duration) {
        let start = ContinuousClock.now
        let result = try await work()
        return (result, ContinuousClock.now - start)
    }

    var postgres: Bool { sql.dialect.name == "postgresql" }

    mutating func prepare() async throws {
        for p in try await PlacementModel.query(on: db).filter(\.$contract.$id == contractID).field(\.$id).field(\.$candidate).field(\.$blockRaw)
            .field(\.$startDate).field(\.$endDate).field(\.$sealedReference).all() {
            guard let id = p.id, let start = Day(iso: p.startDate) else { continue }
            placements[Key(candidate: p.candidate, block: p.blockRaw)] = Known(id: id, start: start, end: p.endDate.flatMap(Day.init(iso:)),
                                                                            sealed: p.sealedReference != nil, ordinal: latestEnds.count)
            latestEnds.append(nil)
        }
        if !postgres {
            // SQLite's default page cache (2 MB) is too small for a million upserts into the hours index: the
            // connection's own cache, set again in case the connection is new.
            try await sql.raw(SQLitePageCache.pragma).run()
        }
        // Temporary: visible only to this transaction's connection, gone with it (PostgreSQL) or dropped at the end.
        try await sql.raw("DROP TABLE IF EXISTS \(ident: HoursImportService.stagingTable)").run()
        let uuid = postgres ? "uuid" : "BLOB"
        try await sql.raw("""
            CREATE TEMPORARY TABLE \(ident: HoursImportService.stagingTable) (id \(unsafeRaw: uuid) NOT NULL, placement_id \(unsafeRaw: uuid) NOT NULL, \
            period_start TEXT NOT NULL, period_end TEXT NOT NULL, hours BIGINT NOT NULL, line INTEGER NOT NULL)\(unsafeRaw: postgres ? " ON COMMIT DROP" : "")
            """).run()
    }

    mutating func check(header: [String]) throws {
        switch HoursImportFile.Layout.of(header: header) {
        case .success(let l): layout = l
        case .failure(let failure):
            // Without its columns no row can be read: stop here rather than read the rest of the file.
            problems.add(failure.problems)
            throw problems
        }
    }

    mutating func take(_ row: DutchCSV.Row, header: [String]?) async throws {
        if layout == nil, let header { try check(header: header) }
        guard let layout else { return }
        rows += 1
        if rows > HoursImportService.maximumRows {
            problems.add(ImportProblem(line: row.line, column: "-", message: "het bestand heeft meer dan \(DutchNumberFormat.grouped(HoursImportService.maximumRows)) regels; splits het in delen"))
            throw problems
        }
        let parsed: HoursImportRow
        switch layout.read(row, supplier: supplier, scheme: scheme) {
        case .success(let r): parsed = r
        case .failure(let failure): problems.add(failure.problems); return
        }
        if parsed.periodStart < term.start || parsed.periodEnd > term.end {
            problems.add(ImportProblem(line: row.line, column: "periode_van", message: "de periode valt buiten de looptijd van het contract (\(term.start.iso) – \(term.end.iso))"))
        }
        let key = Key(candidate: pseudonym(for: parsed.identifier), block: parsed.block.rawValue)
        guard let known = try await placement(for: key, row: parsed) else { return }
        // A placement made before references were kept gets the supplier's reference now, sealed.
        if !known.sealed, case .reference(let supplier, let reference) = parsed.identifier {
            referencesToSeal.append((known.id, cipher.seal(reference, supplier: supplier)))
            placements[key]?.sealed = true
        }
        if let latest = latestEnds[known.ordinal], parsed.periodStart <= latest { periodsInOrder = false }
        if latestEnds[known.ordinal].map({ parsed.periodEnd > $0 }) ?? true { latestEnds[known.ordinal] = parsed.periodEnd }
        if let period = Term(start: parsed.periodStart, end: parsed.periodEnd) {
            let found = PaidHoursRule.problems(PaidHours(period: period, hours: parsed.paidHours), placementStart: known.start, placementEnd: known.end)
            for problem in found {
                problems.add(ImportProblem(line: row.line, column: problem.field == .period ? "periode_van" : "verloonde_uren", message: problem.message))
            }
        }
        batch.append((known.id, parsed))
        if batch.count >= HoursImportService.batchSize { try await flush() }
    }

    /// The pseudonym is a keyed hash; a candidate's rows usually come together, so remember the recent ones.
    mutating func pseudonym(for identifier: CandidateIdentifier) -> String {
        if let known = pseudonyms[identifier] { return known }
        if pseudonyms.count >= 10_000 { pseudonyms.removeAll(keepingCapacity: true) }
        let p = pseudonymizer.pseudonym(for: identifier)
        pseudonyms[identifier] = p
        return p
    }

    /// The file's column for each field of a placement draft.
    static let columns = ["block": "bouwblok", "targetGroup": "doelgroep", "hoursPerWeek": "uren_per_week", "start": "begindatum",
                          "end": "einddatum", "doelgroepregister": "doelgroepregister"]

    /// The placement a row belongs to; a new candidate's first row makes it, from the row's placement columns.
    mutating func placement(for key: Key, row: HoursImportRow) async throws -> Known? {
        if let known = placements[key] { return known }
        var missing: [String] = []
        if row.targetGroup == nil { missing.append("doelgroep") }
        if row.start == nil { missing.append("begindatum") }
        if row.hoursPerWeek == nil { missing.append("uren_per_week") }
        guard missing.isEmpty, let targetGroup = row.targetGroup, let start = row.start, let hoursPerWeek = row.hoursPerWeek else {
            for column in missing {
                problems.add(ImportProblem(line: row.line, column: column, message: "nieuwe kandidaat op dit contract: vul \(column) in om de plaatsing aan te maken"))
            }
            return nil
        }
        // The same rules as a placement entered by hand (`PlacementDraft`), each problem named by its column.
        let draft = PlacementDraft(reference: nil, bsn: nil, block: key.block, targetGroup: targetGroup.rawValue,
                                   apprenticeshipLevel: row.block == .apprenticeship ? 2 : nil, hoursPerWeek: hoursPerWeek,
                                   start: start.iso, end: row.end?.iso, doelgroepregister: row.doelgroepregister)
        let draftProblems = draft.problems(contractTerm: term, scheme: scheme)
        if !draftProblems.isEmpty {
            for problem in draftProblems {
                problems.add(ImportProblem(line: row.line, column: Self.columns[problem.field] ?? "-", message: problem.message))
            }
            return nil
        }
        let p = PlacementModel()
        p.$contract.id = contractID
        p.id = UUID()
        p.candidate = key.candidate
        if case .reference(let supplier, let reference) = row.identifier { p.sealedReference = cipher.seal(reference, supplier: supplier) }
        p.blockRaw = key.block
        p.targetGroupRaw = targetGroup.rawValue
        p.apprenticeshipLevel = row.block == .apprenticeship ? 2 : nil
        p.hoursPerWeekHundredths = hoursPerWeek.hundredths
        p.startDate = start.iso
        p.endDate = row.end?.iso
        p.employmentKind = "temporary"
        p.doelgroepregister = row.doelgroepregister ?? (targetGroup == TargetGroup.banenafspraak)
        p.bonusesRaw = ""
        p.createdBy = user.userID
        let known = Known(id: p.id!, start: start, end: row.end, ordinal: latestEnds.count)
        latestEnds.append(nil)
        placements[key] = known
        newPlacements.append(p)
        return known
    }

    /// Writes the waiting placements and rows. Once a problem is found no more placements are made (the transaction
    /// will be rolled back), but rows still go to the temporary table, so repeats are found too and the supplier
    /// hears of every problem at once.
    mutating func flush() async throws {
        defer { batch.removeAll(keepingCapacity: true); newPlacements.removeAll(keepingCapacity: true) }
        if problems.isEmpty && !newPlacements.isEmpty {
            try await newPlacements.create(on: db)
            let allocations = newPlacements.map {
                AllocationModel(sourceType: "placement", sourceID: $0.id!, contractID: creditedContractID, shareBasisPoints: 10_000,
                                decidedBy: user.userID, reason: callOff ? "nadere opdracht onder de raamovereenkomst" : "eigen contract")
            }
            try await allocations.create(on: db)
            placementsCreated += newPlacements.count
        }
        guard !batch.isEmpty else { return }
        if postgres {
            // Six arrays instead of six thousand parameters: PostgreSQL unpacks them into rows itself.
            try await sql.raw("""
                INSERT INTO \(ident: HoursImportService.stagingTable) (id, placement_id, period_start, period_end, hours, line) \
                SELECT * FROM unnest(\(bind: RandomUUIDs.make(batch.count)), \(bind: batch.map(\.0)), \(bind: batch.map(\.1.periodStart.iso)), \
                \(bind: batch.map(\.1.periodEnd.iso)), \(bind: batch.map(\.1.paidHours.hundredths)), \(bind: batch.map(\.1.line)))
                """).run()
        } else if let lite = db as? any SQLiteDatabase {
            // SQLite's own values bound to one statement text per batch size: no query builder, no Encodable per value
            // (a third of reading the file went to building and encoding these inserts; issue 20). UUIDs as text, as
            // Fluent stores them.
            var binds: [SQLiteData] = []
            binds.reserveCapacity(batch.count * 6)
            for ((placementID, row), id) in zip(batch, RandomUUIDs.make(batch.count)) {
                binds.append(.text(id.upperText))
                binds.append(.text(placementID.upperText))
                binds.append(.text(row.periodStart.iso))
                binds.append(.text(row.periodEnd.iso))
                binds.append(.integer(Int(row.paidHours.hundredths)))
                binds.append(.integer(row.line))
            }
            let values = repeatElement("(?,?,?,?,?,?)", count: batch.count).joined(separator: ",")
            _ = try await lite.query("""
                INSERT INTO \(HoursImportService.stagingTable) (id, placement_id, period_start, period_end, hours, line) VALUES \(values)
                """, binds)
        } else {
            var insert = sql.insert(into: HoursImportService.stagingTable).columns("id", "placement_id", "period_start", "period_end", "hours", "line")
            for ((placementID, row), id) in zip(batch, RandomUUIDs.make(batch.count)) {
                insert = insert.values([id, placementID, row.periodStart.iso, row.periodEnd.iso, row.paidHours.hundredths, row.line] as [any Encodable & Sendable])
            }
            try await insert.run()
        }
        staged += batch.count
    }

    struct Repeat: Decodable { var line: Int; var first: Int }
    struct Line: Decodable { var line: Int }

    /// Each period of a placement beside the latest end of the periods sorted before it and the start of the next one:
    /// a period overlaps an earlier one when that latest end reaches its start, and a later one when the next start
    /// lies before its end. `periods` has at least placement_id, period_start and period_end, each period once.
    static func overlapWindow(_ periods: SQLQueryString) -> SQLQueryString {
        """
        SELECT periods.*, \
        MAX(period_end) OVER (PARTITION BY placement_id ORDER BY period_start, period_end ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end, \
        LEAD(period_start) OVER (PARTITION BY placement_id ORDER BY period_start, period_end) AS next_start \
        FROM (\(periods)) periods
        """
    }

    static let overlapCondition: SQLQueryString = "(before_end >= period_start OR next_start <= period_end)"

    /// The file's lines whose period overlaps another period of the same placement without being the same period:
    /// another line of the file, or hours recorded before that this import does not replace. Recorded periods are
    /// line 0 and never reported themselves; a recorded period the file repeats is the file's (it will be replaced),
    /// so each period is grouped once. Used when the file has other problems, so nothing may be written.
    func overlappingLinesBeforeWriting() async throws -> [Int] {
        let table = HoursImportService.stagingTable
        let periods: SQLQueryString = """
            SELECT placement_id, period_start, period_end, MAX(line) AS line FROM (SELECT placement_id, period_start, period_end, line \
            FROM \(ident: table) UNION ALL SELECT h.placement_id, h.period_start, h.period_end, 0 FROM paid_hours h \
            WHERE h.placement_id IN (SELECT placement_id FROM \(ident: table))) everything GROUP BY placement_id, period_start, period_end
            """
        return try await sql.raw("""
            SELECT line FROM (\(Self.overlapWindow(periods))) ordered WHERE line > 0 AND \(Self.overlapCondition) \
            ORDER BY line LIMIT \(unsafeRaw: String(ImportProblems.defaultLimit + 1))
            """).all(decoding: Line.self).map(\.line)
    }

    /// The same lines once the hours are written (inside the import's transaction, rolled back with any problem):
    /// the contract's recorded hours are then exactly the periods to check, read in the order of their unique index,
    /// so one pass without sorting (issue 20: the check above sorted the file and the recorded hours twice, a seventh
    /// of an import). Only placements that have an overlap at all are looked at again to name the file's lines.
    func overlappingLinesAfterWriting() async throws -> [Int] {
        let table = HoursImportService.stagingTable
        let overlapping: SQLQueryString = """
            SELECT placement_id FROM (SELECT placement_id, period_start, \
            MAX(period_end) OVER (PARTITION BY placement_id ORDER BY period_start, period_end ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end \
            FROM paid_hours WHERE placement_id IN (SELECT id FROM placements WHERE contract_id = \(bind: contractID))) earlier \
            WHERE before_end >= period_start
            """
        guard try await sql.raw("SELECT placement_id FROM (\(overlapping)) o LIMIT 1").first() != nil else { return [] }
        let periods: SQLQueryString = """
            SELECT placement_id, period_start, period_end FROM paid_hours WHERE placement_id IN (\(overlapping))
            """
        return try await sql.raw("""
            SELECT s.line AS line FROM (SELECT * FROM (\(Self.overlapWindow(periods))) ordered WHERE \(Self.overlapCondition)) o \
            JOIN \(ident: table) s ON s.placement_id = o.placement_id AND s.period_start = o.period_start AND s.period_end = o.period_end \
            ORDER BY s.line LIMIT \(unsafeRaw: String(ImportProblems.defaultLimit + 1))
            """).all(decoding: Line.self).map(\.line)
    }

    mutating func addOverlaps(_ lines: [Int]) {
        for line in lines {
            problems.add(ImportProblem(line: line, column: "periode_van", message: "de periode overlapt met een andere periode van deze kandidaat (in het bestand of al vastgelegd); geef elke periode één keer op"))
        }
    }

    /// The last batch, the rows repeated within the file, and then (with no problem anywhere) the hours themselves.
    mutating func finish() async throws -> HoursImportService.Summary {
        try await flush()
        steps.append(("read", ContinuousClock.now - began))
        if layout != nil && rows == 0 { problems.add(HoursImportFile.Layout.noRows) }
        do {
            // The same candidate and period twice: every later line names the first. Not possible when each
            // candidate's periods came in order, one after the other (as a payroll export writes them).
            let table = HoursImportService.stagingTable
            let (repeats, repeatsTook) = try await Self.timed { [sql, periodsInOrder] in periodsInOrder ? [] : try await sql.raw("""
                SELECT s.line AS line, f.first AS first FROM \(ident: table) s JOIN (SELECT placement_id, period_start, period_end, MIN(line) AS first \
                FROM \(ident: table) GROUP BY placement_id, period_start, period_end HAVING COUNT(*) > 1) f \
                ON s.placement_id = f.placement_id AND s.period_start = f.period_start AND s.period_end = f.period_end \
                WHERE s.line > f.first ORDER BY s.line LIMIT \(unsafeRaw: String(ImportProblems.defaultLimit + 1))
                """).all(decoding: Repeat.self) }
            steps.append(("repeats", repeatsTook))
            for r in repeats {
                problems.add(ImportProblem(line: r.line, column: "periode_van", message: "dezelfde kandidaat en periode staan al op regel \(r.first)"))
            }
            if !problems.isEmpty {
                let run = self
                let (overlapping, overlapsTook) = try await Self.timed { try await run.overlappingLinesBeforeWriting() }
                steps.append(("overlaps", overlapsTook))
                addOverlaps(overlapping)
            }
        }
        guard problems.isEmpty else { throw problems }
        for (id, sealed) in referencesToSeal {
            try await sql.update(PlacementModel.schema).set("sealed_reference", to: sealed).where("id", .equal, id).run()
        }
        // The same placement and period replaces the hours, so a re-import never doubles them; a row whose hours
        // stay the same is not written again: re-importing a payroll file rewrites nothing, and the data generation
        // stays where it was, so the answers kept for everyone stay valid (`AnswerCache`).
        let ((), upsertTook) = try await Self.timed { [sql] in
            try await sql.raw("""
                INSERT INTO paid_hours (id, placement_id, period_start, period_end, hours) \
                SELECT id, placement_id, period_start, period_end, hours FROM \(ident: HoursImportService.stagingTable) WHERE true \
                ON CONFLICT (placement_id, period_start, period_end) DO UPDATE SET hours = excluded.hours \
                WHERE paid_hours.hours <> excluded.hours
                """).run()
        }
        steps.append(("upsert", upsertTook))
        let run = self
        let (overlapping, overlapsTook) = try await Self.timed { try await run.overlappingLinesAfterWriting() }
        steps.append(("overlaps", overlapsTook))
        addOverlaps(overlapping)
        guard problems.isEmpty else { throw problems }
        if !postgres { try await sql.raw("DROP TABLE \(ident: HoursImportService.stagingTable)").run() }
        try await AuditLog.record(.create, objectType: "hours_import", objectID: contractID, by: user, before: Optional<String>.none,
                                  after: ["rows": String(staged), "placementsCreated": String(placementsCreated)], about: buyerID, on: db)
        let milliseconds = Dictionary(steps.map { ($0.0, $0.1.wholeMilliseconds) },
                                      uniquingKeysWith: +)
        db.logger.info("hours import", metadata: ["rows": "\(staged)", "placementsCreated": "\(placementsCreated)",
                                                  "ms": .string(steps.map { "\($0.0) \(milliseconds[$0.0] ?? 0)" }.joined(separator: ", "))])
        return HoursImportService.Summary(rows: rows, placementsCreated: placementsCreated, hourRows: staged, milliseconds: milliseconds)
    }
}

/// A file that is already in memory, as a sequence of one piece.
struct OnePiece: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let buffer: ByteBuffer

    struct AsyncIterator: AsyncIteratorProtocol {
        var buffer: ByteBuffer?
        mutating func next() async throws -> ByteBuffer? {
            defer { buffer = nil }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
