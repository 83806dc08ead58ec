import Foundation
import SQLKit
import SROIDomain

/// `sroi bench dashboard`'s second reference: hand-written SQL for every figure of the dashboard that SQL can give
/// without the policy (issue 20 measures against `handWritten`, which gives 6 of them). One statement, one round
/// trip: per contract its realised, in-year and pending value; value per block in the year; approved value per
/// period end (the timeline); persons placed in total, per target group, per block and verified; paid hours of
/// doelgroepregister placements; durable and judged placements, retention at 6 and 12 months; revolving doors;
/// the filter choices. Not in it, because SQL alone cannot give them: obligations, expected value and status (the
/// policy's rules in Swift), the social contribution cap, late reports and the review backlog (deadlines from the
/// policy), the matching figures, progression and stacked jobs in revolving doors. So it does less than the dashboard.
///
/// `own` and `line` are each computed once (`MATERIALIZED`; SQLite otherwise computes them again for every part
/// that reads them: 6,8 ms against 4,8 ms for one buyer) and hold only the columns the parts read.
///
/// Month arithmetic as the domain's `Day.adding(months:)` on the generated data (starts on the 1st, ends on the 28th;
/// SQLite would run past a month's end where the domain stops at it).
extension DashboardBenchmark {
    struct Complete {
        var realisedByContract: [String: Int64] = [:]
        var inYearByContract: [String: Int64] = [:]
        var pendingByContract: [String: Int64] = [:]
        var valueByBlock: [String: Int64] = [:]
        var approvedByPeriodEnd: [String: Int64] = [:]
        var peopleByGroup: [String: Int] = [:]
        var peopleByBlock: [String: Int] = [:]
        var people = 0, verified = 0
        var hours: Int64 = 0
        var durable = 0, judged = 0
        var eligible6 = 0, retained6 = 0, eligible12 = 0, retained12 = 0
        var doors = 0
        var choices = 0
    }

    static func handWrittenComplete(_ sql: any SQLDatabase, organisation: UUID, filter: DashboardFilter, day: Day) async throws -> Complete {
        let postgres = sql.dialect.name == "postgresql"
        func plusMonths(_ column: String, _ months: Int, minusDay: Bool) -> String {
            DashboardBenchmark.plusMonths(column, months, minusDay: minusDay, postgres: postgres)
        }
        let text = { (column: String) in postgres ? "CAST(\(column) AS TEXT)" : column }
        let today = day.iso
        let lastDay = postgres ? "LEAST(COALESCE(p.end_date, '\(today)'), '\(today)')" : "MIN(COALESCE(p.end_date, '\(today)'), '\(today)')"
        let durableOutcome = "p.outcome IN ('permanent_contract', 'hired_by_buyer', 'hired_elsewhere')"
        func lasted(_ months: Int) -> String { "\(lastDay) >= \(plusMonths("p.start_date", months, minusDay: true))" }
        func eligible(_ months: Int) -> String { "\(plusMonths("p.start_date", months, minusDay: true)) <= '\(today)'" }
        let yearStart = "\(filter.year)-01-01", yearEnd = "\(filter.year)-12-31"
        let statuses = filter.status.map { [$0.rawValue] } ?? ["awarded", "running", "ended"]
        let year: SQLQueryString = "c.buyer_id = \(bind: organisation) AND c.framework_id IS NULL AND c.start_date <= \(bind: yearEnd) AND c.end_date >= \(bind: yearStart) AND c.status IN (\(binds: statuses))"
        var where_ = year
        if let category = filter.category { where_ = "\(where_) AND substr(c.cpv, 1, 2) = \(bind: category)" }
        if let supplier = filter.supplierID { where_ = "\(where_) AND c.supplier_id = \(bind: supplier)" }
        if let region = filter.region { where_ = "\(where_) AND c.region = \(bind: region)" }
        func count(_ condition: String) -> String { "CAST(COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS BIGINT)" }
        let query: SQLQueryString = """
            WITH sel AS (SELECT c.id FROM contracts c WHERE \(where_)),
            own AS MATERIALIZED (SELECT p.id, p.candidate, p.target_group, p.block, p.start_date, p.end_date, p.outcome, p.verified_by,
                      p.doelgroepregister FROM placements p JOIN sel ON sel.id = p.contract_id
                    WHERE p.start_date <= '\(unsafeRaw: yearEnd)' AND (p.end_date IS NULL OR p.end_date >= '\(unsafeRaw: yearStart)')),
            line AS MATERIALIZED (SELECT ri.contract_id, ri.block, ri.decision, r.status, r.period_end, ri.value_cents FROM report_items ri
                     JOIN reports r ON r.id = ri.report_id JOIN sel ON sel.id = ri.contract_id
                     WHERE r.contract_id IN (SELECT id FROM sel) AND ri.decision <> 'rejected')
            SELECT 'contract' AS kind, \(unsafeRaw: text("contract_id")) AS k,
                   CAST(SUM(CASE WHEN decision = 'approved' AND period_end <= '\(unsafeRaw: today)' THEN value_cents ELSE 0 END) AS BIGINT) AS a,
                   CAST(SUM(CASE WHEN decision = 'approved' AND period_end <= '\(unsafeRaw: today)' AND period_end >= '\(unsafeRaw: yearStart)' THEN value_cents ELSE 0 END) AS BIGINT) AS b,
                   CAST(SUM(CASE WHEN decision = 'pending' AND status = 'submitted' THEN value_cents ELSE 0 END) AS BIGINT) AS c
              FROM line GROUP BY contract_id
            UNION ALL SELECT 'block', block, CAST(SUM(value_cents) AS BIGINT), 0, 0 FROM line
              WHERE decision = 'approved' AND period_end <= '\(unsafeRaw: today)' AND period_end >= '\(unsafeRaw: yearStart)' GROUP BY block
            UNION ALL SELECT 'period', period_end, CAST(SUM(value_cents) AS BIGINT), 0, 0 FROM line
              WHERE decision = 'approved' AND period_end <= '\(unsafeRaw: today)' GROUP BY period_end
            UNION ALL SELECT 'group', target_group, COUNT(DISTINCT candidate), 0, 0 FROM own GROUP BY target_group
            UNION ALL SELECT 'blockpeople', block, COUNT(DISTINCT candidate), 0, 0 FROM own GROUP BY block
            UNION ALL SELECT 'people', '', COUNT(DISTINCT candidate), COUNT(DISTINCT CASE WHEN verified_by IS NOT NULL THEN candidate END), 0 FROM own
            UNION ALL SELECT 'durability', '', \(unsafeRaw: count("\(durableOutcome) OR \(lasted(12))")),
                   \(unsafeRaw: count("(p.end_date IS NOT NULL AND p.end_date <= '\(today)') OR \(durableOutcome) OR \(lasted(12))")), 0 FROM own p
            UNION ALL SELECT 'retention6', '', \(unsafeRaw: count(eligible(6))), \(unsafeRaw: count("\(eligible(6)) AND (\(lasted(6)) OR \(durableOutcome))")), 0 FROM own p
            UNION ALL SELECT 'retention12', '', \(unsafeRaw: count(eligible(12))), \(unsafeRaw: count("\(eligible(12)) AND (\(lasted(12)) OR \(durableOutcome))")), 0 FROM own p
            UNION ALL SELECT 'hours', '', CAST(COALESCE(SUM(h.hours), 0) AS BIGINT), 0, 0 FROM paid_hours h JOIN own p ON p.id = h.placement_id
              WHERE p.doelgroepregister = \(bind: true) AND h.period_start >= '\(unsafeRaw: yearStart)' AND h.period_end <= '\(unsafeRaw: yearEnd)'
            UNION ALL SELECT 'doors', '', COUNT(*), 0, 0 FROM own p
              WHERE EXISTS (SELECT 1 FROM placements e WHERE e.candidate = p.candidate AND e.id <> p.id AND e.end_date IS NOT NULL
                AND e.end_date < p.start_date AND e.end_date <= '\(unsafeRaw: today)'
                AND (e.outcome IS NULL OR e.outcome NOT IN ('permanent_contract', 'hired_by_buyer', 'hired_elsewhere', 'continued', 'education'))
                AND e.end_date < \(unsafeRaw: plusMonths("e.start_date", 12, minusDay: true)) AND p.start_date <= \(unsafeRaw: plusMonths("e.end_date", 24, minusDay: false)))
            UNION ALL SELECT 'choices', '', COUNT(*), 0, 0 FROM (SELECT DISTINCT c.supplier_id, c.cpv, c.region FROM contracts c WHERE \(year)) choice
            """
        var figures = Complete()
        for row in try await sql.rows(query) {
            let kind = try row.string("kind"), key = try row.optionalString("k") ?? ""
            let a = try row.int64("a"), b = try row.int64("b"), c = try row.int64("c")
            switch kind {
            case "contract": figures.realisedByContract[key] = a; figures.inYearByContract[key] = b; figures.pendingByContract[key] = c
            case "block": figures.valueByBlock[key] = a
            case "period": figures.approvedByPeriodEnd[key] = a
            case "group": figures.peopleByGroup[key] = Int(a)
            case "blockpeople": figures.peopleByBlock[key] = Int(a)
            case "people": figures.people = Int(a); figures.verified = Int(b)
            case "durability": figures.durable = Int(a); figures.judged = Int(b)
            case "retention6": figures.eligible6 = Int(a); figures.retained6 = Int(b)
            case "retention12": figures.eligible12 = Int(a); figures.retained12 = Int(b)
            case "hours": figures.hours = a
            case "doors": figures.doors = Int(a)
            case "choices": figures.choices = Int(a)
            default: break
            }
        }
        return figures
    }

    /// A date column plus some months (and minus a day), as ISO text, in the database's own dialect.
    static func plusMonths(_ column: String, _ months: Int, minusDay: Bool, postgres: Bool) -> String {
        postgres ? "(\(column)::date + interval '\(months) months'\(minusDay ? " - interval '1 day'" : ""))::date::text"
            : "date(\(column), '+\(months) months'\(minusDay ? ", '-1 day'" : ""))"
    }

    /// The figures both give, compared: a difference is a failure of the benchmark (or of a rule).
    static func check(_ f: Complete, against d: Dashboard, buyer: String) throws {
        func same<T: Equatable>(_ what: String, _ dashboard: T, _ sql: T) throws {
            guard dashboard == sql else { throw CommandFailure(description: "\(what) verschillen voor \(buyer): \(dashboard) tegen \(sql)") }
        }
        for line in d.contracts {
            let key = line.id.uuidString
            let k = f.realisedByContract.keys.first { $0.caseInsensitiveCompare(key) == .orderedSame } ?? key
            try same("gerealiseerd (\(line.title))", line.realised.cents, f.realisedByContract[k] ?? 0)
            try same("gerealiseerd in het jaar (\(line.title))", line.realisedInYear.cents, f.inYearByContract[k] ?? 0)
            try same("in behandeling (\(line.title))", line.pending.cents, f.pendingByContract[k] ?? 0)
        }
        try same("personen", d.peopleTotal, f.people)
        try same("personen per doelgroep", Dictionary(uniqueKeysWithValues: d.peopleByTargetGroup.map { ($0.0.rawValue, $0.1) }), f.peopleByGroup)
        try same("geverifieerd", d.peopleVerified, f.verified)
        try same("duurzaam", d.durability.durable, f.durable)
        try same("beoordeeld", d.durability.judged, f.judged)
        try same("behoud na 6 maanden", [d.durability.retention6.eligible, d.durability.retention6.retained], [f.eligible6, f.retained6])
        try same("behoud na 12 maanden", [d.durability.retention12.eligible, d.durability.retention12.retained], [f.eligible12, f.retained12])
        try same("draaideuren", d.durability.revolvingDoors, f.doors)
    }
}
