import Fluent
import Foundation
import SROIDomain

/// One line a report would hold: the value of a source in the period, credited to this contract's obligation.
struct ReportItemDraft: Sendable {
    var sourceType: String
    var sourceID: UUID
    var block: BuildingBlock
    var value: Money
    var explanation: [String]
}

/// The report workflow: the supplier drafts a report for a period and submits it; the buyer approves or rejects
/// each line with a comment, or asks for more information; the supplier answers and submits again.
enum ReportService {
    /// The lines of a period: every placement credited to this obligation, valued for the days in the period, and
    /// every activity dated in it, each for the share this obligation holds. The own obligation keeps what transfers
    /// did not take; a transferred placement counts for the receiving obligation from the day the transfer took
    /// effect. Periods do not overlap and shares never add up to more than the whole, so nothing counts twice.
    static func lines(for contract: ContractModel, period: Term, on db: any Database) async throws -> [ReportItemDraft] {
        let contractID = try contract.requireID()
        guard let term = contract.term, let obligation = try await ObligationService.obligation(for: contract, on: db) else { return [] }
        let policy = obligation.policy
        let scheme = policy.valuation
        let mine = try await AllocationModel.query(on: db).filter(\.$contract.$id == contractID).filter(\.$status == "accepted").all()
        guard !mine.isEmpty else { return [] }
        let sourceIDs = Set(mine.map(\.sourceID))
        let allAccepted = Dictionary(grouping: try await AllocationModel.query(on: db).filter(\.$sourceID ~~ sourceIDs)
            .filter(\.$status == "accepted").all(), by: \.sourceID)
        let own = Dictionary(mine.map { ($0.sourceID, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [ReportItemDraft] = []

        let placements = try await PlacementModel.query(on: db).filter(\.$id ~~ sourceIDs).with(\.$contract).sort(\.$startDate).all()
        let stacks = try await StackedJobs.siblings(of: placements, on: db)
        let paid = try await PaidHoursService.recorded(for: placements.compactMap(\.id), overlapping: period, on: db)
        for placement in placements {
            guard let id = placement.id, let allocation = own[id] else { continue }
            // The policy counts only target groups a job service established: an unverified placement is a line of
            // € 0 that says why, so the supplier sees it and can have the group established.
            if policy.requireVerifiedTargetGroup, placement.verifiedBy == nil {
                if placement.span.map({ s in s.start <= period.end && (s.end ?? period.end) >= period.start }) == true {
                    lines.append(ReportItemDraft(sourceType: "placement", sourceID: id, block: placement.block, value: .zero, explanation: [
                        Pseudonymizer.display(placement.candidate) + ":",
                        "Telt niet: het beleid vraagt een doelgroep die werkgeversdienstverlening (WSP, UWV) heeft vastgesteld, via een voordracht op een vacature."]))
                }
                continue
            }
            let value = { (window: Term) -> Valuation in
                let v = StackedJobs.value(placement, siblings: stacks[placement.stackedJobID ?? UUID()] ?? [], paidHours: paid[id] ?? [],
                                          unpaid: policy.unpaidPeriods, scheme: scheme, contract: term, window: window)
                return RegionCrediting.credit(v, placementRegion: placement.region, contractRegion: contract.region, share: policy.outOfRegionShare)
            }
            let isHome = placement.contract.obligationContractID == contractID
            let others = (allAccepted[id] ?? []).filter { $0.$contract.id != placement.contract.obligationContractID }
            var line: ReportItemDraft
            if isHome {
                let whole = value(period)
                guard whole.value.cents > 0 else { continue }
                line = ReportItemDraft(sourceType: "placement", sourceID: id, block: placement.block, value: whole.value,
                                       explanation: [Pseudonymizer.display(placement.candidate) + ":"] + whole.explanation)
                if !others.isEmpty {
                    // Split the period where a transfer took effect; each part keeps what the transfers leave.
                    let transfers = others.map {
                        TransferSplit.Transfer(shareBasisPoints: $0.shareBasisPoints, from: $0.effectiveFrom.flatMap(Day.init(iso:)) ?? period.start)
                    }
                    let total = TransferSplit.ownParts(of: period, transfers: transfers).reduce(Int64(0)) { sum, part in
                        sum + divideRoundingHalfUp(value(part.window).value.cents * Int64(part.keptBasisPoints), by: 10_000)
                    }
                    line.value = Money(cents: total)
                    line.explanation.append("Na overdracht aan andere verplichtingen blijft voor deze verplichting: \(line.value)")
                }
            } else {
                let effective = allocation.effectiveFrom.flatMap(Day.init(iso:)) ?? period.start
                guard let window = Term(start: max(effective, period.start), end: period.end) else { continue }
                let v = value(window)
                line = ReportItemDraft(sourceType: "placement", sourceID: id, block: placement.block, value: v.value,
                                       explanation: [Pseudonymizer.display(placement.candidate) + ":"] + v.explanation)
                line = shared(line, share: allocation.shareBasisPoints, note: "overgedragen vanaf \(effective.dutch)")
            }
            guard line.value.cents > 0 else { continue }
            lines.append(line)
        }

        let activities = try await ActivityModel.query(on: db).filter(\.$id ~~ sourceIDs).with(\.$contract)
            .filter(\.$activityDate >= period.start.iso).filter(\.$activityDate <= period.end.iso).sort(\.$activityDate).all()
        for activity in activities {
            guard let id = activity.id, let allocation = own[id] else { continue }
            let valuation = ActivityValuation.value(activity.facts, scheme: scheme)
            var line = ReportItemDraft(sourceType: "activity", sourceID: id, block: activity.block, value: valuation.value,
                                       explanation: [activity.summary + ":"] + valuation.explanation)
            if activity.contract.obligationContractID == contractID {
                let others = (allAccepted[id] ?? []).filter { $0.$contract.id != contractID }
                if !others.isEmpty, let kept = AllocationLedger(others: others.map(\.share), value: valuation.value).remaining {
                    line.value = kept
                    line.explanation.append("Na overdracht aan andere verplichtingen blijft voor deze verplichting: \(kept)")
                }
            } else if let amount = allocation.amountCents {
                line.value = Money(cents: min(amount, valuation.value.cents))
                line.explanation.append("Overgedragen aan deze verplichting: \(line.value)")
            } else {
                line = shared(line, share: allocation.shareBasisPoints, note: "overgedragen")
            }
            guard line.value.cents > 0 else { continue }
            lines.append(line)
        }
        return lines
    }

    private static func shared(_ line: ReportItemDraft, share: Int, note: String) -> ReportItemDraft {
        guard share < 10_000 else { return line }
        var l = line
        l.value = Money(cents: divideRoundingHalfUp(line.value.cents * Int64(share), by: 10_000))
        l.explanation.append("Toegerekend aan deze verplichting (\(note)): \(Percentage(basisPoints: share)) = \(l.value)")
        return l
    }

    static func create(period: Term, note: String?, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> ReportModel {
        try FulfilmentAccess.requireReporter(user, for: contract)
        let contractID = try contract.requireID()
        if contract.frameworkID != nil {
            throw AppError.conflict(field: "contract", message: "Dit is een nadere opdracht: u rapporteert één keer, via de raamovereenkomst.")
        }
        var errors: [FieldError] = []
        if let term = contract.term, period.start < term.start || period.end > term.end {
            errors.append(.init(field: "periodStart", message: "de periode valt buiten de looptijd van het contract (\(term.start.dutch) – \(term.end.dutch))"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let existing = try await ReportModel.query(on: db).filter(\.$contract.$id == contractID).all()
        if let clash = existing.first(where: { r in r.period.map { $0.start <= period.end && period.start <= $0.end } ?? false }) {
            throw AppError.conflict(field: "periodStart", message: "er is al een rapportage over \(clash.period!.start.dutch) – \(clash.period!.end.dutch); periodes mogen niet overlappen")
        }
        let report = ReportModel()
        report.$contract.id = contractID
        report.periodStart = period.start.iso
        report.periodEnd = period.end.iso
        report.statusRaw = ReportStatus.draft.rawValue
        report.supplierNote = note.flatMap { $0.isEmpty ? nil : $0 }
        try await db.writeTransaction { db in
            try await report.create(on: db)
            try await AuditLog.record(.create, objectType: "report", objectID: report.id, by: user,
                                      before: Optional<String>.none, after: ["periodStart": period.start.iso, "periodEnd": period.end.iso], about: contract.$buyer.id, on: db)
        }
        return report
    }

    /// Submits a draft, or a report the buyer asked more about: its undecided lines are recomputed from the
    /// current placements, hours and activities; lines already decided stay as they are.
    static func submit(_ report: ReportModel, note: String?, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws {
        try FulfilmentAccess.requireReporter(user, for: contract)
        guard report.status.isOpenForSupplier, let period = report.period else {
            throw AppError.conflict(field: "status", message: "Deze rapportage is al ingediend (\(report.status.dutchLabel)).")
        }
        let reportID = try report.requireID()
        let contractID = try contract.requireID()
        let fresh = try await lines(for: contract, period: period, on: db)
        try await db.writeTransaction { db in
            let kept = try await ReportItemModel.query(on: db).filter(\.$report.$id == reportID).filter(\.$decisionRaw != LineDecision.pending.rawValue).all()
            let keptSources = Set(kept.map(\.sourceID))
            try await ReportItemModel.query(on: db).filter(\.$report.$id == reportID).filter(\.$decisionRaw == LineDecision.pending.rawValue).delete()
            for line in fresh where !keptSources.contains(line.sourceID) {
                let item = ReportItemModel()
                item.$report.id = reportID
                item.sourceType = line.sourceType
                item.sourceID = line.sourceID
                item.contractID = contractID
                item.blockRaw = line.block.rawValue
                item.valueCents = line.value.cents
                item.explanation = line.explanation.joined(separator: " ")
                item.decision = .pending
                try await item.create(on: db)
            }
            report.statusRaw = ReportStatus.submitted.rawValue
            report.submittedAt = Date()
            report.submittedBy = user.userID
            if let note, !note.isEmpty { report.supplierNote = note }
            try await report.update(on: db)
            try await AuditLog.record(.update, objectType: "report", objectID: reportID, by: user,
                                      before: ["status": "open"], after: ["status": "submitted", "lines": String(fresh.count)], about: contract.$buyer.id, on: db)
            try await ReportSubmissions.record(report, on: db)
            try await EventNotifications.reportSubmitted(report, contract: contract, by: user, on: db)
        }
    }

    enum Decision: String { case approved, rejected }

    /// Decides lines of a submitted report; nil `itemIDs` means every line still pending.
    static func decide(_ decision: Decision, items itemIDs: [UUID]?, comment: String?, report: ReportModel, on contract: ContractModel,
                       by user: CurrentUser, on db: any Database) async throws {
        try FulfilmentAccess.requireReviewer(user, for: contract)
        guard report.status == .submitted else {
            throw AppError.conflict(field: "status", message: "Alleen een ingediende rapportage kan worden beoordeeld (nu: \(report.status.dutchLabel)).")
        }
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if decision == .rejected && trimmed.isEmpty {
            throw AppError.validation([.init(field: "comment", message: "geef bij afkeuren een toelichting voor de opdrachtnemer")])
        }
        let reportID = try report.requireID()
        try await db.writeTransaction { db in
            var query = ReportItemModel.query(on: db).filter(\.$report.$id == reportID).filter(\.$decisionRaw == LineDecision.pending.rawValue)
            if let itemIDs { query = query.filter(\.$id ~~ itemIDs) }
            let items = try await query.all()
            if let itemIDs, items.count != Set(itemIDs).count {
                throw AppError.validation([.init(field: "items", message: "een of meer regels bestaan niet of zijn al beoordeeld")])
            }
            for item in items {
                item.decision = decision == .approved ? .approved : .rejected
                item.comment = trimmed.isEmpty ? nil : trimmed
                item.decidedBy = user.userID
                item.decidedAt = Date()
                try await item.update(on: db)
                try await AuditLog.record(decision == .approved ? .approve : .reject, objectType: "report_item", objectID: item.id, by: user,
                                          before: ["decision": LineDecision.pending.rawValue], after: ["decision": decision.rawValue, "comment": trimmed], about: contract.$buyer.id, on: db)
                try await ReportLineThread.record(decision == .approved ? .approved : .rejected, text: trimmed, on: item, by: user, on: db)
            }
            try await settle(report, contract: contract, on: db, by: user)
        }
    }

    /// Once no line is pending, the report is approved, partly approved or rejected.
    private static func settle(_ report: ReportModel, contract: ContractModel, on db: any Database, by user: CurrentUser) async throws {
        let all = try await ReportItemModel.query(on: db).filter(\.$report.$id == report.requireID()).all()
        guard let settled = ReportStatus.settled(all.map(\.decision)) else { return }
        report.statusRaw = settled.rawValue
        report.reviewedAt = Date()
        report.reviewedBy = user.userID
        try await report.update(on: db)
        try await EventNotifications.reportDecided(report, contract: contract, on: db)
    }

    static func requestInformation(_ report: ReportModel, comment: String?, on contract: ContractModel, by user: CurrentUser,
                                   on db: any Database) async throws {
        try FulfilmentAccess.requireReviewer(user, for: contract)
        guard report.status == .submitted else {
            throw AppError.conflict(field: "status", message: "Alleen bij een ingediende rapportage kunt u om meer informatie vragen.")
        }
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !trimmed.isEmpty else {
            throw AppError.validation([.init(field: "comment", message: "schrijf welke informatie u nodig heeft")])
        }
        report.statusRaw = ReportStatus.infoRequested.rawValue
        report.reviewComment = trimmed
        report.reviewedAt = Date()
        report.reviewedBy = user.userID
        try await db.writeTransaction { db in
            try await report.update(on: db)
            try await AuditLog.record(.update, objectType: "report", objectID: report.id, by: user,
                                      before: ["status": "submitted"], after: ["status": "info_requested", "comment": trimmed], about: contract.$buyer.id, on: db)
            try await EventNotifications.informationRequested(report, contract: contract, on: db)
        }
    }
}
