import Fluent
import Foundation
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
    /// Choices for the filters.
    var suppliers: [(UUID, String)]
    var categories: [(String, String)]
    var regions: [String]
}

enum DashboardService {
    static func dashboard(organisation organisationID: UUID, filter: DashboardFilter, today: Day, on db: any Database) async throws -> Dashboard {
        guard let org = try await OrganisationModel.find(organisationID, on: db), org.kind == .buyer else { throw AppError.notFound }
        let day = ManagementFigures.reportingDay(year: filter.year, today: today)
        let yearStart = Day(year: filter.year, month: 1, day: 1)!, yearEnd = Day(year: filter.year, month: 12, day: 31)!
        let statuses = filter.status.map { [$0.rawValue] } ?? [ContractStatus.awarded, .running, .ended].map(\.rawValue)
        let all = try await ContractModel.query(on: db).filter(\.$buyer.$id == organisationID).filter(\.$frameworkID == nil)
            .filter(\.$statusRaw ~~ statuses).filter(\.$startDate <= yearEnd.iso).filter(\.$endDate >= yearStart.iso)
            .with(\.$supplier).sort(\.$endDate).all()
        let category = { (c: ContractModel) in c.cpv.map { String($0.prefix(2)) } ?? "" }
        // The filter choices come from the year's contracts before the other filters narrow them.
        let suppliers = Dictionary(all.compactMap { c in c.supplier.map { ($0.id!, $0.name) } }, uniquingKeysWith: { a, _ in a })
            .sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        let categories = Set(all.map(category)).filter { !$0.isEmpty }.sorted()
            .map { code in (code, CPVCode(code + "000000").flatMap(CPVDivision.name(of:)).map { "\(code) \($0)" } ?? code) }
        let regions = Set(all.compactMap(\.region)).sorted()
        let contracts = all.filter { c in
            (filter.category.map { category(c) == $0 } ?? true) && (filter.supplierID.map { c.$supplier.id == $0 } ?? true)
                && (filter.region.map { c.region == $0 } ?? true)
        }
        let ids = contracts.compactMap(\.id)
        let obligations = try await ObligationService.obligations(for: contracts, on: db)

        // Report lines of these obligations: approved (by period end) and pending in submitted reports.
        let items = ids.isEmpty ? [] : try await ReportItemModel.query(on: db).filter(\.$contractID ~~ ids)
            .filter(\.$decision != "rejected").with(\.$report).all()
        var facts: [ManagementFigures.ContractFacts] = []
        var lines: [Dashboard.ContractLine] = []
        var approvedForTimeline: [(periodEnd: Day, value: Money)] = []
        var valueByBlock: [BuildingBlock: Money] = [:]
        let itemsByContract = Dictionary(grouping: items, by: \.contractID)
        for c in contracts {
            guard let id = c.id, let term = c.term, let o = obligations[id] else { continue }
            let obligation = o.effective.amount
            var realised = Money.zero, contributions = Money.zero, inYear = Money.zero, pending = Money.zero
            for item in itemsByContract[id] ?? [] {
                guard let end = Day(iso: item.report.periodEnd) else { continue }
                let value = Money(cents: item.valueCents)
                if item.decision == "pending" {
                    if item.report.status == .submitted { pending = pending + value }
                    continue
                }
                guard end <= day else { continue }
                if item.blockRaw == BuildingBlock.socialContribution.rawValue { contributions = contributions + value } else { realised = realised + value }
                if end >= yearStart { inYear = inYear + value }
                approvedForTimeline.append((end, value))
                if end >= yearStart, let block = BuildingBlock(rawValue: item.blockRaw) { valueByBlock[block, default: .zero] = valueByBlock[block, default: .zero] + value }
            }
            // Social contributions count up to the policy's cap, as on the contract's own progress.
            if contributions.cents > 0 {
                realised = realised + ActivityValuation.capContributions(contributions, obligation: obligation, cap: o.policy.valuation.socialContributionCap).value
            }
            let f = ManagementFigures.ContractFacts(obligation: obligation, term: term, realised: realised, realisedInYear: inYear, pending: pending,
                                                     green: o.policy.statusGreenThreshold, amber: o.policy.statusAmberThreshold)
            facts.append(f)
            let p = ProgressCalculator.progress(obligation: obligation, term: term, today: day, realised: realised, pending: pending,
                                                green: f.green, amber: f.amber)
            lines.append(.init(id: id, title: c.title, supplier: c.supplier?.name ?? "-", category: category(c), region: c.region ?? "-",
                               status: c.status, obligation: obligation, realised: realised, realisedInYear: inYear, pending: pending,
                               expected: p.expected, progress: p.status))
        }

        // People placed in the year on these contracts and their call-offs.
        let callOffIDs = ids.isEmpty ? [] : try await ContractModel.query(on: db).filter(\.$frameworkID ~~ ids).all().compactMap(\.id)
        let placementContracts = ids + callOffIDs
        let placements = placementContracts.isEmpty ? [] : try await PlacementModel.query(on: db).filter(\.$contract.$id ~~ placementContracts)
            .filter(\.$startDate <= yearEnd.iso).group(.or) { $0.filter(\.$endDate == nil).filter(\.$endDate >= yearStart.iso) }.all()
        let byGroup = ManagementFigures.distinctPeople(placements.map { (key: $0.targetGroup, candidate: $0.candidate) })
        let byBlock = ManagementFigures.distinctPeople(placements.map { (key: $0.block, candidate: $0.candidate) })
        let registered = placements.filter(\.doelgroepregister).compactMap(\.id)
        var hours: Int64 = 0
        for chunk in stride(from: 0, to: registered.count, by: 500) {
            hours += try await PaidHoursModel.query(on: db).filter(\.$placement.$id ~~ Array(registered[chunk..<min(chunk + 500, registered.count)]))
                .filter(\.$periodStart >= yearStart.iso).filter(\.$periodEnd <= yearEnd.iso).sum(\.$hoursHundredths) ?? 0
        }
        let durability = try await DurabilityService.summary(of: placements, today: day, on: db)
        return Dashboard(
            organisationID: organisationID, organisationName: org.name, filter: filter, day: day,
            totals: ManagementFigures.totals(facts, on: day), contracts: lines,
            peopleTotal: Set(placements.map(\.candidate)).count,
            peopleByTargetGroup: TargetGroup.allCases.compactMap { g in byGroup[g].map { (g, $0) } },
            peopleByBlock: BuildingBlock.allCases.compactMap { b in byBlock[b].map { (b, $0) } },
            valueByBlock: BuildingBlock.allCases.compactMap { b in valueByBlock[b].map { (b, $0) } },
            jobsThousandths: ManagementFigures.jobsThousandths(paidHoursInYear: Hours(hundredths: hours), year: filter.year, today: today),
            jobsGoal: org.jobsGoal, jobsGoalYear: org.jobsGoalYear, durability: durability,
            timeline: ManagementFigures.timeline(zip(lines, facts).map { ($0.1.obligation, $0.1.term) }, approved: approvedForTimeline,
                                                 year: filter.year, today: today),
            suppliers: suppliers, categories: categories, regions: regions)
    }
}
