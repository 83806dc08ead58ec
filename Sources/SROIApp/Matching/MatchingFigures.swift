import Fluent
import SQLKit
import Foundation
import SROIDomain

/// Matching in figures: vacancies, proposals, interviews, placements, the time from vacancy to filled, and how the
/// placements last. A job service sees its own candidates exactly; a buyer's figures are about persons it does not
/// see one by one, so they follow the "< 5" rule.
enum MatchingFigures {
    struct Figures: Sendable {
        var openVacancies: Int
        var vacancies: Int
        var proposals: PersonCount
        var interviews: PersonCount
        var placements: PersonCount
        /// Average whole days from publishing a vacancy to filling it, over the filled ones; nil when none is.
        var averageDaysToFill: Int?
        var retention6: (retained: PersonCount, eligible: PersonCount)
        var retention12: (retained: PersonCount, eligible: PersonCount)
    }

    static func of(_ user: CurrentUser, organisation organisationID: UUID, today: Day, on db: any Database) async throws -> Figures {
        guard let org = try await OrganisationModel.find(organisationID, on: db), user.isAdministrator || user.organisationID == organisationID else {
            throw AppError.notFound
        }
        return try await of(org, exact: org.kind == .jobService || user.isAdministrator, today: today, on: db)
    }

    /// The figures of a job service or a buyer; `exact` only where the reader may see the persons' counts.
    static func of(_ org: OrganisationModel, exact: Bool, today: Day, on db: any Database) async throws -> Figures {
        let organisationID = try org.requireID()
        let vacancies: [VacancyModel]
        var proposals: [ProposalModel]
        switch org.kind {
        case .jobService:
            let regions = org.regions
            vacancies = regions.isEmpty ? [] : try await VacancyModel.query(on: db).filter(\.$region ~~ regions).all()
            proposals = try await ProposalModel.query(on: db).filter(\.$jobService.$id == organisationID).all()
        case .buyer:
            // The buyer's contracts' vacancies in one join, not a list of every contract id.
            guard let sql = db as? any SQLDatabase else { throw AppError.badRequest(field: nil, message: "database zonder SQL") }
            vacancies = try await sql.models("""
                SELECT v.* FROM vacancies v JOIN contracts c ON c.id = v.contract_id WHERE c.buyer_id = \(bind: organisationID)
                """, as: VacancyModel.self)
            let ids = vacancies.compactMap(\.id)
            proposals = ids.isEmpty ? [] : try await ProposalModel.query(on: db).filter(\.$vacancy.$id ~~ ids).all()
        default:
            throw AppError.notFound
        }
        let accepted = proposals.filter { $0.status == ProposalService.Status.accepted.rawValue }
        let placementIDs = accepted.compactMap(\.placementID)
        let spans = placementIDs.isEmpty ? [] : try await PlacementModel.query(on: db).filter(\.$id ~~ placementIDs).all().compactMap(\.span)
        // Days to fill: the vacancies filled through these proposals (a job service) or all filled ones (a buyer).
        let filledIDs = Set(accepted.map(\.$vacancy.id))
        let filled = filledIDs.isEmpty ? [] : try await VacancyModel.query(on: db).filter(\.$id ~~ Array(filledIDs)).all().compactMap { v -> Int? in
            guard let created = v.createdAt, let done = v.filledAt else { return nil }
            return max(0, Int(done.timeIntervalSince(created) / 86_400))
        }
        func count(_ n: Int) -> PersonCount { SmallCountRule.count(n, seesPersons: exact) }
        func pair(_ r: Durability.Retention) -> (PersonCount, PersonCount) {
            exact ? (.exact(r.retained), .exact(r.eligible)) : SmallCountRule.protect(part: r.retained, of: r.eligible)
        }
        return Figures(openVacancies: vacancies.filter { $0.status == VacancyService.Status.open.rawValue }.count, vacancies: vacancies.count,
                       proposals: count(proposals.count), interviews: count(proposals.filter { $0.interviewOn != nil }.count),
                       placements: count(accepted.count), averageDaysToFill: filled.isEmpty ? nil : filled.reduce(0, +) / filled.count,
                       retention6: pair(Durability.retention(spans, months: 6, on: today)),
                       retention12: pair(Durability.retention(spans, months: 12, on: today)))
    }
}
