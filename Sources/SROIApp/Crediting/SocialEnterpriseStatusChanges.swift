import Fluent
import Foundation
import SROIDomain

/// Proposed changes of a register entry's status, and their decision by the entry's owner or an administrator.
/// When a status changes, every buyer whose figures it changes (a buyer with a purchase from that enterprise on
/// one of its contracts) finds it in its own audit log, as does the owner.
enum SocialEnterpriseStatusChanges {
    enum Decision: String, Sendable { case approve, decline }

    /// Records the proposal; an open proposal of the same organisation for the same entry is replaced.
    static func propose(_ profile: SocialEnterpriseProfile, certificate: String? = nil, for e: SocialEnterpriseModel, reason: String,
                        by user: CurrentUser, on db: any Database) async throws -> SocialEnterpriseStatusChangeModel {
        let enterpriseID = try e.requireID()
        let open = try await SocialEnterpriseStatusChangeModel.query(on: db).filter(\.$enterprise.$id == enterpriseID)
            .filter(\.$proposedByOrganisation == user.organisationID).filter(\.$status == "proposed").first()
        let change = open ?? SocialEnterpriseStatusChangeModel()
        change.$enterprise.id = enterpriseID
        change.psoStepRaw = profile.psoStep?.rawValue
        change.article282 = profile.article282
        change.shelteredWorkshop = profile.shelteredWorkshop
        change.psoCertificate = certificate
        change.psoValidUntil = profile.psoValidUntil?.iso
        change.byEnterpriseItself = user.organisationKind == .socialEnterprise
        change.reason = reason
        change.proposedBy = user.userID
        change.proposedByOrganisation = user.organisationID
        change.status = "proposed"
        try await change.save(on: db)
        try await AuditLog.record(.create, objectType: "social_enterprise_status_change", objectID: change.id, by: user,
                                  before: Optional<String>.none, after: summary(change, of: e), about: e.ownerOrganisationID, on: db)
        try await EventNotifications.statusChangeProposed(enterprise: e, by: user, on: db)
        return change
    }

    static func list(for e: SocialEnterpriseModel, on db: any Database) async throws -> [SocialEnterpriseStatusChangeModel] {
        try await SocialEnterpriseStatusChangeModel.query(on: db).filter(\.$enterprise.$id == e.requireID()).sort(\.$createdAt, .descending).all()
    }

    /// Every open proposal this user may decide.
    static func waiting(for user: CurrentUser, on db: any Database) async throws -> [SocialEnterpriseStatusChangeModel] {
        guard user.isAdministrator || (user.isBuyer && user.role == .coordinator) else { return [] }
        let open = try await SocialEnterpriseStatusChangeModel.query(on: db).filter(\.$status == "proposed").with(\.$enterprise)
            .sort(\.$createdAt).all()
        return open.filter { mayDecide($0, of: $0.enterprise, user) }
    }

    /// Approves (the entry takes the proposed status) or declines (with a reason) an open proposal.
    static func decide(_ changeID: UUID?, of e: SocialEnterpriseModel, _ decision: Decision, comment: String?, by user: CurrentUser,
                       on db: any Database) async throws -> SocialEnterpriseStatusChangeModel {
        guard let changeID, let change = try await SocialEnterpriseStatusChangeModel.query(on: db).filter(\.$id == changeID)
            .filter(\.$enterprise.$id == e.requireID()).first() else { throw AppError.notFound }
        guard mayDecide(change, of: e, user) else {
            throw AppError.forbidden("Over de status van deze inschrijving beslist de organisatie die haar bijhoudt, of platformbeheer.")
        }
        guard change.status == "proposed" else {
            throw AppError.conflict(field: nil, message: "over dit voorstel is al beslist (\(change.status == "approved" ? "goedgekeurd" : "afgewezen"))")
        }
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if decision == .decline && text.isEmpty {
            throw AppError.validation([.init(field: "comment", message: "leg uit waarom het voorstel wordt afgewezen")])
        }
        if text.count > 500 { throw AppError.validation([.init(field: "comment", message: "hoogstens 500 tekens")]) }
        return try await db.writeTransaction { db in
            change.status = decision == .approve ? "approved" : "declined"
            change.decidedBy = user.userID
            change.decidedAt = Date()
            change.comment = text.isEmpty ? nil : text
            try await change.update(on: db)
            try await AuditLog.record(decision == .approve ? .approve : .reject, objectType: "social_enterprise_status_change",
                                      objectID: change.id, by: user, before: ["status": "proposed"],
                                      after: ["status": change.status, "comment": text], about: e.ownerOrganisationID, on: db)
            if decision == .approve {
                let before = SocialEnterpriseRegister.snapshot(e)
                let statusBefore = e.profile.status
                e.psoStepRaw = change.psoStepRaw
                e.article282 = change.article282
                e.shelteredWorkshop = change.shelteredWorkshop
                e.psoCertificate = change.psoCertificate
                e.psoValidUntil = change.psoValidUntil
                try await e.update(on: db)
                try await AuditLog.record(.update, objectType: "social_enterprise", objectID: e.id, by: user,
                                          before: before, after: SocialEnterpriseRegister.snapshot(e), about: e.ownerOrganisationID, on: db)
                if statusBefore != e.profile.status {
                    try await tellAffectedBuyers(e, statusBefore: statusBefore, by: user, on: db)
                }
            }
            return change
        }
    }

    /// Who decides a proposal: the entry's owner or an administrator; a proposal of the enterprise itself about its own
    /// entry is verified by any buyer's coordinator (against the PSO certificate or the art. 2.82 evidence) or an administrator.
    static func mayDecide(_ change: SocialEnterpriseStatusChangeModel, of e: SocialEnterpriseModel, _ user: CurrentUser) -> Bool {
        if SocialEnterpriseRegister.mayDecideStatus(of: e, user) { return true }
        return user.isBuyer && user.role == .coordinator && change.proposedByOrganisation != user.organisationID && change.byEnterpriseItself
    }

    /// The buyers with a purchase from this enterprise on one of their contracts.
    static func affectedBuyers(of e: SocialEnterpriseModel, on db: any Database) async throws -> Set<UUID> {
        let contractIDs = try await ActivityModel.query(on: db).filter(\.$enterpriseKvK == e.kvk).all().map(\.$contract.id)
        guard !contractIDs.isEmpty else { return [] }
        return Set(try await ContractModel.query(on: db).filter(\.$id ~~ Set(contractIDs)).all().map(\.$buyer.id))
    }

    /// One audit entry for each buyer whose figures the new status changes (the owner has its own entry already).
    static func tellAffectedBuyers(_ e: SocialEnterpriseModel, statusBefore: SocialEnterpriseStatus?, by user: CurrentUser,
                                   on db: any Database) async throws {
        for buyer in try await affectedBuyers(of: e, on: db) where buyer != e.ownerOrganisationID {
            try await AuditLog.record(.update, objectType: "social_enterprise", objectID: e.id, by: user,
                                      before: ["name": e.name, "valuationStatus": statusBefore?.rawValue ?? ""],
                                      after: ["name": e.name, "valuationStatus": e.profile.status?.rawValue ?? ""], about: buyer, on: db)
        }
    }

    private static func summary(_ c: SocialEnterpriseStatusChangeModel, of e: SocialEnterpriseModel) -> [String: String] {
        ["enterprise": e.name, "psoStep": c.psoStepRaw ?? "", "article282": String(c.article282),
         "shelteredWorkshop": String(c.shelteredWorkshop), "reason": c.reason, "status": c.status]
    }
}
