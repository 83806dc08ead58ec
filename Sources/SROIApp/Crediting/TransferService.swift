import Fluent
import Foundation
import SROIDomain

/// Bundling and transfer (bundelen en overdragen): a supplier proposes to credit part of a placement or activity
/// to another of its obligations, also with another buyer; that buyer's coordinator accepts or declines.
/// The own obligation keeps the rest. Proposals are reserved while they wait, so value is never handed out twice.
enum TransferService {
    struct Proposal: Sendable {
        var sourceType: String?
        var sourceID: UUID?
        var targetContractID: UUID?
        /// Percentage 0–100, or
        var percentage: Percentage?
        /// a fixed amount (activities only).
        var amount: Money?
        var reason: String?
    }

    /// The source and the contract whose obligation it counts for by default.
    private static func source(type: String?, id: UUID?, on db: any Database) async throws -> (home: ContractModel, value: Money?, label: String) {
        guard let id else { throw AppError.validation([.init(field: "sourceId", message: "kies een plaatsing of activiteit")]) }
        switch type {
        case "placement":
            guard let p = try await PlacementModel.query(on: db).filter(\.$id == id).with(\.$contract).first() else { throw AppError.notFound }
            return (try await home(of: p.contract, on: db), nil, Pseudonymizer.display(p.candidate) + " (" + p.block.dutchLabel + ")")
        case "activity":
            guard let a = try await ActivityModel.query(on: db).filter(\.$id == id).with(\.$contract).first() else { throw AppError.notFound }
            let home = try await home(of: a.contract, on: db)
            let policy = try await ObligationService.obligation(for: home, on: db)?.policy ?? .municipalDefault
            return (home, ActivityValuation.value(a.facts, scheme: policy.valuation).value, a.summary)
        default:
            throw AppError.validation([.init(field: "sourceType", message: "kies placement of activity")])
        }
    }

    private static func home(of contract: ContractModel, on db: any Database) async throws -> ContractModel {
        guard let frameworkID = contract.frameworkID else { return contract }
        guard let framework = try await ContractModel.find(frameworkID, on: db) else { throw AppError.notFound }
        return framework
    }

    static func propose(_ proposal: Proposal, by user: CurrentUser, today: Day, on db: any Database) async throws -> AllocationModel {
        let (home, value, label) = try await source(type: proposal.sourceType, id: proposal.sourceID, on: db)
        // Only the supplier's own reporters move its value; another supplier's source answers 404.
        guard user.isAdministrator || home.$supplier.id == user.organisationID else { throw AppError.notFound }
        try FulfilmentAccess.requireReporter(user, for: home)
        guard let targetID = proposal.targetContractID, let target = try await ContractModel.find(targetID, on: db),
              target.$supplier.id == home.$supplier.id, target.status.isAwarded else {
            throw AppError.validation([.init(field: "targetContractId", message: "kies een ander gegund contract van dezelfde opdrachtnemer")])
        }
        if try target.requireID() == home.requireID() || target.frameworkID != nil {
            throw AppError.validation([.init(field: "targetContractId", message: target.frameworkID != nil
                ? "een nadere opdracht heeft geen eigen verplichting: kies de raamovereenkomst"
                : "de waarde telt al voor dit contract")])
        }
        let share: AllocationLedger.Share
        switch (proposal.percentage, proposal.amount) {
        case (let p?, nil): share = .percentage(p)
        case (nil, let m?): share = .amount(m)
        default: throw AppError.validation([.init(field: "percentage", message: "geef een percentage of een bedrag (amountCents), niet beide")])
        }
        let reason = proposal.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty { throw AppError.validation([.init(field: "reason", message: "leg uit waarom deze waarde naar de andere verplichting gaat")]) }
        let sourceID = proposal.sourceID!
        let homeID = try home.requireID()

        return try await db.writeTransaction { db in
            // Concurrent proposals for one source are checked against the ledger one after the other.
            try await db.serialise(on: sourceID)
            let existing = try await AllocationModel.query(on: db).filter(\.$sourceID == sourceID).all()
            let others = existing.filter { $0.$contract.id != homeID && $0.status != "declined" }
            if others.contains(where: { $0.$contract.id == targetID }) {
                throw AppError.conflict(field: "targetContractId", message: "er is al een toerekening aan dit contract voorgesteld of geaccepteerd")
            }
            let problems = AllocationLedger(others: others.map(\.share), value: value).problems(adding: share)
            guard problems.isEmpty else { throw AppError.validation(problems) }
            if proposal.sourceType == "activity" {
                // An activity already in a report of its own obligation cannot move any more: it would count twice.
                let reported = try await ReportItemModel.query(on: db).filter(\.$sourceID == sourceID).filter(\.$contractID == homeID)
                    .filter(\.$decisionRaw != LineDecision.rejected.rawValue).with(\.$report).all().filter { $0.report.status != .draft }
                if !reported.isEmpty {
                    throw AppError.conflict(field: "sourceId", message: "deze activiteit staat al in een ingediende rapportage van het eigen contract")
                }
            }
            let allocation = existing.first { $0.$contract.id == targetID } ?? AllocationModel()
            allocation.sourceType = proposal.sourceType!
            allocation.sourceID = sourceID
            allocation.$contract.id = targetID
            if case .percentage(let p) = share { allocation.shareBasisPoints = p.basisPoints; allocation.amountCents = nil }
            if case .amount(let m) = share { allocation.shareBasisPoints = 0; allocation.amountCents = m.cents }
            allocation.status = "proposed"
            allocation.reason = reason
            allocation.proposedBy = user.userID
            allocation.decidedBy = nil
            allocation.decidedAt = nil
            allocation.decisionComment = nil
            allocation.effectiveFrom = nil
            try await allocation.save(on: db)
            let after = ["source": label, "target": target.title, "share": describe(share), "reason": reason]
            try await AuditLog.record(.create, objectType: "transfer", objectID: allocation.id, by: user,
                                      before: Optional<String>.none, after: after, about: target.$buyer.id, on: db)
            try await AuditLog.record(.create, objectType: "transfer", objectID: allocation.id, by: user,
                                      before: Optional<String>.none, after: after, about: home.$buyer.id, on: db)
            try await EventNotifications.transferProposed(target: target, by: user, on: db)
            return allocation
        }
    }

    enum Decision: String { case accept, decline }

    /// The receiving buyer's coordinator decides. An accepted transfer of a placement counts from the day after
    /// the last period the own obligation already reported, and from today at the earliest.
    static func decide(_ decision: Decision, transferID: UUID?, comment: String?, by user: CurrentUser, today: Day,
                       on db: any Database) async throws -> AllocationModel {
        guard let transferID, let allocation = try await AllocationModel.query(on: db).filter(\.$id == transferID).with(\.$contract).first(),
              allocation.proposedBy != nil else { throw AppError.notFound }
        let target = allocation.contract
        guard user.isAdministrator || target.$buyer.id == user.organisationID else { throw AppError.notFound }
        try Access.requireCoordinator(user)
        guard allocation.status == "proposed" else {
            throw AppError.conflict(field: "status", message: "over dit voorstel is al beslist (\(allocation.status == "accepted" ? "geaccepteerd" : "afgewezen"))")
        }
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if decision == .decline && trimmed.isEmpty {
            throw AppError.validation([.init(field: "comment", message: "geef bij afwijzen een toelichting voor de opdrachtnemer")])
        }
        let (home, _, _) = try await source(type: allocation.sourceType, id: allocation.sourceID, on: db)
        try await db.writeTransaction { db in
            allocation.status = decision == .accept ? "accepted" : "declined"
            allocation.decidedBy = user.userID
            allocation.decidedAt = Date()
            allocation.decisionComment = trimmed.isEmpty ? nil : trimmed
            if decision == .accept && allocation.sourceType == "placement" {
                let reported = try await ReportModel.query(on: db).filter(\.$contract.$id == home.requireID())
                    .filter(\.$statusRaw != ReportStatus.draft.rawValue).all().compactMap(\.period?.end).max()
                allocation.effectiveFrom = max(today, reported?.adding(days: 1) ?? today).iso
            }
            try await allocation.update(on: db)
            for subject in Set([target.$buyer.id, home.$buyer.id]) {
                try await AuditLog.record(decision == .accept ? .approve : .reject, objectType: "transfer", objectID: allocation.id, by: user,
                                          before: ["status": "proposed"], after: ["status": allocation.status, "comment": trimmed], about: subject, on: db)
            }
            try await EventNotifications.transferDecided(target: target, home: home, accepted: decision == .accept, on: db)
        }
        return allocation
    }

    /// Transfers the user may see: a supplier its own; a buyer those to or from its contracts.
    static func list(for user: CurrentUser, on db: any Database) async throws -> [AllocationModel] {
        let transfers = try await AllocationModel.query(on: db).filter(\.$proposedBy != nil).with(\.$contract).sort(\.$createdAt, .descending).all()
        if user.isAdministrator { return transfers }
        var result: [AllocationModel] = []
        for t in transfers {
            let (home, _, _) = try await source(type: t.sourceType, id: t.sourceID, on: db)
            let visible = user.isBuyer
                ? (t.contract.$buyer.id == user.organisationID || home.$buyer.id == user.organisationID)
                : t.contract.$supplier.id == user.organisationID
            if visible { result.append(t) }
        }
        return result
    }

    static func describe(_ share: AllocationLedger.Share) -> String {
        switch share {
        case .percentage(let p): "\(p)"
        case .amount(let m): "\(m)"
        }
    }
}
