import Fluent
import Foundation
import SQLKit
import SROIDomain

/// The buyer's management dashboard: obligations, realised, pending and expected value, status counts, people
/// placed, banenafspraak jobs against the own goal, durability and revolving doors, over the contracts the
/// filter selects (awarded, running or ended, with a term in the year; call-offs count in their framework).
struct Dashboard: Sendable {
    struct ContractLine: Sendable {
        var id: UUID
        var title: String
        var supplier: String
        var category: String
        var region: String
        var status: ContractStatus
        var obligation: Money
        var realised: Money
        var realisedInYear: Money
        var pending: Money
        var expected: Money
        var progress: ProgressStatus
    }

    var organisationID: UUID
    var organisationName: String
    var filter: DashboardFilter
    var day: Day
    var totals: ManagementFigures.Totals
    var contracts: [ContractLine]
    var peopleTotal: Int
    var peopleByTargetGroup: [(TargetGroup, Int)]
    var peopleByBlock: [(BuildingBlock, Int)]
    var valueByBlock: [(BuildingBlock, Money)]
    var jobsThousandths: Int64
    var jobsGoal: Int?
    var jobsGoalYear: Int?
    var durability: DurabilityService.Summary
    var timeline: [ManagementFigures.TimelinePoint]
    /// Late reports (by supplier) and reports waiting longer for review than the policy allows, of the selected contracts.
    var lateReports: [ReportCalendarService.Late] = []
    /// Selected contracts reserved for social enterprises (art. 2.82), and the approved value bought from social
    /// enterprises in the year.
    var reservedContracts: Int = 0
    var socialPurchaseInYear: Money { valueByBlock.first { $0.0 == .socialPurchase }?.1 ?? .zero }
    var reviewBacklog: [ReportCalendarService.Waiting] = []
    /// The buyer's current valuation table: the names of its own target groups and blocks.
    var scheme: ValuationScheme = .haaglanden2023
    /// Persons placed in the year whose target group a job service established.
    var peopleVerified: Int = 0
    /// Vacancies on the buyer's contracts and the matching through job services (persons as "< 5").
    var matching: MatchingFigures.Figures? = nil
    /// Choices for the filters.
    var suppliers: [(UUID, String)]
    var categories: [(String, String)]
    var regions: [String]
}

enum DashboardService {
    struct ItemSum {
        var contract_id: UUID; var block: String; var decision: String; var status: String; var period_end: String; var total: Int64
        init(row: any RowColumns) throws {
            contract_id = try row.uuid("contract_id")
            block = try row.string("block")
            decision = try row.string("decision")
            status = try row.string("status")
            period_end = try row.string("period_end")
            total = try row.int64("total")
        }
    }
    struct Choice {
        var supplier_id: UUID?; var supplier_name: String?; var cpv: String?; var region: String?
        init(supplier_id: UUID?, supplier_name: String?, cpv: String?, region: String?) {
            self.supplier_id = supplier_id; self.supplier_name = supplier_name; self.cpv = cpv; self.region = region
        }
        init(row: any RowColumns) throws {
            self.init(supplier_id: try row.optionalUUID("supplier_id"), supplier_name: try row.optionalString("supplier_name"),
                      cpv: try row.optionalString("cpv"), region: try row.optionalString("region"))
        }
    }
    struct PlacementRow {
        var id: UUID; var candidate: String; var target_group: String; var block: String; var start_date: String; var end_date: String?
        var outcome: String?; var stacked_job_id: UUID?; var doelgroepregister: Bool
        var hours_per_week: Int64?; var employment_kind: String?; var verified_by: UUID?
        /// On the selected contracts (or their call-offs) in the year; the other rows are the same people's placements elsewhere.
        var own: Bool
        /// Paid hours in the year of an own doelgroepregister placement (nil for the others).
        var hours_in_year: Int64?
        /// Read column by column, as `DurabilityService.Row` (SQLKit's `Decodable` row decoder is the slow part).
        init(row: any RowColumns) throws {
            id = try row.uuid("id")
            candidate = try row.string("candidate")
            target_group = try row.string("target_group")
            block = try row.string("block")
            start_date = try row.string("start_date")
            end_date = try row.optionalString("end_date")
            outcome = try row.optionalString("outcome")
            stacked_job_id = try row.optionalUUID("stacked_job_id")
            doelgroepregister = try row.bool("doelgroepregister")
            hours_per_week = try row.optionalInt64("hours_per_week")
            employment_kind = try row.optionalString("employment_kind")
            verified_by = try row.optionalUUID("verified_by")
            own = try row.bool("own")
            hours_in_year = try row.optionalInt64("hours_in_year")
        }
        var durability: DurabilityService.Row {
            DurabilityService.Row(id: id, candidate: candidate, start_date: start_date, end_date: end_date, outcome: outcome, stacked_job_id: stacked_job_id,
                                  block: block, hours_per_week: hours_per_week, employment_kind: employment_kind)
        }
    }

    static func dashboard(organisation organisationID: UUID, filter: DashboardFilter, today: Day, on db: any Database) async throws -> Dashboard {
        guard let org = try await OrganisationModel.find(organisationID, on: db) else { throw AppError.notFound }
        return try await dashboard(of: org, filter: filter, today: today, on: db)
    }

    /// The dashboard of a buyer already loaded (the API has it from its access check).
    static func dashboard(of org: OrganisationModel, filter: DashboardFilter, today: Day, on db: any Database) async throws -> Dashboard {
        guard org.kind == .buyer, let organisationID = org.id else { throw AppError.notFound }
        let day = ManagementFigures.reportingDay(year: filter.year, today: today)
        let yearStart = Day(year: filter.year, month: 1, day: 1)!, yearEnd = Day(year: filter.year, month: 12, day: 31)!
        let statuses = filter.status.map { [$0.rawValue] } ?? [ContractStatus.awarded, .running, .ended].map(\.rawValue)
        guard let sql = db as? any SQLDatabase else { throw AppError.badRequest(field: nil, message: "database zonder SQL") }
        // Only the contracts the filters select are loaded whole, with a statement written out (Fluent's aliased
        // columns cost more to build and read than the rows themselves), and their suppliers' names.
        let year: SQLQueryString = """
            c.buyer_id = \(bind: organisationID) AND c.framework_id IS NULL AND c.status IN (\(binds: statuses))
              AND c.start_date <= \(bind: yearEnd.iso) AND c.end_date >= \(bind: yearStart.iso)
            """
        var where_ = year
        if let supplier = filter.supplierID { where_ = "\(where_) AND c.supplier_id = \(bind: supplier)" }
        if let region = filter.region { where_ = "\(where_) AND c.region = \(bind: region)" }
        // Every CPV code that starts with the category's digits (a code is digits, perhaps "-" and a check digit; "~" sorts after both).
        if let prefix = filter.category { where_ = "\(where_) AND c.cpv >= \(bind: prefix) AND c.cpv < \(bind: prefix + "~")" }
        // With each its supplier's name and its obligation's context (`ObligationService.contextColumns`).
        let contractRows = try await sql.rows("""
            SELECT c.*, s.name AS supplier_name, \(ObligationService.contextColumns) FROM contracts c
            LEFT JOIN organisations s ON s.id = c.supplier_id WHERE \(where_) ORDER BY c.end_date
            """)
        let (contracts, context) = try ObligationService.recordsWithContext(contractRows)
        // The categories are the policy's, as on the contract list: those that hold at least one of the year's
        // contracts. Every row's `context_version` is the buyer's current policy version (whatever version the
        // contract itself is pinned to); read on its own when no contract was selected.
        let currentPolicy: SocialReturnPolicy?
        if let version = try contractRows.first?.optionalUUID("context_version") {
            currentPolicy = try await PolicyCache.shared.versions([version], on: db)[version]?.policy
        } else {
            currentPolicy = try await PolicyStore.current(of: organisationID, on: db)?.policy()
        }
        let rules = currentPolicy?.categories ?? CategoryRule.commonLabourIntensive
        if let chosen = filter.category, !rules.contains(where: { $0.cpvPrefix == chosen }), chosen.count != 2 {
            throw AppError.badRequest(field: "category", message: "onbekende categorie; kies " + rules.map { "\($0.cpvPrefix) (\($0.name))" }.joined(separator: ", "))
        }
        var supplierNames: [UUID: String] = [:]
        for (row, c) in zip(contractRows, contracts) {
            if let supplier = c.supplierID, let name = try row.optionalString("supplier_name") { supplierNames[supplier] = name }
        }
        // The filter choices come from the year's contracts before the other filters narrow them: without a filter,
        // the contracts just read; with one, a light query.
        let narrowed = filter.supplierID != nil || filter.region != nil || filter.category != nil
        let choices = narrowed
            ? try await sql.rows("""
                SELECT DISTINCT c.supplier_id, o.name AS supplier_name, c.cpv, c.region FROM contracts c
                LEFT JOIN organisations o ON o.id = c.supplier_id WHERE \(year)
                """).map(Choice.init(row:))
            : contracts.map { c in Choice(supplier_id: c.supplierID, supplier_name: c.supplierID.map { supplierNames[$0] ?? "" }, cpv: c.cpv, region: c.region) }
        let suppliers = Dictionary(choices.compactMap { c in c.supplier_id.map { ($0, c.supplier_name ?? "") } }, uniquingKeysWith: { a, _ in a })
            .sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        let categories = rules.filter { rule in choices.contains { ($0.cpv ?? "").hasPrefix(rule.cpvPrefix) } }
            .sorted { $0.name < $1.name }.map { ($0.cpvPrefix, $0.name) }
        let regions = Set(choices.compactMap(\.region)).sorted()
        let contractSuppliers = Dictionary(contracts.compactMap { c in c.supplierID.flatMap { supplierNames[$0] }.map { (c.id!, $0) } },
                                           uniquingKeysWith: { a, _ in a })
        let category = { (c: ContractRecord) in rules.categoryName(cpv: c.cpv) }
        let ids = contracts.compactMap(\.id)
        let obligations = try await ObligationService.obligations(for: contracts, context: context, explained: false, on: db)

        // Report lines of these obligations, summed in the database per contract, block, decision and period. A line
        // belongs to its report's contract (`ReportService` writes it so); saying so of the reports too lets
        // PostgreSQL read the reports by contract instead of all of them (a hash join over every report: 3,6–5,0 ms
        // against 1,1–1,4 for a buyer of 90 contracts; on SQLite 0,90 against 0,97).
        var sums: [ItemSum] = []
        for chunk in ids.chunked(500) {
            sums += try await sql.rows("""
                SELECT ri.contract_id, ri.block, ri.decision, r.status, r.period_end, CAST(SUM(ri.value_cents) AS BIGINT) AS total
                FROM report_items ri JOIN reports r ON r.id = ri.report_id
                WHERE ri.contract_id IN (\(binds: chunk)) AND r.contract_id IN (\(binds: chunk)) AND ri.decision <> 'rejected'
                GROUP BY ri.contract_id, ri.block, ri.decision, r.status, r.period_end
                """).map(ItemSum.init(row:))
        }
        var facts: [ManagementFigures.ContractFacts] = []
        var lines: [Dashboard.ContractLine] = []
        var approvedForTimeline: [(periodEnd: Day, value: Money)] = []
        var valueByBlock: [BuildingBlock: Money] = [:]
        let sumsByContract = Dictionary(grouping: sums, by: \.contract_id)
        for c in contracts {
            guard let id = c.id, let term = c.term, let o = obligations[id] else { continue }
            let obligation = o.effective.amount
            var approved: [(block: BuildingBlock, value: Money)] = []
            var inYear = Money.zero, pending = Money.zero
            for item in sumsByContract[id] ?? [] {
                guard let end = Day(iso: item.period_end) else { continue }
                let value = Money(cents: item.total)
                if item.decision == LineDecision.pending.rawValue {
                    if let status = ReportStatus(rawValue: item.status), ReportLine.awaitsReview(decision: .pending, reportStatus: status) {
                        pending = pending + value
                    }
                    continue
                }
                guard end <= day else { continue }
                approved.append((BuildingBlock(stored: item.block), value))
                if end >= yearStart { inYear = inYear + value }
                approvedForTimeline.append((end, value))
                if end >= yearStart { valueByBlock[BuildingBlock(stored: item.block), default: .zero] = valueByBlock[BuildingBlock(stored: item.block), default: .zero] + value }
            }
            // Social contributions count up to the policy's cap, as on the contract's own progress: one rule.
            let realised = RealisedValue.of(approved: approved, obligation: obligation, contributionCap: o.policy.valuation.socialContributionCap).value
            // An obligation in jobs, placements or effort: its own status, computed as on the contract's page.
            var otherUnit: ProgressStatus?
            if let target = o.effective.target {
                let lines = try await ReportLine.of(contract: id, on: db)
                otherUnit = try await TargetService.progress(of: target, contract: c, policy: o.policy, lines: lines, today: day, on: db)?.status
            }
            let f = ManagementFigures.ContractFacts(obligation: obligation, term: term, realised: realised, realisedInYear: inYear, pending: pending,
                                                     green: o.policy.statusGreenThreshold, amber: o.policy.statusAmberThreshold, statusInOtherUnit: otherUnit)
            facts.append(f)
            var p = ProgressCalculator.progress(obligation: obligation, term: term, today: day, realised: realised, pending: pending,
                                                green: f.green, amber: f.amber, explained: false)
            if let otherUnit { p.status = otherUnit }
            lines.append(.init(id: id, title: c.title, supplier: contractSuppliers[id] ?? "-", category: category(c), region: c.region ?? "-",
                               status: c.status, obligation: obligation, realised: realised, realisedInYear: inYear, pending: pending,
                               expected: p.expected, progress: p.status))
        }

        // People placed in the year on these contracts and their call-offs, every other placement of the same people
        // (for revolving doors) and the paid hours of the doelgroepregister placements, in one statement.
        let (placements, everyPlacement) = try await placementsInYear(of: ids, yearStart: yearStart, yearEnd: yearEnd, on: sql)
        let hours = placements.reduce(Int64(0)) { $0 + ($1.hours_in_year ?? 0) }
        let byGroup = ManagementFigures.distinctPeople(placements.compactMap { p in TargetGroup(rawValue: p.target_group).map { (key: $0, candidate: p.candidate) } })
        let byBlock = ManagementFigures.distinctPeople(placements.map { p in (key: BuildingBlock(stored: p.block), candidate: p.candidate) })
        let durability = DurabilityService.summary(of: placements.map(\.durability), all: everyPlacement, today: day)
        let selected = Set(lines.map(\.id))
        // Late reports and the review backlog of the selected contracts, from what is loaded already.
        let reporting = try await ReportCalendarService.overview(of: contracts, obligations: obligations, suppliers: contractSuppliers,
                                                                 today: today, on: db)
        var d = Dashboard(
            organisationID: organisationID, organisationName: org.name, filter: filter, day: day,
            totals: ManagementFigures.totals(facts, on: day), contracts: lines,
            peopleTotal: Set(placements.map(\.candidate)).count,
            peopleByTargetGroup: TargetGroup.ordered(byGroup.keys).map { ($0, byGroup[$0]!) },
            peopleByBlock: BuildingBlock.ordered(byBlock.keys).map { ($0, byBlock[$0]!) },
            valueByBlock: BuildingBlock.ordered(valueByBlock.keys).map { ($0, valueByBlock[$0]!) },
            jobsThousandths: ManagementFigures.jobsThousandths(paidHoursInYear: Hours(hundredths: hours), year: filter.year, today: today),
            jobsGoal: org.jobsGoal, jobsGoalYear: org.jobsGoalYear, durability: durability,
            timeline: ManagementFigures.timeline(zip(lines, facts).map { ($0.1.obligation, $0.1.term) }, approved: approvedForTimeline,
                                                 year: filter.year, today: today),
            suppliers: suppliers, categories: categories, regions: regions)
        d.reservedContracts = contracts.filter(\.reserved).count
        if let currentPolicy { d.scheme = currentPolicy.valuation }
        d.peopleVerified = Set(placements.filter { $0.verified_by != nil }.map(\.candidate)).count
        d.matching = try await MatchingFigures.of(org, exact: false, today: today, on: db)
        d.lateReports = reporting.late.filter { selected.contains($0.contractID) }
        d.reviewBacklog = reporting.waiting.filter { selected.contains($0.contractID) }
        return d
    }

    /// The placements of the year on the contracts `ids` and their call-offs (`own`), with every placement of the
    /// same people anywhere on the platform, which revolving doors are judged against, and the paid hours in the year
    /// of the own doelgroepregister placements, summed in the database: one statement per 500 contracts (a person
    /// placed under contracts of two slices is read twice, and kept once).
    ///
    /// The own placements are a `UNION ALL` of the contracts' and their call-offs' (an `OR` of the two made
    /// PostgreSQL scan every placement, and its estimate switched on JIT compilation: 0,3 s a dashboard), computed
    /// once (`MATERIALIZED`: SQLite otherwise computes them for each of the two places that read them; for a buyer
    /// of 89 contracts 1,7 ms against 2,1). The hours in the same statement save a statement with a parameter per
    /// placement (2,97 ms against 1,71 + 1,65 in the `sqlite3` library, issue 20's seventh round).
    static func placementsInYear(of ids: [UUID], yearStart: Day, yearEnd: Day, on sql: any SQLDatabase) async throws
        -> (own: [PlacementRow], all: [DurabilityService.Row]) {
        var byID: [UUID: PlacementRow] = [:]
        var order: [UUID] = []
        for chunk in ids.chunked(500) {
            let rows = try await sql.rows("""
                WITH own AS MATERIALIZED (
                  SELECT p.id, p.candidate FROM placements p
                  WHERE p.contract_id IN (\(binds: chunk))
                    AND p.start_date <= \(bind: yearEnd.iso) AND (p.end_date IS NULL OR p.end_date >= \(bind: yearStart.iso))
                  UNION ALL
                  SELECT p.id, p.candidate FROM placements p JOIN contracts co ON co.id = p.contract_id
                  WHERE co.framework_id IN (\(binds: chunk))
                    AND p.start_date <= \(bind: yearEnd.iso) AND (p.end_date IS NULL OR p.end_date >= \(bind: yearStart.iso)))
                SELECT p.id, p.candidate, p.target_group, p.block, p.start_date, p.end_date, p.outcome, p.stacked_job_id, p.doelgroepregister,
                       p.hours_per_week, p.employment_kind, p.verified_by, p.id IN (SELECT id FROM own) AS own,
                       CASE WHEN p.doelgroepregister = \(bind: true) AND p.id IN (SELECT id FROM own) THEN
                         (SELECT CAST(COALESCE(SUM(h.hours), 0) AS BIGINT) FROM paid_hours h WHERE h.placement_id = p.id
                            AND h.period_start >= \(bind: yearStart.iso) AND h.period_end <= \(bind: yearEnd.iso)) END AS hours_in_year
                FROM placements p WHERE p.candidate IN (SELECT candidate FROM own)
                """)
            for row in rows {
                let p = try PlacementRow(row: row)
                if let seen = byID[p.id] {
                    if p.own && !seen.own { byID[p.id] = p }
                } else {
                    byID[p.id] = p
                    order.append(p.id)
                }
            }
        }
        let all = order.compactMap { byID[$0] }
        return (all.filter(\.own), all.map(\.durability))
    }
}

extension Array {
    /// Slices of at most `size` elements: a database limits the number of bound parameters.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }

    /// The `index`-th slice of at most `size` elements, nil when there is none.
    func slice(_ index: Int, _ size: Int) -> [Element]? {
        let start = index * size
        guard start < count else { return nil }
        return Array(self[start..<Swift.min(start + size, count)])
    }
}

extension Int {
    /// How many slices of at most `size` hold this many elements.
    func chunkCount(_ size: Int) -> Int { (self + size - 1) / size }
}
