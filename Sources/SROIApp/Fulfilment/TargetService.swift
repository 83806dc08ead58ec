import Fluent
import Foundation
import SROIDomain

/// An obligation agreed in jobs, placements or effort instead of euros: set or cleared by the buyer's coordinator,
/// milestones marked as met by the buyer's reviewers, progress in the target's own unit. Every change is audited.
enum TargetService {
    /// A target as the API and the form give it, before it is checked.
    struct Draft: Sendable {
        var kind: String?
        var count: Int?
        var block: String?
        var targetGroup: String?
        var minimumHoursPerWeek: Hours?
        var milestones: [(title: String?, due: String?, metOn: String?)] = []

        /// The target, or every problem by API field, against the contract's table and term.
        func target(scheme: ValuationScheme, term: Term?) throws -> ObligationTarget {
            var errors: [FieldError] = []
            var block: BuildingBlock?
            if let text = self.block, !text.isEmpty {
                block = scheme.buildingBlock(parsing: text)
                if block.map(scheme.placesAPerson) != true {
                    errors.append(.init(field: "block", message: "kies " + scheme.buildingBlocks.filter(scheme.placesAPerson).map(\.rawValue).joined(separator: ", ")))
                }
            }
            var group: TargetGroup?
            if let text = targetGroup, !text.isEmpty {
                group = scheme.targetGroup(parsing: text)
                if group == nil { errors.append(.init(field: "targetGroup", message: "kies een doelgroep: " + scheme.targetGroups.map(\.rawValue).joined(separator: ", "))) }
            }
            let person = PersonTarget(count: count ?? 0, block: block, targetGroup: group, minimumHoursPerWeek: minimumHoursPerWeek)
            let target: ObligationTarget
            switch kind {
            case "jobs": target = .jobs(person)
            case "placements": target = .placements(person)
            case "effort":
                var list: [Milestone] = []
                for (i, m) in milestones.enumerated() {
                    guard let due = m.due.flatMap(Day.init(iso:)) else {
                        errors.append(.init(field: "milestones.\(i).due", message: "verwacht een datum als JJJJ-MM-DD"))
                        continue
                    }
                    var metOn: Day?
                    if let text = m.metOn, !text.isEmpty {
                        metOn = Day(iso: text)
                        if metOn == nil { errors.append(.init(field: "milestones.\(i).metOn", message: "verwacht een datum als JJJJ-MM-DD")) }
                    }
                    list.append(Milestone(title: (m.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines), due: due, metOn: metOn))
                }
                target = .effort(list.sorted { $0.due < $1.due })
            default:
                throw AppError.validation(errors + [.init(field: "kind", message: "kies jobs (banen), placements (plaatsingen) of effort (inspanning)")])
            }
            errors += target.problems(term: term)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            return target
        }
    }

    static func model(of contract: ContractModel, on db: any Database) async throws -> ContractTargetModel? {
        try await ContractTargetModel.query(on: db).filter(\.$contract.$id == contract.requireID()).first()
    }

    /// Sets the contract's target (replacing one there was); the euro obligation then no longer applies.
    @discardableResult
    static func set(_ draft: Draft, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> ContractTargetModel {
        try requireBuyerCoordinator(user, of: contract)
        guard contract.frameworkID == nil else {
            throw AppError.conflict(field: "kind", message: "een nadere opdracht telt mee voor de verplichting van de raamovereenkomst; leg het doel daar vast")
        }
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        let target = try draft.target(scheme: scheme, term: contract.term)
        let existing = try await model(of: contract, on: db)
        let before = existing?.target.map { TargetDTO($0, description: $0.kind, progress: nil) }
        let row = existing ?? ContractTargetModel()
        row.$contract.id = try contract.requireID()
        try row.set(target)
        row.updatedBy = user.userID
        try await db.writeTransaction { db in
            try await row.save(on: db)
            try await AuditLog.record(existing == nil ? .create : .update, objectType: "contract_target", objectID: row.id, by: user,
                                      before: before, after: TargetDTO(target, description: target.kind, progress: nil), about: contract.$buyer.id, on: db)
        }
        return row
    }

    /// Back to the obligation in euros.
    static func clear(on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws {
        try requireBuyerCoordinator(user, of: contract)
        guard let row = try await model(of: contract, on: db) else { throw AppError.notFound }
        let before = row.target.map { TargetDTO($0, description: $0.kind, progress: nil) }
        try await db.writeTransaction { db in
            try await row.delete(on: db)
            try await AuditLog.record(.delete, objectType: "contract_target", objectID: row.id, by: user,
                                      before: before, after: Optional<TargetDTO>.none, about: contract.$buyer.id, on: db)
        }
    }

    /// Marks milestone `index` (from 0, in date order) as met on `day`, or as not met.
    static func markMilestone(_ index: Int, met: Bool, on contract: ContractModel, today: Day, by user: CurrentUser,
                              on db: any Database) async throws -> ContractTargetModel {
        try FulfilmentAccess.requireReviewer(user, for: contract)
        guard let row = try await model(of: contract, on: db), case .effort(var milestones) = row.target else { throw AppError.notFound }
        guard milestones.indices.contains(index) else { throw AppError.notFound }
        let before = TargetDTO(.effort(milestones), description: "effort", progress: nil)
        milestones[index].metOn = met ? today : nil
        let after = TargetDTO(.effort(milestones), description: "effort", progress: nil)
        try row.set(.effort(milestones))
        row.updatedBy = user.userID
        try await db.writeTransaction { db in
            try await row.update(on: db)
            try await AuditLog.record(.update, objectType: "contract_target", objectID: row.id, by: user,
                                      before: before, after: after, about: contract.$buyer.id, on: db)
        }
        return row
    }

    /// The target's progress: placements count once verified (an approved report line on this contract) and pending
    /// while only in a submitted report.
    static func progress(of target: ObligationTarget, contract: some ContractFields, policy: SocialReturnPolicy, lines: [ReportLine],
                         today: Day, on db: any Database) async throws -> TargetProgress? {
        guard let term = contract.term else { return nil }
        var placements: [TargetPlacement] = []
        switch target {
        case .jobs(let person), .placements(let person):
            let lines = lines.filter { $0.item.sourceType == "placement" }
            let verified = Set(lines.filter { $0.item.decision == .approved }.map(\.item.sourceID))
            let pending = Set(lines.filter(\.awaitsReview).map(\.item.sourceID))
            let ids = verified.union(pending)
            if !ids.isEmpty {
                for p in try await PlacementModel.query(on: db).filter(\.$id ~~ ids).all() {
                    guard let id = p.id, let start = Day(iso: p.startDate),
                          person.counts(block: p.block, group: p.targetGroup, register: p.doelgroepregister,
                                        hoursPerWeek: Hours(hundredths: p.hoursPerWeekHundredths)) else { continue }
                    placements.append(TargetPlacement(start: start, end: p.endDate.flatMap(Day.init(iso:)), verified: verified.contains(id),
                                                      pending: pending.contains(id)))
                }
            }
        case .effort: break
        }
        return TargetProgressCalculator.progress(target, scheme: policy.valuation, term: term, today: today, placements: placements,
                                                 green: policy.statusGreenThreshold, amber: policy.statusAmberThreshold)
    }

    private static func requireBuyerCoordinator(_ user: CurrentUser, of contract: ContractModel) throws {
        try Access.requireCoordinator(user)
        guard contract.$buyer.id == user.organisationID else { throw AppError.notFound }
    }
}
