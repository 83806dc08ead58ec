import Fluent
import Foundation
import SROIDomain

/// Market consultation ("begin op tijd"): a buyer opens a planned tender to the suppliers and social enterprises of its
/// region (a social enterprise also by its sectors); they see the publication date and the expected way of asking for
/// social return, and send ideas that feed the tender's brainstorm.
enum MarketConsultationService {
    struct Consultation: Sendable {
        var contract: ContractModel
        var buyerName: String
        var category: String
        var ideas: Int
    }

    /// The consultations the user may see: a buyer its own, a supplier or social enterprise those of its region (or sectors).
    static func list(for user: CurrentUser, on db: any Database) async throws -> [Consultation] {
        var q = ContractModel.query(on: db).filter(\.$marketConsultationFlag == true).filter(\.$statusRaw == ContractStatus.planned.rawValue)
            .with(\.$buyer).sort(\.$publicationDate)
        if user.isBuyer { q = q.filter(\.$buyer.$id == user.organisationID) } else if !user.isAdministrator && !user.isSupplier { return [] }
        var contracts = try await q.all()
        if user.isSupplier {
            let org = try await OrganisationModel.find(user.organisationID, on: db)
            var sectors: [String] = []
            if let kvk = org?.kvk { sectors = try await SocialEnterpriseModel.query(on: db).filter(\.$kvk == kvk).first()?.sectors ?? [] }
            let regions = Set(org?.regions ?? [])
            var names: [UUID: [CategoryRule]] = [:]
            for c in contracts where names[c.$buyer.id] == nil {
                names[c.$buyer.id] = try await PolicyStore.currentPolicy(of: c.$buyer.id, on: db).categories
            }
            contracts = contracts.filter { c in
                if let r = c.region, regions.contains(r) { return true }
                let category = (names[c.$buyer.id] ?? []).categoryName(cpv: c.cpv).lowercased()
                return sectors.contains { !category.isEmpty && category.contains($0.lowercased()) }
            }
        }
        let ids = contracts.compactMap(\.id)
        let counts = ids.isEmpty ? [:] : Dictionary(grouping: try await MarketIdeaModel.query(on: db).filter(\.$contract.$id ~~ ids).all(), by: \.$contract.id).mapValues(\.count)
        var rules: [UUID: [CategoryRule]] = [:]
        var result: [Consultation] = []
        for c in contracts {
            if rules[c.$buyer.id] == nil { rules[c.$buyer.id] = try await PolicyStore.currentPolicy(of: c.$buyer.id, on: db).categories }
            result.append(Consultation(contract: c, buyerName: c.buyer.name, category: (rules[c.$buyer.id] ?? []).categoryName(cpv: c.cpv),
                                       ideas: c.id.flatMap { counts[$0] } ?? 0))
        }
        return result
    }

    /// An idea for social return on a consultation the user may see; no personal data.
    static func sendIdea(_ text: String?, to contractID: UUID?, by user: CurrentUser, on db: any Database) async throws -> MarketIdeaModel {
        guard user.isSupplier, user.role != .viewer else { throw AppError.forbidden("Opdrachtnemers en sociale ondernemingen sturen ideeën.") }
        guard let contractID, let c = try await list(for: user, on: db).first(where: { $0.contract.id == contractID })?.contract else { throw AppError.notFound }
        let idea = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var errors: [FieldError] = []
        if idea.isEmpty || idea.count > 2_000 { errors.append(.init(field: "text", message: "beschrijf uw idee (hoogstens 2.000 tekens)")) }
        for problem in PersonalDataCheck.problems(in: idea) { errors.append(.init(field: "text", message: problem)) }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let m = MarketIdeaModel()
        m.$contract.id = contractID
        m.$organisation.id = user.organisationID
        m.text = idea
        m.createdBy = user.userID
        try await db.writeTransaction { db in
            try await m.create(on: db)
            try await AuditLog.record(.create, objectType: "market_idea", objectID: m.id, by: user, before: Optional<String>.none,
                                      after: ["contract": c.title], about: c.$buyer.id, on: db)
        }
        return m
    }

    /// The ideas on a tender, for the buyer's side (its brainstorm).
    static func ideas(for contract: ContractModel, user: CurrentUser, on db: any Database) async throws -> [MarketIdeaModel] {
        guard user.isAdministrator || (user.isBuyer && contract.$buyer.id == user.organisationID) else { return [] }
        return try await MarketIdeaModel.query(on: db).filter(\.$contract.$id == (try contract.requireID())).with(\.$organisation).sort(\.$createdAt).all()
    }
}
