import Fluent
import Foundation
import SQLKit
import SROIDomain

/// The shared picture of a contract: obligation, realised (approved), pending, expected, status, forecast,
/// people placed and banenafspraak jobs. Both sides see the same numbers; only small person counts differ.
struct ContractProgressReport: Sendable {
    var progress: ContractProgress
    var jobsThousandths: Int64
    /// Distinct persons placed on the contract.
    var peopleTotal: Int
    var peopleByTargetGroup: [(TargetGroup, Int)]
    var peopleByBlock: [(BuildingBlock, Int)]
    /// Approved value of placements of people from outside the contract's labour-market region (already credited
    /// for the policy's share), next to the total.
    var realisedOutOfRegion: Money = .zero
    var durability: DurabilityService.Summary? = nil
    /// The contract's valuation table: the names of its own target groups and blocks.
    var scheme: ValuationScheme = .haaglanden2023
    /// The progress of an obligation agreed in jobs, placements or effort; the contract's status is then its status.
    var target: TargetProgress? = nil
    var targetKind: String? = nil
    var targetDescription: String? = nil
}

enum ProgressService {
    /// The picture of one contract as seen by `scope`: revolving doors of a supplier's view are judged against its
    /// own placements only.
    static func report(for contract: some ContractFields, context: ObligationService.Context? = nil, today: Day, scope: DurabilityService.Scope,
                       on db: any Database) async throws -> ContractProgressReport? {
        guard let term = contract.term, let obligation = try await ObligationService.obligation(for: contract, context: context, on: db) else { return nil }
        guard let contractID = contract.id else { return nil }
        let policy = obligation.policy
        // Rows read with statements written out: Fluent's aliased columns cost more than these rows (issue 20).
        guard let sql = db as? any SQLDatabase else { return nil }
        let lines = try await ReportLine.of(contract: contractID, on: db)
        let approved = lines.map(\.item).filter { $0.decision == .approved }
        let realisedValue = RealisedValue.of(approved: approved.map { (block: BuildingBlock(stored: $0.blockRaw), value: Money(cents: $0.valueCents)) }, obligation: obligation.effective.amount,
                                             contributionCap: policy.valuation.socialContributionCap)
        let realised = realisedValue.value
        var pending = Money.zero
        for line in lines where line.awaitsReview {
            pending = pending + Money(cents: line.item.valueCents)
        }
        var progress = ProgressCalculator.progress(obligation: obligation.effective.amount, term: term, today: today, realised: realised,
                                                   pending: pending, green: policy.statusGreenThreshold, amber: policy.statusAmberThreshold)
        if !realisedValue.contributionNote.isEmpty { progress.explanation.append(realisedValue.contributionNote.joined(separator: " ")) }
        var targetProgress: TargetProgress?
        if let target = obligation.effective.target {
            targetProgress = try await TargetService.progress(of: target, contract: contract, policy: policy, lines: lines, today: today, on: db)
            if let t = targetProgress {
                progress.status = t.status
                progress.explanation = t.explanation
            }
        }

        // The contract's placements, each doelgroepregister one with its paid hours summed beside it (a placement has a
        // line a month or a week), and for durability every placement of the same people within the scope, as
        // `DurabilityService.placements(ofCandidates:scope:)` reads them: one statement (issue 20).
        let read = switch scope {
        case .platform: try await sql.modelRows(ProgressPlacementsRead(contractID: contractID), as: PlacementModel.self)
        case .supplier(let supplier):
            try await sql.modelRows(SupplierProgressPlacementsRead(contractID: contractID, supplier: supplier), as: PlacementModel.self)
        }
        var placed: [(model: PlacementModel, row: any RowColumns)] = []
        var samePeople: [DurabilityService.Row] = []
        for entry in read {
            if try entry.row.int64("own") == 1 { placed.append(entry) } else { samePeople.append(DurabilityService.Row(entry.model)) }
        }
        let placements = placed.map(\.model)
        let people = Set(placements.map(\.candidate)).count
        var byGroup: [TargetGroup: Set<String>] = [:]
        var byBlock: [BuildingBlock: Set<String>] = [:]
        for p in placements {
            byGroup[p.targetGroup, default: []].insert(p.candidate)
            byBlock[p.block, default: []].insert(p.candidate)
        }
        // Banenafspraak jobs so far: paid hours of doelgroepregister placements / (25,5 × weeks elapsed).
        let hours = Hours(hundredths: try placed.reduce(Int64(0)) { $0 + (try $1.row.optionalInt64("registered_hours") ?? 0) })
        let jobs = BanenafspraakJobs.thousandths(paidHours: hours, days: term.elapsedDays(on: today))
        // Out of region: approved placement lines whose person comes from another labour-market region.
        let approvedPlacementIDs = Set(approved.filter { $0.sourceType == "placement" }.map(\.sourceID))
        var outside: Set<UUID> = []
        // Mostly the contract's own placements, read above; others (a framework's call-offs) in one query.
        var regions: [UUID: String?] = [:]
        for p in placements { if let id = p.id, approvedPlacementIDs.contains(id) { regions[id] = p.region } }
        let elsewhere = approvedPlacementIDs.subtracting(regions.keys)
        if !elsewhere.isEmpty {
            for p in try await PlacementModel.query(on: db).filter(\.$id ~~ elsewhere).all() { regions[try p.requireID()] = p.region }
        }
        for (id, region) in regions where RegionCrediting.isOutOfRegion(placement: region, contract: contract.region) { outside.insert(id) }
        let realisedOutOfRegion = approved.filter { outside.contains($0.sourceID) }.reduce(Money.zero) { $0 + Money(cents: $1.valueCents) }
        let durability = DurabilityService.summary(of: placements.map(DurabilityService.Row.init), all: samePeople, today: today)
        return ContractProgressReport(
            progress: progress, jobsThousandths: jobs, peopleTotal: people,
            peopleByTargetGroup: TargetGroup.ordered(byGroup.keys).map { ($0, byGroup[$0]!.count) },
            peopleByBlock: BuildingBlock.ordered(byBlock.keys).map { ($0, byBlock[$0]!.count) },
            realisedOutOfRegion: realisedOutOfRegion, durability: durability, scheme: policy.valuation, target: targetProgress,
            targetKind: obligation.effective.target?.kind, targetDescription: obligation.effective.targetDescription)
    }
}
