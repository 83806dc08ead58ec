import Fluent
import Foundation
import SROIDomain
import Vapor

/// Turning reports and progress into what the API and pages show.
enum ReportViews {
    /// The report with its lines; the lines (one per person or activity) only for whoever sees the persons
    /// (`FulfilmentAccess.seesPersons`), the totals for everyone who may see the contract.
    static func dto(_ r: ReportModel, contract: ContractModel, for viewer: CurrentUser, on db: any Database) async throws -> ReportDTO {
        try await dto(r, contract: contract, withLines: FulfilmentAccess.seesPersons(viewer, of: contract), on: db)
    }

    static func dto(_ r: ReportModel, contract: ContractModel, withLines: Bool, on db: any Database) async throws -> ReportDTO {
        var items: [ReportItemDTO]
        if r.status == .draft, let period = r.period {
            items = try await ReportService.lines(for: contract, period: period, on: db).map(ReportItemDTO.init(preview:))
        } else {
            let models = try await ReportItemModel.query(on: db).filter(\.$report.$id == r.requireID()).all()
            let threads = withLines ? try await ReportLineThread.threads(of: models.compactMap(\.id), on: db) : [:]
            items = models.map { m in
                var dto = ReportItemDTO(m)
                dto.thread = (threads[m.id!] ?? []).map { ReportItemMessageDTO($0, supplierID: contract.$supplier.id) }
                return dto
            }
            items.sort { $0.explanation < $1.explanation }
        }
        var dto = ReportDTO(id: try r.requireID(), contractId: r.$contract.id, periodStart: r.periodStart, periodEnd: r.periodEnd,
                         status: r.statusRaw, supplierNote: r.supplierNote, reviewComment: r.reviewComment, submittedAt: r.submittedAt,
                         reviewedAt: r.reviewedAt, items: withLines ? items : [],
                         totalCents: items.reduce(0) { $0 + $1.valueCents },
                         approvedCents: items.filter { $0.decision == LineDecision.approved.rawValue }.reduce(0) { $0 + $1.valueCents })
        if let by = r.submittedBy, let submitter = try await UserModel.query(on: db).filter(\.$id == by).with(\.$organisation).first() {
            dto.submittedByOrganisation = submitter.organisation.name
            dto.submittedOnBehalf = submitter.$organisation.id != contract.$supplier.id
        }
        if withLines, r.status != .draft { dto.changes = try await ReportSubmissions.changes(of: r.requireID(), on: db).map(SubmissionChangesDTO.init) }
        return dto
    }

    static func progressDTO(_ r: ContractProgressReport, contractID: UUID, counts c: ContractPersonCounts) -> ProgressDTO {
        let p = r.progress
        // Hidden counts are null, with "< 5" or "afgeschermd" in `display`.
        func count(_ key: String, _ label: String, _ n: PersonCount) -> ProgressDTO.Count {
            .init(key: key, label: label, count: n.value, display: n.display)
        }
        let percent = ContractPersonCounts.percent
        let d = r.durability
        let durability: [ProgressDTO.Count] = d == nil ? [] : [
            count("placements", "plaatsingen", c.placements), count("judged", "beoordeeld op duurzaamheid", c.judged),
            count("durable", "duurzaam", c.durable), count("eligible6", "gestart ten minste 6 maanden geleden", c.eligible6),
            count("retained6", "na 6 maanden nog aan het werk", c.retained6),
            count("eligible12", "gestart ten minste 12 maanden geleden", c.eligible12),
            count("retained12", "na 12 maanden nog aan het werk", c.retained12),
            count("revolvingDoors", "draaideur", c.revolvingDoors),
        ]
        return ProgressDTO(
            contractId: contractID, obligationCents: p.obligation.cents, realisedCents: p.realised.cents, pendingCents: p.pending.cents,
            expectedCents: p.expected.cents, forecastCents: p.forecast?.cents, status: p.status.rawValue, statusLabel: p.status.dutchLabel,
            shareOfExpectedPercent: p.shareOfExpected.map(PercentNumber.number), banenafspraakJobs: Double(r.jobsThousandths) / 1000,
            peopleByTargetGroup: c.byTargetGroup.map { count($0.0.rawValue, c.scheme.label(of: $0.0), $0.1) },
            peopleByBuildingBlock: c.byBlock.map { count($0.0.rawValue, c.scheme.label(of: $0.0), $0.1) },
            explanation: p.explanation, realisedOutOfRegionCents: r.realisedOutOfRegion.cents,
            realisedInRegionCents: p.realised.cents - r.realisedOutOfRegion.cents, durability: durability,
            durablePercent: percent(c.durable, c.judged), retention6Percent: percent(c.retained6, c.eligible6),
            retention12Percent: percent(c.retained12, c.eligible12), bookedTo: nil,
            target: r.target.flatMap { t in r.targetKind.map { TargetProgressDTO(kind: $0, description: r.targetDescription ?? "", t) } })
    }
}
