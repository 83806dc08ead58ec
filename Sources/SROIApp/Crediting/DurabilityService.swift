import Fluent
import Foundation
import SQLKit
import SROIDomain

/// Durability of placements and revolving doors (draaideur), found by pseudonym across every contract and buyer.
/// A buyer learns only that a placement is flagged, never where else the person worked. A supplier's flags are
/// judged against its own placements only: it must not learn how another supplier's placement of a person ended.
enum DurabilityService {
    /// Whose placements a revolving door is judged against.
    enum Scope: Sendable, Equatable {
        /// Every placement on the platform: what a buyer (or the platform) sees, as a flag or a count.
        case platform
        /// Only the placements on contracts awarded to this supplier.
        case supplier(UUID)

        static func of(_ user: CurrentUser) -> Scope {
            user.isSupplier ? .supplier(user.organisationID) : .platform
        }

        /// `.supplier` in SQL, for every statement that reads the same people's placements: the join that keeps a
        /// placement (`alias`) only when its contract is the supplier's, up to the supplier's value, which follows it
        /// (a bound value, or a statement's numbered parameter).
        static func supplierJoin(placement alias: String) -> String {
            "JOIN contracts sc ON sc.id = \(alias).contract_id AND sc.supplier_id = "
        }
    }

    struct Summary: Sendable {
        var placements: Int
        var durable: Int
        var judged: Int
        var retention6: Durability.Retention
        var retention12: Durability.Retention
        var revolvingDoors: Int
    }

    /// What durability needs of a placement, read without the whole model.
    struct Row: Decodable, Sendable {
        var id: UUID
        var candidate: String
        var start_date: String
        var end_date: String?
        var outcome: String?
        var stacked_job_id: UUID?
        /// The step on the ladder: a later placement a step up is progression, not a door.
        var block: String? = nil
        var hours_per_week: Int64? = nil
        var employment_kind: String? = nil

        init(id: UUID, candidate: String, start_date: String, end_date: String?, outcome: String?, stacked_job_id: UUID?,
             block: String? = nil, hours_per_week: Int64? = nil, employment_kind: String? = nil) {
            self.id = id
            self.candidate = candidate
            self.start_date = start_date
            self.end_date = end_date
            self.outcome = outcome
            self.stacked_job_id = stacked_job_id
            self.block = block
            self.hours_per_week = hours_per_week
            self.employment_kind = employment_kind
        }

        init(_ p: PlacementModel) {
            id = p.id!
            candidate = p.candidate
            start_date = p.startDate
            end_date = p.endDate
            outcome = p.outcomeRaw
            stacked_job_id = p.stackedJobID
            block = p.blockRaw
            hours_per_week = p.hoursPerWeekHundredths
            employment_kind = p.employmentKind
        }

        /// Read column by column: SQLKit's `Decodable` row decoder cost as much as the query on the dashboard (issue 20).
        init(row: any RowColumns) throws {
            self.init(id: try row.uuid("id"), candidate: try row.string("candidate"),
                      start_date: try row.string("start_date"), end_date: try row.optionalString("end_date"),
                      outcome: try row.optionalString("outcome"), stacked_job_id: try row.optionalUUID("stacked_job_id"),
                      block: try row.optionalString("block"), hours_per_week: try row.optionalInt64("hours_per_week"),
                      employment_kind: try row.optionalString("employment_kind"))
        }

        var step: LadderStep? {
            guard let block, let hours_per_week else { return nil }
            return LadderStep(block: BuildingBlock(stored: block), hoursPerWeek: Hours(hundredths: hours_per_week), permanent: employment_kind == "permanent")
        }

        var span: PlacementSpan? {
            Day(iso: start_date).map { PlacementSpan(id: id.upperText, candidate: candidate, start: $0, end: end_date.flatMap(Day.init(iso:)),
                                                     outcome: outcome.flatMap(PlacementOutcome.init(rawValue:)), step: step) }
        }
    }

    /// Every placement of the given people within the scope (anywhere, or on one supplier's contracts), in one query
    /// per 500 people.
    static func placements(ofCandidates candidates: Set<String>, scope: Scope = .platform, on db: any Database) async throws -> [Row] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let list = Array(candidates)
        var rows: [Row] = []
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = Array(list[start..<min(start + 500, list.count)])
            switch scope {
            case .platform:
                rows += try await sql.rows("""
                    SELECT id, candidate, start_date, end_date, outcome, stacked_job_id, block, hours_per_week, employment_kind FROM placements WHERE candidate IN (\(binds: chunk))
                    """).map(Row.init(row:))
            case .supplier(let supplier):
                rows += try await sql.rows("""
                    SELECT p.id, p.candidate, p.start_date, p.end_date, p.outcome, p.stacked_job_id, p.block, p.hours_per_week, p.employment_kind FROM placements p
                    \(unsafeRaw: Scope.supplierJoin(placement: "p"))\(bind: supplier) WHERE p.candidate IN (\(binds: chunk))
                    """).map(Row.init(row:))
            }
        }
        return rows
    }

    /// The placements among `placements` that are revolving doors, judged against `all` placements of the same people.
    static func revolvingDoors(among placements: [Row], all: [Row], today: Day) -> Set<UUID> {
        // Parts of one stacked job are one job, not a door.
        let own = Set(placements.map(\.id))
        var seenJobs: Set<UUID> = []
        let spans = all.filter { p in p.stacked_job_id.map { seenJobs.insert($0).inserted || own.contains(p.id) } ?? true }.compactMap(\.span)
        let flagged = Durability.revolvingDoors(spans, on: today)
        return Set(placements.map(\.id).filter { flagged.contains($0.upperText) })
    }

    static func revolvingDoors(among placements: [PlacementModel], today: Day, scope: Scope, on db: any Database) async throws -> Set<UUID> {
        let rows = placements.filter { $0.id != nil }.map(Row.init)
        guard !rows.isEmpty else { return [] }
        return revolvingDoors(among: rows, all: try await self.placements(ofCandidates: Set(rows.map(\.candidate)), scope: scope, on: db), today: today)
    }

    static func summary(of rows: [Row], all: [Row], today: Day) -> Summary {
        let spans = rows.compactMap(\.span)
        let share = Durability.durableShare(spans, on: today)
        return Summary(placements: spans.count, durable: share.durable, judged: share.judged,
                       retention6: Durability.retention(spans, months: 6, on: today),
                       retention12: Durability.retention(spans, months: 12, on: today),
                       revolvingDoors: revolvingDoors(among: rows, all: all, today: today).count)
    }

    static func summary(of placements: [PlacementModel], today: Day, scope: Scope, on db: any Database) async throws -> Summary {
        let rows = placements.filter { $0.id != nil }.map(Row.init)
        return summary(of: rows, all: try await self.placements(ofCandidates: Set(rows.map(\.candidate)), scope: scope, on: db), today: today)
    }
}
