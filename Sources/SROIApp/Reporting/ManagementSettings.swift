import Fluent
import Foundation
import SROIDomain

/// A buyer's management settings: its goal of banenafspraak jobs and the figures it publishes (off by default).
enum ManagementSettings {
    struct Change: Sendable {
        var jobsGoal: String?
        var jobsGoalYear: String?
        /// nil: publish nothing (the public page is off); otherwise the `PublicFigure` raw values to publish.
        var published: [String]?
    }

    /// Checks and saves the settings in one transaction, with the old and new values in the audit log.
    @discardableResult
    static func save(_ change: Change, by user: CurrentUser, on db: any Database) async throws -> OrganisationModel {
        guard user.isBuyer, let org = try await OrganisationModel.find(user.organisationID, on: db) else { throw AppError.notFound }
        try Access.requireCoordinator(user)
        let goal = change.jobsGoal?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let year = change.jobsGoalYear?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        var errors: [FieldError] = []
        if let goal, (Int(goal) ?? -1) < 0 {
            errors.append(.init(field: "jobsGoal", message: "verwacht een geheel aantal banen, zoals 25"))
        }
        if let year, Int(year).map({ !(2000...2100).contains($0) }) ?? true {
            errors.append(.init(field: "jobsGoalYear", message: "verwacht een jaartal, zoals 2028"))
        }
        let unknown = (change.published ?? []).filter { PublicFigure(rawValue: $0) == nil }
        if !unknown.isEmpty {
            errors.append(.init(field: "published", message: "onbekende kerncijfers: " + unknown.joined(separator: ", ")))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let before = ["jobsGoal": org.jobsGoal.map(String.init) ?? "", "jobsGoalYear": org.jobsGoalYear.map(String.init) ?? "",
                      "published": org.publishedFiguresRaw ?? ""]
        org.jobsGoal = goal.flatMap(Int.init)
        org.jobsGoalYear = year.flatMap(Int.init)
        org.publishedFiguresRaw = change.published.map { $0.compactMap(PublicFigure.init(rawValue:)).map(\.rawValue).joined(separator: ",") }
        try await db.writeTransaction { db in
            try await org.update(on: db)
            try await AuditLog.record(.update, objectType: "organisation", objectID: org.id, by: user, before: before,
                                      after: ["jobsGoal": goal ?? "", "jobsGoalYear": year ?? "", "published": org.publishedFiguresRaw ?? ""],
                                      about: org.id, on: db)
        }
        return org
    }
}
