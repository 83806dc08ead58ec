import Fluent
import Foundation
import SROIDomain

/// The candidate's path for the job service that proposed the candidate: every placement of the pseudonym across
/// contracts, suppliers and buyers, in order, with its step on the ladder. Buyers and suppliers never get this view.
enum CandidatePathService {
    struct Step: Sendable {
        var placementID: UUID
        var block: String
        var rung: String
        var targetGroup: String
        var hoursPerWeek: Hours
        var start: Day
        var end: Day?
        var outcome: PlacementOutcome?
        var supplier: String
        var buyer: String
        var contract: String
        var verifiedBy: String?
        /// A step up from the placement before it.
        var progression: Bool
        var revolvingDoor: Bool
    }

    /// The full pseudonym of a candidate this job service proposed, from the form it is shown in ("K-1A2B3C4D") or in
    /// full; 404 for any other.
    static func pseudonym(shown: String, for user: CurrentUser, on db: any Database) async throws -> String {
        let given = shown.lowercased()
        let prefix = given.hasPrefix("k-") ? String(given.dropFirst(2)) : given
        guard prefix.count >= 8 else { throw AppError.notFound }
        let own = Set(try await ProposalModel.query(on: db).filter(\.$jobService.$id == user.organisationID).all(\.$candidate))
        guard let pseudonym = own.first(where: { $0.lowercased().hasPrefix(prefix) }) else { throw AppError.notFound }
        return pseudonym
    }

    /// The path of `pseudonym`; 404 unless this job service proposed the candidate.
    static func path(of pseudonym: String, for user: CurrentUser, today: Day, on db: any Database) async throws -> [Step] {
        guard user.isAdministrator || user.isJobService else { throw AppError.notFound }
        if !user.isAdministrator {
            guard try await ProposalModel.query(on: db).filter(\.$candidate == pseudonym).filter(\.$jobService.$id == user.organisationID).first() != nil else {
                throw AppError.notFound
            }
        }
        let placements = try await PlacementModel.query(on: db).filter(\.$candidate == pseudonym).with(\.$contract).sort(\.$startDate).all()
        let contracts = placements.map(\.contract)
        let orgIDs = Set(contracts.map { $0.$buyer.id } + contracts.compactMap { $0.$supplier.id } + placements.compactMap(\.verifiedBy))
        let names = Dictionary(try await OrganisationModel.query(on: db).filter(\.$id ~~ Array(orgIDs)).all().map { ($0.id!, $0.name) },
                               uniquingKeysWith: { a, _ in a })
        let doors = Durability.revolvingDoors(placements.compactMap(\.span), on: today)
        var previous: LadderStep?
        return placements.compactMap { p in
            guard let id = p.id, let span = p.span, let step = span.step else { return nil }
            let up = previous.map { step.isProgression(from: $0) } ?? false
            previous = step
            return Step(placementID: id, block: p.block.dutchLabel, rung: LadderStep.names[step.rank], targetGroup: p.targetGroup.dutchLabel,
                        hoursPerWeek: step.hoursPerWeek, start: span.start, end: span.end, outcome: span.outcome,
                        supplier: p.contract.$supplier.id.flatMap { names[$0] } ?? "-", buyer: names[p.contract.$buyer.id] ?? "-",
                        contract: p.contract.title, verifiedBy: p.verifiedBy.flatMap { names[$0] }, progression: up,
                        revolvingDoor: doors.contains(id.uuidString))
        }
    }
}
