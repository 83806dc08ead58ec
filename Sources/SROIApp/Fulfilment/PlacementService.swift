import Fluent
import Foundation
import SROIDomain

/// A placement as entered by the supplier. `reference` and `bsn` are read once and turned into a pseudonym; a BSN is
/// then dropped, a reference is kept only sealed (`ReferenceCipher`) so the supplier itself can read it back. Neither
/// is stored in the clear, logged, or shown to anyone but that supplier.
struct PlacementDraft: Sendable {
    var reference: String?
    var bsn: String?
    var block: String?
    var targetGroup: String?
    var apprenticeshipLevel: Int?
    var hoursPerWeek: Hours?
    var start: String?
    var end: String?
    var employmentKind: String?
    var doelgroepregister: Bool?
    var bonuses: [String]?
    var evidence: String?
    /// The person's labour-market region; empty or nil: the contract's own.
    var region: String? = nil
    var outcome: String? = nil
    var outcomeDate: String? = nil

    static let employmentKinds = ["temporary": "tijdelijk contract", "permanent": "vast contract", "secondment": "detachering"]

    /// Every problem, by API field name.
    /// The draft with its block and target group written as their keys (a name such as "Statushouder" is accepted).
    func normalised(scheme: ValuationScheme) -> PlacementDraft {
        var d = self
        if let b = block.flatMap({ scheme.buildingBlock(parsing: $0) }) { d.block = b.rawValue }
        if let g = targetGroup.flatMap({ scheme.targetGroup(parsing: $0) }) { d.targetGroup = g.rawValue }
        return d
    }

    /// Every problem, by API field name; the block and target group are one of `scheme`'s, its own included.
    func problems(contractTerm: Term?, scheme: ValuationScheme) -> [FieldError] {
        var errors: [FieldError] = []
        let parsedBlock = block.flatMap { scheme.buildingBlock(parsing: $0) }
        if parsedBlock.map(scheme.placesAPerson) != true {
            errors.append(.init(field: "block", message: "kies " + scheme.buildingBlocks.filter(scheme.placesAPerson).map(\.rawValue).joined(separator: ", ")))
        }
        if targetGroup.flatMap({ scheme.targetGroup(parsing: $0) }) == nil {
            errors.append(.init(field: "targetGroup", message: "kies een doelgroep: " + scheme.targetGroups.map(\.rawValue).joined(separator: ", ")))
        }
        if parsedBlock == .apprenticeship, let level = apprenticeshipLevel, !(1...4).contains(level) {
            errors.append(.init(field: "apprenticeshipLevel", message: "verwacht mbo-niveau 1 tot 4"))
        }
        if let h = hoursPerWeek {
            if h.hundredths <= 0 || h.hundredths > 6_000 { errors.append(.init(field: "hoursPerWeek", message: "verwacht 0 tot 60 uur per week")) }
        } else {
            errors.append(.init(field: "hoursPerWeek", message: "vul de uren per week volgens het contract in"))
        }
        let s = start.flatMap(Day.init(iso:))
        if s == nil { errors.append(.init(field: "start", message: "verwacht een begindatum als JJJJ-MM-DD")) }
        if let end, !end.isEmpty {
            if let e = Day(iso: end) {
                if let s, e < s { errors.append(.init(field: "end", message: "de einddatum ligt voor de begindatum")) }
            } else {
                errors.append(.init(field: "end", message: "verwacht een einddatum als JJJJ-MM-DD"))
            }
        }
        if let s, let contractTerm, s > contractTerm.end {
            errors.append(.init(field: "start", message: "de plaatsing begint na het einde van het contract (\(contractTerm.end.dutch))"))
        }
        if let kind = employmentKind, Self.employmentKinds[kind] == nil {
            errors.append(.init(field: "employmentKind", message: "kies temporary, permanent of secondment"))
        }
        for bonus in bonuses ?? [] where PlacementBonus(rawValue: bonus) == nil {
            errors.append(.init(field: "bonuses", message: "onbekende bonus '\(bonus)'"))
        }
        if let evidence, evidence.count > 500 { errors.append(.init(field: "evidence", message: "hoogstens 500 tekens")) }
        if case .failure = LabourMarketRegion.optional(region) {
            errors.append(.init(field: "region", message: LabourMarketRegion.message))
        }
        if let outcome, !outcome.isEmpty, PlacementOutcome(rawValue: outcome) == nil {
            errors.append(.init(field: "outcome", message: "kies " + PlacementOutcome.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let outcomeDate, !outcomeDate.isEmpty {
            if let d = Day(iso: outcomeDate) {
                if let s, d < s { errors.append(.init(field: "outcomeDate", message: "de uitstroomdatum ligt voor de begindatum")) }
            } else {
                errors.append(.init(field: "outcomeDate", message: "verwacht een datum als JJJJ-MM-DD"))
            }
        }
        return errors
    }
}

enum PlacementService {
    /// Creates the placement with a 100% allocation to its own contract. A candidate placed again in the same
    /// block of the same contract answers 409.
    static func create(_ draft: PlacementDraft, on contract: ContractModel, by user: CurrentUser, platform: Platform,
                       on db: any Database) async throws -> PlacementModel {
        try FulfilmentAccess.requireReporter(user, for: contract)
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        let draft = draft.normalised(scheme: scheme)
        var errors = draft.problems(contractTerm: contract.term, scheme: scheme)
        let supplier = contract.$supplier.id?.uuidString ?? ""
        var pseudonym: String?
        var ownReference: String?
        switch Pseudonymizer.identifier(bsn: draft.bsn, reference: draft.reference, supplier: supplier) {
        case .success(let identifier):
            pseudonym = platform.pseudonymizer.pseudonym(for: identifier)
            if case .reference(_, let reference) = identifier { ownReference = reference }
        case .failure(let error): errors.insert(error, at: 0)
        }
        guard errors.isEmpty, let pseudonym else { throw AppError.validation(errors) }
        return try await insert(draft, pseudonym: pseudonym, sealedReference: ownReference.map { platform.referenceCipher.seal($0, supplier: supplier) },
                                ownReference: ownReference, scheme: scheme, on: contract, by: user, on: db)
    }

    /// Verification of the target group by a job service, for a placement made from an accepted proposal.
    struct Verification: Sendable {
        var jobServiceID: UUID
        var on: Day
        var vacancyID: UUID
    }

    /// Stores a checked draft for a known pseudonym, with its 100% allocation to the own contract (or the framework),
    /// in one transaction with the audit entry. A candidate already placed in the same block of the contract is 409.
    static func insert(_ draft: PlacementDraft, pseudonym: String, sealedReference: String? = nil, ownReference: String? = nil,
                       scheme: ValuationScheme, verification: Verification? = nil, on contract: ContractModel, by user: CurrentUser,
                       on db: any Database, inside: (@Sendable (any Database, UUID) async throws -> Void)? = nil) async throws -> PlacementModel {
        let contractID = try contract.requireID()
        let existing = try await PlacementModel.query(on: db).filter(\.$contract.$id == contractID)
            .filter(\.$candidate == pseudonym).filter(\.$blockRaw == draft.block!).first()
        if let existing {
            let which = Pseudonymizer.display(existing.candidate) + (ownReference.map { " (uw referentie \($0))" } ?? "")
            let since = Day(iso: existing.startDate).map { ", begonnen op \($0.dutch)" } ?? ""
            throw AppError.conflict(field: "reference", message: "deze kandidaat heeft al een plaatsing als \(scheme.label(of: BuildingBlock(stored: draft.block!))) op dit contract: \(which)\(since). Wijzig die plaatsing in plaats van een nieuwe te maken.")
        }
        let placement = PlacementModel()
        placement.$contract.id = contractID
        placement.candidate = pseudonym
        placement.sealedReference = sealedReference
        apply(draft, to: placement)
        placement.verifiedBy = verification?.jobServiceID
        placement.verifiedOn = verification?.on.iso
        placement.vacancyID = verification?.vacancyID
        placement.createdBy = user.userID
        try await db.writeTransaction { db in
            try await placement.create(on: db)
            try await AllocationModel(sourceType: "placement", sourceID: try placement.requireID(), contractID: contract.obligationContractID ?? contractID,
                                      shareBasisPoints: 10_000, decidedBy: user.userID, reason: contract.frameworkID == nil ? "eigen contract" : "nadere opdracht onder de raamovereenkomst").create(on: db)
            try await AuditLog.record(.create, objectType: "placement", objectID: placement.id, by: user,
                                      before: Optional<String>.none, after: PlacementDTO(placement), about: contract.$buyer.id, on: db)
            try await inside?(db, try placement.requireID())
        }
        return placement
    }

    /// Changes a placement's facts (an end date, a bonus); the candidate stays who it is.
    static func update(_ placement: PlacementModel, with draft: PlacementDraft, on contract: ContractModel, by user: CurrentUser,
                       on db: any Database) async throws {
        try FulfilmentAccess.requireReporter(user, for: contract)
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        let draft = draft.normalised(scheme: scheme)
        let errors = draft.problems(contractTerm: contract.term, scheme: scheme)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let before = PlacementDTO(placement)
        apply(draft, to: placement)
        try await db.writeTransaction { db in
            try await placement.update(on: db)
            try await AuditLog.record(.update, objectType: "placement", objectID: placement.id, by: user,
                                      before: before, after: PlacementDTO(placement), about: contract.$buyer.id, on: db)
        }
    }

    private static func apply(_ draft: PlacementDraft, to placement: PlacementModel) {
        placement.blockRaw = draft.block!
        placement.targetGroupRaw = draft.targetGroup!
        placement.apprenticeshipLevel = draft.block == BuildingBlock.apprenticeship.rawValue ? (draft.apprenticeshipLevel ?? 2) : nil
        placement.hoursPerWeekHundredths = draft.hoursPerWeek!.hundredths
        placement.startDate = draft.start!
        placement.endDate = draft.end.flatMap { $0.isEmpty ? nil : $0 }
        placement.employmentKind = draft.employmentKind ?? "temporary"
        placement.doelgroepregister = draft.doelgroepregister ?? (draft.targetGroup == TargetGroup.banenafspraak.rawValue)
        placement.bonusesRaw = (draft.bonuses ?? []).sorted().joined(separator: ",")
        placement.evidence = draft.evidence.flatMap { $0.isEmpty ? nil : $0 }
        placement.region = try? LabourMarketRegion.optional(draft.region).get()
        placement.outcomeRaw = draft.outcome.flatMap { $0.isEmpty ? nil : $0 }
        placement.outcomeDate = draft.outcomeDate.flatMap { $0.isEmpty ? nil : $0 }
    }
}
