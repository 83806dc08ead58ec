import Fluent
import Foundation
import SROIDomain

/// Registers and changes contracts: checks the draft and its references, pins the policy version at award,
/// and writes the audit log, all in one transaction.
enum ContractService {
    static func create(_ draft: ContractDraft, by user: CurrentUser, on db: any Database) async throws -> ContractModel {
        try Access.requireContractEditor(user)
        var draft = draft
        if draft.buyerID == nil && user.isBuyer { draft.buyerID = user.organisationID }
        if draft.status == nil { draft.status = ContractStatus.planned.rawValue }
        let checked = draft
        return try await db.writeTransaction { db in
            try await check(checked, contractID: nil, by: user, on: db)
            let contract = ContractModel()
            try await apply(checked, to: contract, on: db)
            try await contract.create(on: db)
            try await AuditLog.record(.create, objectType: "contract", objectID: contract.id, by: user,
                                      before: Optional<ContractDraft>.none, after: checked, about: checked.buyerID, on: db)
            return contract
        }
    }

    static func update(_ contract: ContractModel, with draft: ContractDraft, by user: CurrentUser, on db: any Database) async throws {
        try Access.requireContractEditor(user)
        let before = ContractDraft(contract)
        guard before != draft else { return }
        try await db.writeTransaction { db in
            try await check(draft, contractID: contract.id, by: user, on: db)
            try await apply(draft, to: contract, on: db)
            try await contract.update(on: db)
            try await AuditLog.record(.update, objectType: "contract", objectID: contract.id, by: user,
                                      before: before, after: draft, about: draft.buyerID, on: db)
        }
    }

    static func setOverride(_ override: ObligationOverride?, on contract: ContractModel, by user: CurrentUser,
                            on db: any Database) async throws {
        try Access.requireCoordinator(user)
        if let override {
            let errors = override.validate()
            guard errors.isEmpty else { throw AppError.validation(errors) }
        }
        let before = contract.override
        contract.overrideApplicable = override?.applicable
        contract.overrideAmountCents = override?.amount?.cents
        contract.overrideReason = override?.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        contract.overrideBy = override == nil ? nil : user.userID
        try await db.writeTransaction { db in
            try await contract.update(on: db)
            try await AuditLog.record(override == nil ? .removeOverride : .override, objectType: "obligation",
                                      objectID: contract.id, by: user, before: before, after: contract.override, about: contract.$buyer.id, on: db)
        }
    }

    /// The checks that need the database: the buyer, supplier and framework must exist and fit.
    private static func check(_ draft: ContractDraft, contractID: UUID?, by user: CurrentUser, on db: any Database) async throws {
        var errors = draft.problems()
        if let buyerID = draft.buyerID {
            let buyer = try await OrganisationModel.find(buyerID, on: db)
            if buyer?.kind != .buyer || (!user.isAdministrator && buyerID != user.organisationID) {
                errors.append(.init(field: "buyerId", message: "u kunt alleen opdrachten van de eigen organisatie registreren"))
            }
        } else {
            errors.append(.init(field: "buyerId", message: "kies de opdrachtgever"))
        }
        if let supplierID = draft.supplierID {
            let supplier = try await OrganisationModel.find(supplierID, on: db)
            if supplier?.kind.canBeAwarded != true {
                errors.append(.init(field: "supplierId", message: "onbekende opdrachtnemer"))
            }
        }
        if let frameworkID = draft.frameworkID {
            let framework = try await ContractModel.find(frameworkID, on: db)
            if framework == nil || framework?.$buyer.id != draft.buyerID || frameworkID == contractID {
                errors.append(.init(field: "frameworkId", message: "onbekende raamovereenkomst van deze opdrachtgever"))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
    }

    private static func apply(_ draft: ContractDraft, to contract: ContractModel, on db: any Database) async throws {
        let wasAwarded = contract.id != nil && contract.status.isAwarded
        contract.title = draft.title!.trimmingCharacters(in: .whitespacesAndNewlines)
        contract.$buyer.id = draft.buyerID!
        contract.$supplier.id = draft.supplierID
        contract.cpv = draft.cpv.flatMap(CPVCode.init)?.digits
        contract.kindRaw = draft.kind!
        contract.valueCents = draft.valueCents!
        contract.wageSumCents = draft.wageSumCents
        contract.labourShareBasisPoints = draft.labourShareBasisPoints
        contract.startDate = draft.start!
        contract.endDate = draft.end!
        contract.region = try? LabourMarketRegion.optional(draft.region).get()
        contract.statusRaw = draft.status!
        contract.frameworkID = draft.frameworkID
        contract.publicationDate = draft.publicationDate.flatMap { $0.isEmpty ? nil : $0 }
        contract.extensionUntil = draft.extensionUntil.flatMap { $0.isEmpty ? nil : $0 }
        contract.reservedFlag = draft.reserved ?? false
        contract.srAskRaw = draft.srAsk.flatMap { $0.isEmpty ? nil : $0 }
        contract.srWeightBasisPoints = contract.srAsk == .awardCriterion ? draft.srWeightBasisPoints : nil
        contract.offerUnit = draft.offerUnit.flatMap { $0.isEmpty ? nil : $0 }
        contract.bidsCloseOn = draft.bidsCloseOn.flatMap { $0.isEmpty ? nil : $0 }
        contract.marketConsultationFlag = draft.marketConsultation ?? false
        // At award the obligation is fixed to the policy of that moment; back to tender, it follows the policy again.
        let isAwarded = contract.status.isAwarded
        if isAwarded && (!wasAwarded || contract.$policyVersion.id == nil) {
            contract.$policyVersion.id = try await PolicyStore.current(of: draft.buyerID!, on: db)?.requireID()
        } else if !isAwarded {
            contract.$policyVersion.id = nil
        }
    }
}
