import Fluent
import Foundation
import SROIDomain

/// Evaluating a contract's social return (step 4b): buyer and supplier each write what worked and what to take into
/// the next tender; the buyer judges the supplier. The lessons return on the next tender of the same category.
enum EvaluationService {
    struct Draft: Sendable {
        var whatWorked: String?
        var lessons: String?
        var judgement: Int?
    }

    /// Who may evaluate: the buyer's editors and HR advisers, the awarded supplier's reporters.
    static func mayEvaluate(_ user: CurrentUser, _ contract: ContractModel) -> Bool {
        (try? PartnershipService.requireJobEditor(user, for: contract)) != nil && !user.isAdministrator
    }

    static func save(_ draft: Draft, for contract: ContractModel, by user: CurrentUser, today: Day, on db: any Database) async throws -> ContractEvaluationModel {
        guard mayEvaluate(user, contract) else { throw AppError.forbidden("Alleen de opdrachtgever en de opdrachtnemer van dit contract evalueren het.") }
        guard contract.status.isAwarded, let term = contract.term else {
            throw AppError.conflict(field: nil, message: "Alleen een gegund contract wordt geëvalueerd.")
        }
        guard Evaluation.isOpen(term: term, ended: contract.status == .ended, today: today) else {
            throw AppError.conflict(field: nil, message: "Evalueren kan aan het einde van het contract, of na elk jaar looptijd: vanaf \(Evaluation.firstDay(of: term).dutch).")
        }
        let whatWorked = draft.whatWorked?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let lessons = draft.lessons?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var errors: [FieldError] = []
        if whatWorked.isEmpty { errors.append(.init(field: "whatWorked", message: "schrijf wat goed werkte en wat niet")) }
        if lessons.isEmpty { errors.append(.init(field: "lessons", message: "schrijf wat u meeneemt naar de volgende aanbesteding")) }
        for (field, text) in [("whatWorked", whatWorked), ("lessons", lessons)] where text.count > 4_000 {
            errors.append(.init(field: field, message: "hoogstens 4.000 tekens"))
        }
        if user.isBuyer {
            if let j = draft.judgement, Evaluation.label(j) != nil {} else {
                errors.append(.init(field: "judgement", message: "beoordeel de opdrachtnemer van 1 (onvoldoende) tot 5 (uitstekend)"))
            }
        } else if draft.judgement != nil {
            errors.append(.init(field: "judgement", message: "alleen de opdrachtgever geeft een oordeel"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let e = ContractEvaluationModel()
        e.$contract.id = try contract.requireID()
        e.organisationID = user.organisationID
        e.side = user.isBuyer ? "buyer" : "supplier"
        e.whatWorked = whatWorked
        e.lessons = lessons
        e.judgement = user.isBuyer ? draft.judgement : nil
        e.createdBy = user.userID
        try await db.writeTransaction { db in
            try await e.create(on: db)
            try await AuditLog.record(.create, objectType: "evaluation", objectID: e.id, by: user, before: Optional<String>.none,
                                      after: ["side": e.side, "judgement": e.judgement.map(String.init) ?? ""], about: contract.$buyer.id, on: db)
        }
        return e
    }

    /// The awarded supplier shares a buyer's judgement of it as a reference for other buyers, or stops sharing it.
    static func share(_ evaluationID: UUID?, shared: Bool, of contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> ContractEvaluationModel {
        guard user.isSupplier, contract.$supplier.id == user.organisationID, user.role.reports || user.role == .supplierAdmin else {
            throw AppError.forbidden("Alleen de opdrachtnemer deelt een oordeel over zichzelf als referentie.")
        }
        guard let evaluationID, let e = try await ContractEvaluationModel.query(on: db).filter(\.$id == evaluationID)
            .filter(\.$contract.$id == contract.requireID()).first() else { throw AppError.notFound }
        guard e.side == "buyer", e.judgement != nil else {
            throw AppError.conflict(field: nil, message: "Alleen een oordeel van de opdrachtgever kan als referentie worden gedeeld.")
        }
        guard e.sharedAsReference != shared else { return e }
        e.sharedAsReference = shared
        try await db.writeTransaction { db in
            try await e.update(on: db)
            try await AuditLog.record(.update, objectType: "evaluation", objectID: e.id, by: user, before: ["sharedAsReference": String(!shared)],
                                      after: ["sharedAsReference": String(shared)], about: contract.$buyer.id, on: db)
        }
        return e
    }

    /// A supplier's shared references: every buyer's judgement it chose to share, newest first, with the buyer and contract.
    struct Reference: Sendable { var buyer: String; var contract: String; var judgement: Int; var whatWorked: String; var date: Date? }

    static func references(of supplierID: UUID, on db: any Database) async throws -> [Reference] {
        let contracts = try await ContractModel.query(on: db).filter(\.$supplier.$id == supplierID).with(\.$buyer).all()
        let byID = Dictionary(uniqueKeysWithValues: contracts.compactMap { c in c.id.map { ($0, c) } })
        guard !byID.isEmpty else { return [] }
        return try await ContractEvaluationModel.query(on: db).filter(\.$contract.$id ~~ Array(byID.keys)).filter(\.$sharedAsReference == true)
            .sort(\.$createdAt, .descending).all().compactMap { e in
                guard let c = byID[e.$contract.id], let j = e.judgement else { return nil }
                return Reference(buyer: c.buyer.name, contract: c.title, judgement: j, whatWorked: e.whatWorked, date: e.createdAt)
            }
    }

    static func list(for contract: ContractModel, on db: any Database) async throws -> [ContractEvaluationModel] {
        try await ContractEvaluationModel.query(on: db).filter(\.$contract.$id == contract.requireID()).sort(\.$createdAt, .descending).all()
    }

    /// The lessons of the buyer's evaluated contracts in each policy category, newest first: for the tenders of that
    /// category ("leg vast wat je meeneemt").
    static func lessonsByCategory(of buyerID: UUID, categories: [CategoryRule], on db: any Database) async throws -> [String: [String]] {
        let contracts = try await ContractModel.query(on: db).filter(\.$buyer.$id == buyerID).all()
        let categoryOf = Dictionary(uniqueKeysWithValues: contracts.compactMap { c in c.id.map { ($0, categories.categoryName(cpv: c.cpv)) } })
        let titles = Dictionary(uniqueKeysWithValues: contracts.compactMap { c in c.id.map { ($0, c.title) } })
        guard !categoryOf.isEmpty else { return [:] }
        var result: [String: [String]] = [:]
        for e in try await ContractEvaluationModel.query(on: db).filter(\.$contract.$id ~~ Array(categoryOf.keys)).sort(\.$createdAt, .descending).all() {
            guard let category = categoryOf[e.$contract.id] else { continue }
            result[category, default: []].append("\(titles[e.$contract.id] ?? ""): \(e.lessons)")
        }
        return result
    }
}
