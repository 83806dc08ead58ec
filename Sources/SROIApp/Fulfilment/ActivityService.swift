import Fluent
import Foundation
import SROIDomain

enum ActivityService {
    struct Draft: Sendable {
        var block: String?
        var description: String?
        var date: String?
        var amount: Money?
        var hours: Hours?
        var enterpriseName: String?
        var enterpriseKvK: String?
        var enterpriseStatus: String?
        var evidence: String?
    }

    static func create(_ draft: Draft, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> ActivityModel {
        try FulfilmentAccess.requireReporter(user, for: contract)
        var errors: [FieldError] = []
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        let block = draft.block.flatMap { scheme.buildingBlock(parsing: $0) }
        var status = draft.enterpriseStatus.flatMap { $0.isEmpty ? nil : SocialEnterpriseStatus(rawValue: $0) }
        var draft = draft
        // A registered enterprise is valued by the register's status on the day of the purchase (a lapsed PSO certificate
        // no longer counts), whatever the supplier chose.
        if block == .socialPurchase, let (registered, name) = try await SocialEnterpriseRegister.status(
            kvk: draft.enterpriseKvK, today: draft.date.flatMap(Day.init(iso:)), on: db) {
            status = registered
            draft.enterpriseStatus = registered.rawValue
            if (draft.enterpriseName ?? "").isEmpty { draft.enterpriseName = name }
        }
        if let raw = draft.enterpriseStatus, !raw.isEmpty, status == nil {
            errors.append(.init(field: "enterpriseStatus", message: "kies art_2_82, pso_highest, recognised of aspirant"))
        }
        if let block, scheme.isActivity(block) {
            errors += ActivityFacts(block: block, amount: draft.amount, hours: draft.hours, enterpriseStatus: status).problems(scheme: scheme)
        } else {
            errors.append(.init(field: "block", message: "kies " + scheme.buildingBlocks.filter(scheme.isActivity).map(\.rawValue).joined(separator: ", ")))
        }
        let description = draft.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if description.isEmpty { errors.append(.init(field: "description", message: "beschrijf de activiteit")) }
        if description.count > 300 { errors.append(.init(field: "description", message: "hoogstens 300 tekens")) }
        if let day = draft.date.flatMap(Day.init(iso:)) {
            if let term = contract.term, !term.contains(day) {
                errors.append(.init(field: "date", message: "de datum valt buiten de looptijd van het contract"))
            }
        } else {
            errors.append(.init(field: "date", message: "verwacht een datum als JJJJ-MM-DD"))
        }
        if let kvk = draft.enterpriseKvK, !kvk.isEmpty, !(kvk.count == 8 && kvk.allSatisfy(\.isNumber)) {
            errors.append(.init(field: "enterpriseKvk", message: "een KvK-nummer heeft 8 cijfers"))
        }
        guard errors.isEmpty, let block else { throw AppError.validation(errors) }
        let contractID = try contract.requireID()
        let activity = ActivityModel()
        activity.$contract.id = contractID
        activity.blockRaw = block.rawValue
        activity.summary = description
        activity.activityDate = draft.date!
        activity.amountCents = draft.amount?.cents
        activity.hoursHundredths = draft.hours?.hundredths
        activity.enterpriseName = draft.enterpriseName.flatMap { $0.isEmpty ? nil : $0 }
        activity.enterpriseKvK = draft.enterpriseKvK.flatMap { $0.isEmpty ? nil : $0 }
        activity.enterpriseStatusRaw = status?.rawValue
        activity.evidence = draft.evidence.flatMap { $0.isEmpty ? nil : $0 }
        activity.createdBy = user.userID
        try await db.writeTransaction { db in
            try await activity.create(on: db)
            try await AllocationModel(sourceType: "activity", sourceID: try activity.requireID(), contractID: contract.obligationContractID ?? contractID,
                                      shareBasisPoints: 10_000, decidedBy: user.userID, reason: contract.frameworkID == nil ? "eigen contract" : "nadere opdracht onder de raamovereenkomst").create(on: db)
            try await AuditLog.record(.create, objectType: "activity", objectID: activity.id, by: user,
                                      before: Optional<String>.none, after: ["block": block.rawValue, "description": description], about: contract.$buyer.id, on: db)
        }
        return activity
    }
}
