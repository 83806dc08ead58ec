import Fluent
import Foundation
import SQLKit
import SROIDomain

/// A contract's open report periods by its policy (frequency, days to report), and the buyer's overview of late
/// reports and of reports waiting too long for review.
enum ReportCalendarService {
    static func open(for contract: ContractModel, today: Day, on db: any Database) async throws -> [ReportCalendar.Entry] {
        guard let id = contract.id else { return [] }
        return try await open(for: [contract], today: today, on: db)[id] ?? []
    }

    /// The open periods of many contracts, 500 at a time: their obligations and reports in a few queries, not
    /// three a contract (issue 20: the hourly reminders took 16 s of a core on 50.000 contracts).
    static func open(for contracts: [ContractModel], today: Day, on db: any Database) async throws -> [UUID: [ReportCalendar.Entry]] {
        var result: [UUID: [ReportCalendar.Entry]] = [:]
        let candidates = contracts.filter { $0.id != nil && $0.status.isAwarded && $0.frameworkID == nil && $0.term != nil }
        for chunk in candidates.chunked(500) {
            let obligations = try await ObligationService.obligations(for: chunk, explained: false, on: db)
            var reported: [UUID: [Term]] = [:]
            for r in try await ReportModel.query(on: db).filter(\.$contract.$id ~~ chunk.compactMap(\.id))
                .filter(\.$statusRaw != ReportStatus.draft.rawValue).all() {
                if let period = r.period { reported[r.$contract.id, default: []].append(period) }
            }
            for contract in chunk {
                guard let id = contract.id, let term = contract.term, let o = obligations[id], o.effective.applicable else { continue }
                result[id] = ReportCalendar.open(term: term, frequency: o.reportingFrequency, dueDays: o.policy.reportDueDays,
                                                 reported: reported[id] ?? [], today: today)
            }
        }
        return result
    }

    struct Late: Sendable {
        var contractID: UUID
        var contract: String
        var supplier: String
        var period: Term
        var dueDate: Day
    }

    struct Waiting: Sendable {
        var contractID: UUID
        var reportID: UUID
        var contract: String
        var supplier: String
        var submittedOn: Day
        var days: Int
    }

    /// Late reports of the buyer's contracts (by supplier), and submitted reports waiting longer than the policy's
    /// review backlog days.
    static func overview(for buyerID: UUID, today: Day, on db: any Database) async throws -> (late: [Late], waiting: [Waiting]) {
        let contracts = try await ContractModel.query(on: db).filter(\.$buyer.$id == buyerID)
            .filter(\.$statusRaw ~~ [ContractStatus.awarded.rawValue, ContractStatus.running.rawValue, ContractStatus.ended.rawValue])
            .filter(\.$frameworkID == nil).with(\.$supplier).all()
        // Every contract's obligation and reports in a few queries, not a handful per contract (issue 20: this ran
        // about twelve queries a contract on the management page).
        let obligations = try await ObligationService.obligations(for: contracts, explained: false, on: db)
        let suppliers = Dictionary(contracts.compactMap { c in c.supplier.map { (c.id!, $0.name) } }, uniquingKeysWith: { a, _ in a })
        return try await overview(of: contracts, obligations: obligations, suppliers: suppliers, today: today, on: db)
    }

    /// The same for contracts already loaded with their obligations and their suppliers' names (the dashboard has
    /// them): only their reports are read, as rows.
    static func overview<Contract: ContractFields>(of contracts: [Contract], obligations: [UUID: ContractObligation], suppliers: [UUID: String],
                         today: Day, on db: any Database) async throws -> (late: [Late], waiting: [Waiting]) {
        var reports: [UUID: [ReportRow]] = [:]
        guard let sql = db as? any SQLDatabase else { return ([], []) }
        for chunk in contracts.compactMap(\.id).chunked(500) {
            let rows = try await sql.rows("""
                SELECT id, contract_id, period_start, period_end, status, submitted_at FROM reports
                WHERE contract_id IN (\(binds: chunk)) AND status <> \(bind: ReportStatus.draft.rawValue)
                """).map(ReportRow.init(row:))
            for r in rows { reports[r.contractID, default: []].append(r) }
        }
        var late: [Late] = []
        var waiting: [Waiting] = []
        for c in contracts {
            guard let id = c.id, let o = obligations[id] else { continue }
            let supplier = suppliers[id] ?? "-"
            let own = reports[id] ?? []
            if c.status.isAwarded, let term = c.term, o.effective.applicable {
                let open = ReportCalendar.open(term: term, frequency: o.reportingFrequency, dueDays: o.policy.reportDueDays,
                                               reported: own.compactMap(\.period), today: today)
                for entry in open where entry.state == .overdue {
                    late.append(Late(contractID: id, contract: c.title, supplier: supplier, period: entry.period, dueDate: entry.dueDate))
                }
            }
            for r in own where r.status == .submitted {
                guard let at = r.submittedAt else { continue }
                let day = Platform.dayInAmsterdam(at)
                let days = day.daysUntil(today)
                if days > o.policy.reviewBacklogDays {
                    waiting.append(Waiting(contractID: id, reportID: r.id, contract: c.title, supplier: supplier,
                                           submittedOn: day, days: days))
                }
            }
        }
        return (late.sorted { ($0.supplier, $0.dueDate) < ($1.supplier, $1.dueDate) }, waiting.sorted { $0.days > $1.days })
    }

    /// What the overview needs of a report, read column by column (Fluent's model cost more than the query).
    struct ReportRow {
        var id: UUID
        var contractID: UUID
        var period: Term?
        var status: ReportStatus
        var submittedAt: Date?

        init(row: any RowColumns) throws {
            id = try row.uuid("id")
            contractID = try row.uuid("contract_id")
            let start = try row.string("period_start"), end = try row.string("period_end")
            period = Day(iso: start).flatMap { s in Day(iso: end).flatMap { e in Term(start: s, end: e) } }
            status = ReportStatus(rawValue: try row.string("status")) ?? .draft
            submittedAt = try row.optionalDate("submitted_at")
        }
    }
}
