import Fluent
import Foundation
import SROIDomain

/// The ranking of a tender's bids on social return, and the award that turns the winner's offer into the obligation.
enum TenderRanking {
    struct Ranking: Sendable {
        /// Every assessor scored every bid.
        var complete: Bool
        var assessors: Int
        var assessorsDone: Int
        var criteria: [PlanCriterion]
        var weight: Percentage
        var offerShare: Percentage
        /// The ranking once complete (for a bidder after award: its own line only); empty before.
        var results: [TenderScoring.Result]
        /// The user's own scores per bid id and criterion, so an assessor sees what it gave before all have scored.
        var ownScores: [UUID: [String: Int]]
    }

    static func ranking(of tender: ContractModel, for user: CurrentUser, on db: any Database) async throws -> Ranking {
        let bids = try await BidService.list(for: tender, user: user, on: db)
        // Completeness and the ranking are over every bid of the tender, whoever reads them.
        let all = try await BidModel.query(on: db).filter(\.$contract.$id == (try tender.requireID())).with(\.$supplier).all()
        let policy = try await PolicyStore.currentPolicy(of: tender.$buyer.id, on: db)
        let assessorIDs = Set(try await UserModel.query(on: db).filter(\.$organisation.$id == tender.$buyer.id).filter(\.$active == true)
            .filter(\.$roleRaw ~~ [Role.coordinator.rawValue, Role.hrAdviser.rawValue]).all(\.$id))
        let bidIDs = all.compactMap(\.id)
        let scores = bidIDs.isEmpty ? [] : try await BidScoreModel.query(on: db).filter(\.$bid.$id ~~ bidIDs).all()
        let criteria = policy.planCriteria
        // An assessor is done when it scored every criterion of every bid.
        let done = assessorIDs.filter { a in
            bidIDs.allSatisfy { b in Set(scores.filter { $0.assessorID == a && $0.$bid.id == b }.map(\.criterion)).isSuperset(of: criteria.map(\.key)) }
        }
        let complete = !bidIDs.isEmpty && done.count == assessorIDs.count && !assessorIDs.isEmpty
        var own: [UUID: [String: Int]] = [:]
        for s in scores where s.assessorID == user.userID { own[s.$bid.id, default: [:]][s.criterion] = s.points }
        let weight = Percentage(basisPoints: tender.srWeightBasisPoints ?? 0)
        var results: [TenderScoring.Result] = []
        let buyerSide = BidService.isBuyerSide(user, of: tender)
        let bidderAfterAward = user.isSupplier && tender.status.isAwarded
        if complete && (buyerSide || bidderAfterAward) {
            // A bidder gets only its own line.
            let input = all.map { b in
                TenderScoring.Bid(id: b.id!.uuidString, bidder: b.supplier.name, offer: b.offer,
                                  planPoints: Dictionary(grouping: scores.filter { $0.$bid.id == b.id }, by: \.criterion).mapValues { $0.map(\.points) })
            }
            results = TenderScoring.rank(input, criteria: criteria, offerShare: policy.offerShare, weight: weight,
                                         describeOffer: { BidService.describe($0, tender: tender) })
            if !buyerSide { results = results.filter { r in bids.contains { $0.id?.uuidString == r.id } } }
        }
        return Ranking(complete: complete, assessors: assessorIDs.count, assessorsDone: done.count, criteria: criteria, weight: weight,
                       offerShare: policy.offerShare, results: results, ownScores: own)
    }

    /// Awards the tender to a bid: the contract is awarded to the bidder, the offer becomes the obligation (an amount
    /// with its explanation, or a number of jobs through the term) and the plan of approach the first action.
    static func award(_ bid: BidModel, of tender: ContractModel, by user: CurrentUser, today: Day, on db: any Database) async throws {
        try Access.requireCoordinator(user)
        guard BidService.isBuyerSide(user, of: tender) else { throw AppError.notFound }
        guard !tender.status.isAwarded else { throw AppError.conflict(field: "status", message: "Deze opdracht is al gegund.") }
        // Everything the award will write is checked first, so it is written whole or not at all.
        let jobs = BidService.unit(of: tender) == "jobs"
        let jobCount = Int((bid.offer + 999) / 1_000)
        let share = tender.valueCents > 0 ? Percentage(basisPoints: Int(divideRoundingHalfUp(bid.offer * 10_000, by: tender.valueCents))) : nil
        let override = ObligationOverride(applicable: true, amount: Money(cents: bid.offer),
                                          reason: "aangeboden in de inschrijving: \(BidService.describe(bid.offer, tender: tender))" + (share.map { ", \($0) van de opdrachtwaarde" } ?? ""))
        let problems = jobs ? ObligationTarget.jobs(PersonTarget(count: jobCount)).problems(term: tender.term) : override.validate()
        guard problems.isEmpty else { throw AppError.validation(problems.map { .init(field: "offer", message: "dit aanbod kan geen verplichting worden: " + $0.message) }) }
        var draft = ContractDraft(tender)
        draft.status = ContractStatus.awarded.rawValue
        draft.supplierID = bid.$supplier.id
        try await ContractService.update(tender, with: draft, by: user, on: db)
        if jobs {
            try await TargetService.set(.init(kind: "jobs", count: jobCount), on: tender, by: user, on: db)
        } else {
            try await ContractService.setOverride(override, on: tender, by: user, on: db)
        }
        let summary = bid.plan.count > 280 ? String(bid.plan.prefix(277)) + "…" : bid.plan
        _ = try await ActionPlanService.addAction(project: "Plan van aanpak \(tender.title)", description: "Uitvoeren zoals aangeboden: \(summary)",
                                                  owner: nil, deadline: (tender.term?.start ?? today).adding(months: 3).iso,
                                                  contractID: try tender.requireID(), by: user, organisationID: tender.$buyer.id, on: db)
    }
}
