import Fluent
import Foundation
import SROIDomain

/// Bids on a tender that asks for social return as award criterion: the purchaser records them (or a bidder enters its
/// own before the closing date), the buyer's assessors score the plans without seeing each other's scores until all
/// have scored, the ranking explains every score, and at award the winner's offer becomes the obligation.
enum BidService {
    struct Draft: Sendable {
        var supplierID: UUID?
        /// Cents, or jobs in thousandths, as the tender asks.
        var offer: Int64?
        var plan: String?
    }

    /// The buyer's people who may see all bids: contract editors, HR advisers, administrators.
    static func isBuyerSide(_ user: CurrentUser, of tender: ContractModel) -> Bool {
        user.isAdministrator || (user.isBuyer && tender.$buyer.id == user.organisationID && user.role != .viewer)
    }

    /// The assessors: the buyer's SR coordinators and HR advisers (appendix II).
    static func isAssessor(_ user: CurrentUser, of tender: ContractModel) -> Bool {
        user.isBuyer && tender.$buyer.id == user.organisationID && (user.role == .coordinator || user.role == .hrAdviser)
    }

    /// The tender as the user may see it for bids: the buyer's own; for a supplier or social enterprise one that is open
    /// for bids (in tender, social return as award criterion) or that it bid on; 404 otherwise.
    static func tender(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> ContractModel {
        guard let id, let c = try await ContractModel.find(id, on: db) else { throw AppError.notFound }
        if user.isAdministrator || (user.isBuyer && c.$buyer.id == user.organisationID) { return c }
        if user.isSupplier {
            let open = c.status == .inTender && c.srAsk == .awardCriterion
            let ownBid = try await BidModel.query(on: db).filter(\.$contract.$id == id).filter(\.$supplier.$id == user.organisationID).first() != nil
            if open || ownBid { return c }
        }
        throw AppError.notFound
    }

    static func unit(of tender: ContractModel) -> String { tender.offerUnit == "jobs" ? "jobs" : "euros" }

    /// "€ 84.000" or "2,5 banen".
    static func describe(_ offer: Int64, tender: ContractModel) -> String {
        unit(of: tender) == "jobs" ? "\(TargetProgress.dutch(offer)) \(offer == 1_000 ? "baan" : "banen")" : Money(cents: offer).description
    }

    @discardableResult
    static func enter(_ d: Draft, on tender: ContractModel, by user: CurrentUser, today: Day, on db: any Database) async throws -> BidModel {
        guard tender.srAsk == .awardCriterion else {
            throw AppError.conflict(field: "srAsk", message: "Deze aanbesteding vraagt social return niet als gunningscriterium; er zijn geen aanbiedingen te beoordelen.")
        }
        guard !tender.status.isAwarded else { throw AppError.conflict(field: "status", message: "Deze opdracht is al gegund.") }
        let supplierID: UUID
        if isBuyerSide(user, of: tender), !user.isAdministrator || d.supplierID != nil {
            try Access.requireContractEditor(user)
            guard let id = d.supplierID, let org = try await OrganisationModel.find(id, on: db), org.kind.canBeAwarded else {
                throw AppError.validation([.init(field: "supplierId", message: "kies de inschrijver (een opdrachtnemer of sociale onderneming in sroi)")])
            }
            supplierID = id
        } else if user.isSupplier, user.role.reports || user.role == .supplierAdmin {
            guard tender.status == .inTender else { throw AppError.conflict(field: "status", message: "Deze aanbesteding staat niet open voor inschrijvingen.") }
            if let close = tender.bidsCloseOn.flatMap(Day.init(iso:)), today > close {
                throw AppError.conflict(field: "offer", message: "De inschrijvingstermijn is gesloten op \(close.dutch); uw aanbod kan niet meer veranderen.")
            }
            supplierID = user.organisationID
        } else {
            throw AppError.forbidden("Alleen de inkoper of de inschrijver zelf legt een aanbod vast.")
        }
        let plan = d.plan?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var errors: [FieldError] = []
        let maximum: Int64 = unit(of: tender) == "jobs" ? 1_000_000 : 10_000_000_000_000   // 1.000 jobs, or € 100 billion
        if d.offer == nil || d.offer! < 0 || d.offer! > maximum {
            errors.append(.init(field: "offer", message: unit(of: tender) == "jobs" ? "geef het aantal aangeboden banen" : "geef het aangeboden bedrag"))
        }
        if plan.isEmpty || plan.count > 8_000 { errors.append(.init(field: "plan", message: "beschrijf het plan van aanpak (hoogstens 8.000 tekens)")) }
        for problem in PersonalDataCheck.problems(in: plan) { errors.append(.init(field: "plan", message: problem + "; een plan van aanpak noemt geen kandidaten")) }
        guard errors.isEmpty, let offer = d.offer else { throw AppError.validation(errors) }
        let tenderID = try tender.requireID()
        let existing = try await BidModel.query(on: db).filter(\.$contract.$id == tenderID).filter(\.$supplier.$id == supplierID).first()
        let bid = existing ?? BidModel()
        let before = existing.map { ["offer": describe($0.offer, tender: tender)] }
        bid.$contract.id = tenderID
        bid.$supplier.id = supplierID
        bid.offer = offer
        bid.plan = plan
        bid.enteredBy = user.userID
        try await db.writeTransaction { db in
            try await bid.save(on: db)
            try await AuditLog.record(existing == nil ? .create : .update, objectType: "bid", objectID: bid.id, by: user, before: before,
                                      after: ["offer": describe(offer, tender: tender)], about: tender.$buyer.id, on: db)
        }
        return bid
    }

    /// The bids the user may see: all for the buyer's side, its own for a bidder.
    static func list(for tender: ContractModel, user: CurrentUser, on db: any Database) async throws -> [BidModel] {
        let q = BidModel.query(on: db).filter(\.$contract.$id == (try tender.requireID())).with(\.$supplier).sort(\.$createdAt)
        if isBuyerSide(user, of: tender) { return try await q.all() }
        if user.isSupplier { return try await q.filter(\.$supplier.$id == user.organisationID).all() }
        return []
    }

    static func bid(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> (BidModel, ContractModel) {
        guard let id, let bid = try await BidModel.query(on: db).filter(\.$id == id).with(\.$supplier).first() else { throw AppError.notFound }
        let tender = try await tender(bid.$contract.id, for: user, on: db)
        guard isBuyerSide(user, of: tender) || (user.isSupplier && bid.$supplier.id == user.organisationID) else { throw AppError.notFound }
        return (bid, tender)
    }

    /// An assessor's points for a bid's plan, per criterion key (0 to the criterion's maximum); replaces earlier points.
    static func score(_ bid: BidModel, of tender: ContractModel, points: [String: Int], note: String?, by user: CurrentUser, on db: any Database) async throws {
        guard isAssessor(user, of: tender) else {
            throw AppError.forbidden("Alleen de SR-coördinator en de HR-adviseur van de opdrachtgever beoordelen de plannen van aanpak.")
        }
        guard !tender.status.isAwarded else { throw AppError.conflict(field: nil, message: "De opdracht is gegund; de beoordeling staat vast.") }
        let criteria = try await PolicyStore.currentPolicy(of: tender.$buyer.id, on: db).planCriteria
        var errors: [FieldError] = []
        for c in criteria {
            guard let p = points[c.key] else { errors.append(.init(field: "points.\(c.key)", message: "geef punten voor \(c.name) (0 tot \(c.maximum))")); continue }
            if !(0...c.maximum).contains(p) { errors.append(.init(field: "points.\(c.key)", message: "verwacht 0 tot \(c.maximum) punten")) }
        }
        for key in points.keys where !criteria.contains(where: { $0.key == key }) {
            errors.append(.init(field: "points.\(key)", message: "onbekend criterium; kies " + criteria.map(\.key).joined(separator: ", ")))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let bidID = try bid.requireID()
        try await db.writeTransaction { db in
            try await BidScoreModel.query(on: db).filter(\.$bid.$id == bidID).filter(\.$assessorID == user.userID).delete()
            for c in criteria {
                let s = BidScoreModel()
                s.$bid.id = bidID
                s.assessorID = user.userID
                s.criterion = c.key
                s.points = points[c.key]!
                s.note = note.flatMap { $0.isEmpty ? nil : $0 }
                try await s.create(on: db)
            }
            try await AuditLog.record(.create, objectType: "bid_score", objectID: bidID, by: user, before: Optional<String>.none,
                                      after: points.mapValues(String.init), about: tender.$buyer.id, on: db)
        }
    }
}
