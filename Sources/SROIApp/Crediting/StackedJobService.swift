import Fluent
import Foundation
import SROIDomain

/// The buyer's coordinator joins placements of one person with several of its suppliers into a stacked job
/// (stapelbaan). The suppliers each record their own placement; the pseudonym links them without a name.
enum StackedJobService {
    struct Candidate: Sendable {
        var candidate: String
        var placements: [PlacementModel]
    }

    /// People placed on contracts of this buyer by two or more suppliers, not yet joined.
    static func candidates(for user: CurrentUser, on db: any Database) async throws -> [Candidate] {
        try Access.requireCoordinator(user)
        let contracts = try await Access.contracts(for: user, on: db).all()
        let ids = contracts.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let placements = try await PlacementModel.query(on: db).filter(\.$contract.$id ~~ ids).filter(\.$stackedJobID == nil).with(\.$contract).all()
        return Dictionary(grouping: placements, by: \.candidate)
            .filter { Set($0.value.compactMap { $0.contract.$supplier.id }).count > 1 }
            .map { Candidate(candidate: $0.key, placements: $0.value.sorted { $0.startDate < $1.startDate }) }
            .sorted { $0.candidate < $1.candidate }
    }

    static func create(title: String?, placementIDs: [UUID], by user: CurrentUser, on db: any Database) async throws -> StackedJobModel {
        try Access.requireCoordinator(user)
        let trimmed = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var errors: [FieldError] = []
        if trimmed.isEmpty { errors.append(.init(field: "title", message: "geef de stapelbaan een naam, bijvoorbeeld de taken")) }
        let placements = try await PlacementModel.query(on: db).filter(\.$id ~~ placementIDs).with(\.$contract).all()
        let buyer = user.organisationID
        if placements.count != Set(placementIDs).count || placements.contains(where: { !user.isAdministrator && $0.contract.$buyer.id != buyer }) {
            throw AppError.notFound
        }
        if placements.count < 2 { errors.append(.init(field: "placementIds", message: "een stapelbaan bestaat uit ten minste twee plaatsingen")) }
        if Set(placements.map(\.candidate)).count > 1 {
            errors.append(.init(field: "placementIds", message: "de plaatsingen horen bij verschillende personen"))
        }
        let suppliers = placements.compactMap { $0.contract.$supplier.id }
        if Set(suppliers).count != placements.count {
            errors.append(.init(field: "placementIds", message: "kies één plaatsing per opdrachtnemer"))
        }
        if placements.contains(where: { $0.stackedJobID != nil }) {
            errors.append(.init(field: "placementIds", message: "een van de plaatsingen hoort al bij een stapelbaan"))
        }
        guard errors.isEmpty, let first = placements.first else { throw AppError.validation(errors) }
        let job = StackedJobModel()
        job.$buyer.id = first.contract.$buyer.id
        job.candidate = first.candidate
        job.title = trimmed
        job.createdBy = user.userID
        try await db.writeTransaction { db in
            try await job.create(on: db)
            for p in placements {
                p.stackedJobID = job.id
                try await p.update(on: db)
            }
            try await AuditLog.record(.create, objectType: "stacked_job", objectID: job.id, by: user, before: Optional<String>.none,
                                      after: ["title": trimmed, "placements": placements.map { $0.id!.uuidString }.joined(separator: ",")],
                                      about: job.$buyer.id, on: db)
        }
        return job
    }

    static func jobs(for user: CurrentUser, on db: any Database) async throws -> [(StackedJobModel, [PlacementModel])] {
        var query = StackedJobModel.query(on: db).sort(\.$createdAt)
        if !user.isAdministrator {
            guard user.isBuyer else { throw AppError.forbidden("Stapelbanen beheert de opdrachtgever.") }
            query = query.filter(\.$buyer.$id == user.organisationID)
        }
        let jobs = try await query.all()
        let ids = jobs.compactMap(\.id)
        let parts = ids.isEmpty ? [] : try await PlacementModel.query(on: db).filter(\.$stackedJobID ~~ ids).with(\.$contract).all()
        let byJob = Dictionary(grouping: parts, by: { $0.stackedJobID! })
        return jobs.map { ($0, byJob[$0.id!] ?? []) }
    }
}
