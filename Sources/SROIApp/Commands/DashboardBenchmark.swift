import Fluent
import Foundation
import SQLKit
import SROIDomain
import Vapor

/// `sroi bench dashboard`: generates a national data set (350 buyers, 50.000 contracts, 250.000 placements,
/// 10 million weekly hour rows) in its own database and prints, per dashboard view, the time of the dashboard
/// next to the same figures computed by hand-written SQL in the database itself. A command, not a timed test.
public enum DashboardBenchmark {
    public struct Scale: Sendable {
        public var buyers: Int
        public var suppliers: Int
        public var contracts: Int
        public var placements: Int
        public var weeks: Int
        public init(buyers: Int = 350, suppliers: Int = 100, contracts: Int = 50_000, placements: Int = 250_000, weeks: Int = 40) {
            self.buyers = buyers
            self.suppliers = suppliers
            self.contracts = contracts
            self.placements = placements
            self.weeks = weeks
        }
    }


    /// Runs the benchmark and reports each line through `say` as it goes.
    public static func run(_ app: Application, scale: Scale, samples: Int, say: @Sendable (String) -> Void) async throws {
        guard let sql = app.db as? any SQLDatabase else { throw CommandFailure(description: "geen SQL-database") }
        let postgres = sql.dialect.name == "postgresql"
        let existing = try await OrganisationModel.query(on: app.db).count()
        let benchOrgs = try await OrganisationModel.query(on: app.db).filter(\.$name == "Opdrachtgever 001").count()
        if existing > 0 && benchOrgs == 0 {
            throw CommandFailure(description: "deze database bevat al gegevens; de benchmark gebruikt alleen een eigen, lege database")
        }
        if existing == 0 {
            let start = ContinuousClock.now
            try await generate(app, sql: sql, postgres: postgres, scale: scale, say: say)
            say("Gegenereerd in \(seconds(ContinuousClock.now - start)).")
        } else {
            say("De gegevens van een eerdere run worden hergebruikt.")
        }
        for (table, label) in [("organisations", "organisaties"), ("contracts", "contracten"), ("placements", "plaatsingen"),
                               ("paid_hours", "urenregels"), ("report_items", "rapportageregels")] {
            let n = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Count.self)?.n ?? 0
            say("  \(label): \(DutchNumberFormat.grouped(n))")
        }

        let today = Day(iso: "2026-11-27")!
        let buyers = try await OrganisationModel.query(on: app.db).filter(\.$kindRaw == OrganisationKind.buyer.rawValue).sort(\.$name).all()
        let sample = stride(from: 0, to: buyers.count, by: max(1, buyers.count / max(1, samples))).prefix(samples).map { buyers[$0] }
        let supplier = try await OrganisationModel.query(on: app.db).filter(\.$kindRaw == OrganisationKind.supplier.rawValue).first()
        let views: [(String, DashboardFilter)] = [
            ("2026, zonder filter", DashboardFilter(year: 2026)),
            ("2026, categorie 90", DashboardFilter(year: 2026, category: "90")),
            ("2026, één opdrachtnemer", DashboardFilter(year: 2026, supplierID: supplier?.id)),
            ("2025, beëindigd", DashboardFilter(year: 2025, status: .ended)),
        ]
        say("")
        say("Dashboard van één opdrachtgever (\(sample.count) opdrachtgevers, mediaan en p95 in ms; SQL = de cijfers van issue 20 met")
        say("handgeschreven SQL; SQL alle = elk cijfer van het dashboard dat SQL zonder het beleid kan geven, ook per contract):")
        say(pad("weergave", 26) + pad("dashboard", 20) + pad("SQL", 20) + pad("verhouding", 12) + pad("SQL alle", 20) + "verhouding")
        for (name, filter) in views {
            var dash: [Double] = [], hand: [Double] = [], complete: [Double] = []
            for (i, buyer) in sample.enumerated() {
                // Both once untimed first: whichever touches a buyer's rows first reads them from disk, and the
                // comparison should not charge that to one side only (the SQL used to run second, on warm pages).
                // All four on one connection: `app.db` takes the next event loop's at each use, and SQLite's page
                // cache is a connection's own; until 1 December the timed dashboard ran on another connection than
                // its warm-up while the SQL always had its own (measured: no difference beyond the noise, but both
                // sides now run alike).
                let db = app.db
                guard let sql = db as? any SQLDatabase else { throw CommandFailure(description: "geen SQL-database") }
                _ = try await DashboardService.dashboard(of: buyer, filter: filter, today: today, on: db)
                _ = try await handWritten(sql, organisation: buyer.id!, filter: filter, day: ManagementFigures.reportingDay(year: filter.year, today: today))
                _ = try await handWrittenComplete(sql, organisation: buyer.id!, filter: filter, day: ManagementFigures.reportingDay(year: filter.year, today: today))
                let t0 = ContinuousClock.now
                let d = try await DashboardService.dashboard(of: buyer, filter: filter, today: today, on: db)
                let t1 = ContinuousClock.now
                let figures = try await handWritten(sql, organisation: buyer.id!, filter: filter, day: d.day)
                let t2 = ContinuousClock.now
                let all = try await handWrittenComplete(sql, organisation: buyer.id!, filter: filter, day: d.day)
                let t3 = ContinuousClock.now
                if i > 0 || sample.count == 1 { dash.append(ms(t1 - t0)); hand.append(ms(t2 - t1)); complete.append(ms(t3 - t2)) } // the first is a warm-up
                try check(all, against: d, buyer: buyer.name)
                // The two must agree, or the comparison means nothing.
                // (Social contributions are capped per contract by the dashboard; the generated set has none.)
                if figures.contributions == 0 && figures.realised != d.totals.realised.cents {
                    throw CommandFailure(description: "dashboard en SQL verschillen voor \(buyer.name): \(d.totals.realised.cents) tegen \(figures.realised)")
                }
                if figures.doors != d.durability.revolvingDoors {
                    throw CommandFailure(description: "draaideuren verschillen voor \(buyer.name): \(d.durability.revolvingDoors) tegen \(figures.doors)")
                }
                if figures.people != d.peopleTotal {
                    throw CommandFailure(description: "personen verschillen voor \(buyer.name): \(d.peopleTotal) tegen \(figures.people)")
                }
                let jobs = ManagementFigures.jobsThousandths(paidHoursInYear: Hours(hundredths: figures.hours), year: filter.year, today: today)
                if jobs != d.jobsThousandths {
                    throw CommandFailure(description: "banen (uren) verschillen voor \(buyer.name): \(d.jobsThousandths) tegen \(jobs)")
                }
            }
            let dm = median(dash), hm = median(hand), cm = median(complete)
            say(pad(name, 26) + pad(String(format: "%.1f (p95 %.1f)", dm, p95(dash)), 20) + pad(String(format: "%.1f (p95 %.1f)", hm, p95(hand)), 20)
                + pad(String(format: "%.2f×", hm > 0 ? dm / hm : 0), 12) + pad(String(format: "%.1f (p95 %.1f)", cm, p95(complete)), 20)
                + String(format: "%.2f×", cm > 0 ? dm / cm : 0))
        }
    }

    struct Count: Decodable { var n: Int }
    struct Figures: Decodable {
        var realised: Int64
        var pending: Int64
        var people: Int
        var hours: Int64
        var contributions: Int64
        var doors: Int
    }

    /// The same figures in the database: contracts selected as the dashboard does, realised and pending value,
    /// distinct people placed in the year, and paid hours of doelgroepregister placements in the year.
    static func handWritten(_ sql: any SQLDatabase, organisation: UUID, filter: DashboardFilter, day: Day) async throws -> Figures {
        let postgres = sql.dialect.name == "postgresql"
        // Date arithmetic for the revolving door: ended within 12 months of the start, placed again within 24 months.
        let yearAfterStart = plusMonths("e.start_date", 12, minusDay: true, postgres: postgres)
        let twoYearsAfterEnd = plusMonths("e.end_date", 24, minusDay: false, postgres: postgres)
        let yearStart = "\(filter.year)-01-01", yearEnd = "\(filter.year)-12-31"
        let statuses = filter.status.map { [$0.rawValue] } ?? ["awarded", "running", "ended"]
        var where_ = SQLQueryString("c.buyer_id = \(bind: organisation) AND c.framework_id IS NULL AND c.start_date <= \(bind: yearEnd) AND c.end_date >= \(bind: yearStart) AND c.status IN (\(binds: statuses))")
        if let category = filter.category { where_ = SQLQueryString("\(where_) AND substr(c.cpv, 1, 2) = \(bind: category)") }
        if let supplier = filter.supplierID { where_ = SQLQueryString("\(where_) AND c.supplier_id = \(bind: supplier)") }
        if let region = filter.region { where_ = SQLQueryString("\(where_) AND c.region = \(bind: region)") }
        let query: SQLQueryString = """
            SELECT
              (SELECT CAST(COALESCE(SUM(CASE WHEN ri.decision = 'approved' AND r.period_end <= \(bind: day.iso) AND ri.block <> 'social_contribution' THEN ri.value_cents ELSE 0 END), 0) AS BIGINT)
                 FROM report_items ri JOIN reports r ON r.id = ri.report_id JOIN contracts c ON c.id = ri.contract_id WHERE \(where_)) AS realised,
              (SELECT CAST(COALESCE(SUM(CASE WHEN ri.decision = 'pending' AND r.status = 'submitted' THEN ri.value_cents ELSE 0 END), 0) AS BIGINT)
                 FROM report_items ri JOIN reports r ON r.id = ri.report_id JOIN contracts c ON c.id = ri.contract_id WHERE \(where_)) AS pending,
              (SELECT CAST(COALESCE(SUM(CASE WHEN ri.decision = 'approved' AND ri.block = 'social_contribution' THEN ri.value_cents ELSE 0 END), 0) AS BIGINT)
                 FROM report_items ri JOIN contracts c ON c.id = ri.contract_id WHERE \(where_)) AS contributions,
              (SELECT COUNT(DISTINCT p.candidate) FROM placements p JOIN contracts c ON c.id = p.contract_id
                 WHERE \(where_) AND p.start_date <= \(bind: yearEnd) AND (p.end_date IS NULL OR p.end_date >= \(bind: yearStart))) AS people,
              (SELECT CAST(COALESCE(SUM(h.hours), 0) AS BIGINT) FROM paid_hours h JOIN placements p ON p.id = h.placement_id JOIN contracts c ON c.id = p.contract_id
                 WHERE \(where_) AND p.doelgroepregister = \(bind: true) AND p.start_date <= \(bind: yearEnd) AND (p.end_date IS NULL OR p.end_date >= \(bind: yearStart))
                   AND h.period_start >= \(bind: yearStart) AND h.period_end <= \(bind: yearEnd)) AS hours,
              (SELECT COUNT(*) FROM placements p JOIN contracts c ON c.id = p.contract_id
                 WHERE \(where_) AND p.start_date <= \(bind: yearEnd) AND (p.end_date IS NULL OR p.end_date >= \(bind: yearStart))
                   AND EXISTS (SELECT 1 FROM placements e WHERE e.candidate = p.candidate AND e.id <> p.id AND e.end_date IS NOT NULL
                     AND e.end_date < p.start_date AND e.end_date <= \(bind: day.iso)
                     AND (e.outcome IS NULL OR e.outcome NOT IN ('permanent_contract', 'hired_by_buyer', 'hired_elsewhere'))
                     AND e.end_date < \(unsafeRaw: yearAfterStart) AND p.start_date <= \(unsafeRaw: twoYearsAfterEnd))) AS doors
            """
        guard let row = try await sql.raw(query).first(decoding: Figures.self) else { throw CommandFailure(description: "geen uitkomst") }
        return row
    }

    // MARK: Generating

    static func generate(_ app: Application, sql: any SQLDatabase, postgres: Bool, scale: Scale, say: @Sendable (String) -> Void) async throws {
        if !postgres { try await sql.raw("PRAGMA synchronous=OFF").run() }
        var rng = SeededGenerator(seed: 20261127)
        let now = Date()
        let regions = Array(LabourMarketRegion.all.prefix(35))
        let buyers = (0..<scale.buyers).map { _ in UUID() }
        let suppliers = (0..<scale.suppliers).map { _ in UUID() }
        say("Organisaties en beleid…")
        let orgRows: [[any Encodable & Sendable]] = buyers.enumerated().map { i, id in
            [id, String(format: "Opdrachtgever %03d", i + 1), "buyer", String(format: "9%07d", i), regions[i % regions.count], now, false]
        } + suppliers.enumerated().map { i, id in
            [id, String(format: "Opdrachtnemer %03d", i + 1), "supplier", String(format: "8%07d", i), regions[i % regions.count], now, false]
        }
        try await insert(sql, "organisations", ["id", "name", "kind", "kvk", "region", "created_at", "shares_policy"], orgRows)
        let settings = String(decoding: try JSONEncoder().encode(SocialReturnPolicy.municipalDefault), as: UTF8.self)
        try await insert(sql, "policy_versions", ["id", "organisation_id", "number", "settings", "created_at"],
                         buyers.map { [UUID(), $0, 1, settings, now] })

        say("Contracten…")
        let cpvs = ["90910000", "55520000", "77310000", "79710000", "45000000", "72000000", "50000000", "85000000"]
        var contracts: [(id: UUID, start: Int)] = []
        var rows: [[any Encodable & Sendable]] = []
        for i in 0..<scale.contracts {
            let id = UUID()
            let startYear = 2023 + Int(rng.next() % 4)
            let years = 1 + Int(rng.next() % 4)
            let ended = startYear + years - 1 < 2026
            let value = Int64(100_000 + rng.next() % 4_900_000) * 100
            rows.append([id, "Contract \(i + 1)", buyers[i % buyers.count], suppliers[Int(rng.next() % UInt64(suppliers.count))],
                         cpvs[Int(rng.next() % UInt64(cpvs.count))], "dienst", value, value * 6 / 10,
                         "\(startYear)-01-01", "\(startYear + years - 1)-12-31", regions[Int(rng.next() % UInt64(regions.count))],
                         ended ? "ended" : "running", now, now])
            contracts.append((id, startYear))
            if rows.count == 1_000 { try await insert(sql, "contracts", contractColumns, rows); rows = [] }
        }
        if !rows.isEmpty { try await insert(sql, "contracts", contractColumns, rows) }

        say("Plaatsingen…")
        let groups = TargetGroup.standard
        // One in five people has a second placement (another contract): distinct counts and revolving doors matter.
        var people = scale.placements * 4 / 5 + 7
        if people % contracts.count == 0 { people += 1 }
        rows = []
        for i in 0..<scale.placements {
            let c = contracts[i % contracts.count]
            let group = groups[Int(rng.next() % UInt64(groups.count))]
            let startMonth = 1 + Int(rng.next() % 12)
            let end: String? = rng.next() % 3 == 0 ? nil : String(format: "%d-%02d-28", max(c.start, 2025) + 1, startMonth)
            var row: [any Encodable & Sendable] = [UUID(), c.id, String(format: "bench%010d", i % people),
                                                    "employment", group.rawValue, Int64(1_600 + rng.next() % 2_000),
                                                    String(format: "%d-%02d-01", max(c.start, 2025), startMonth)]
            if let end { row.append(end) }
            row += ["temporary", group == .banenafspraak || rng.next() % 5 == 0, "", now] as [any Encodable & Sendable]
            rows.append(row)
            if rows.count == 1_000 { try await insertPlacements(sql, rows); rows = [] }
        }
        if !rows.isEmpty { try await insertPlacements(sql, rows) }

        say("Urenregels (\(DutchNumberFormat.grouped(scale.placements * scale.weeks)))…")
        let series = postgres ? "generate_series(0, \(scale.weeks - 1)) AS w(n)" : "w"
        let with = postgres ? "" : "WITH RECURSIVE w(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM w WHERE n < \(scale.weeks - 1)) "
        let hourID = postgres ? "gen_random_uuid()" : "printf('%08X-%04X-4000-8000-000000000000', p.rowid, w.n)"
        let weekStart = postgres ? "to_char(date '2026-01-05' + w.n * 7, 'YYYY-MM-DD')" : "date('2026-01-05', '+' || (w.n * 7) || ' days')"
        let weekEnd = postgres ? "to_char(date '2026-01-05' + w.n * 7 + 6, 'YYYY-MM-DD')" : "date('2026-01-05', '+' || (w.n * 7 + 6) || ' days')"
        try await sql.raw("""
            \(unsafeRaw: with)INSERT INTO paid_hours (id, placement_id, period_start, period_end, hours)
            SELECT \(unsafeRaw: hourID), p.id, \(unsafeRaw: weekStart), \(unsafeRaw: weekEnd), p.hours_per_week FROM placements p CROSS JOIN \(unsafeRaw: series)
            """).run()

        say("Rapportages…")
        let reportID = postgres ? "gen_random_uuid()" : "printf('%08X-0000-4000-9%03X-000000000000', c.rowid, %d)"
        for (index, period, status) in [(1, ("2026-01-01", "2026-06-30"), "approved"), (2, ("2026-07-01", "2026-09-30"), "submitted")] {
            let rid = postgres ? reportID : reportID.replacingOccurrences(of: "%d)", with: "\(index))")
            try await sql.raw("""
                INSERT INTO reports (id, contract_id, period_start, period_end, status, created_at)
                SELECT \(unsafeRaw: rid), c.id, \(bind: period.0), \(bind: period.1), \(bind: status), \(bind: now) FROM contracts c
                WHERE c.start_date <= \(bind: period.0) AND c.end_date >= \(bind: period.1)
                """).run()
            let itemID = postgres ? "gen_random_uuid()" : "printf('%08X-0000-4000-A%03X-000000000000', p.rowid, \(index))"
            try await sql.raw("""
                INSERT INTO report_items (id, report_id, source_type, source_id, contract_id, block, value_cents, explanation, decision)
                SELECT \(unsafeRaw: itemID), r.id, 'placement', p.id, p.contract_id, p.block, 100000 + (p.hours_per_week * 37) % 400000, 'benchmark',
                       \(bind: status == "approved" ? "approved" : "pending")
                FROM placements p JOIN reports r ON r.contract_id = p.contract_id AND r.period_start = \(bind: period.0)
                """).run()
        }
        try await sql.raw("ANALYZE").run()
    }

    static let contractColumns = ["id", "title", "buyer_id", "supplier_id", "cpv", "kind", "value_cents", "wage_sum_cents", "start_date", "end_date",
                                  "region", "status", "created_at", "updated_at"]

    static func insertPlacements(_ sql: any SQLDatabase, _ rows: [[any Encodable & Sendable]]) async throws {
        // Rows without an end date leave that column out; insert the two shapes apart.
        let full = rows.filter { $0.count == 12 }, open = rows.filter { $0.count == 11 }
        let cols = ["id", "contract_id", "candidate", "block", "target_group", "hours_per_week", "start_date", "end_date", "employment_kind",
                    "doelgroepregister", "bonuses", "created_at"]
        if !full.isEmpty { try await insert(sql, "placements", cols, full) }
        if !open.isEmpty { try await insert(sql, "placements", cols.filter { $0 != "end_date" }, open) }
    }

    static func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        let builder = sql.insert(into: table).columns(columns)
        for row in rows {
            let values: [any SQLExpression] = row.map { SQLBind($0) }
            builder.values(values)
        }
        try await builder.run()
    }

    static func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
    static func seconds(_ d: Duration) -> String { String(format: "%.1f s", ms(d) / 1000) }
    static func median(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.sorted()[xs.count / 2] }
    static func p95(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * 0.95))] }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
