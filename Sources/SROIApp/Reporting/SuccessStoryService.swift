import Fluent
import Foundation
import SROIDomain

/// A buyer's coordinator writes success stories and publishes them on the transparency page. A story holds no personal
/// data: the author confirms there are no names, and a BSN, phone number or e-mail address is refused.
enum SuccessStoryService {
    struct Draft: Sendable {
        var title: String?
        var body: String?
        var contractID: UUID?
        var published: Bool?
        /// The author confirms the text names nobody and holds no personal data.
        var noPersonalData: Bool?
    }

    static func list(of organisationID: UUID, publishedOnly: Bool, on db: any Database) async throws -> [SuccessStoryModel] {
        var q = SuccessStoryModel.query(on: db).filter(\.$organisation.$id == organisationID)
        if publishedOnly { q = q.filter(\.$published == true) }
        return try await q.sort(\.$createdAt, .descending).all()
    }

    static func save(_ draft: Draft, existing: SuccessStoryModel?, for organisationID: UUID, by user: CurrentUser,
                     on db: any Database) async throws -> SuccessStoryModel {
        try Access.requireCoordinator(user)
        guard user.isAdministrator || user.organisationID == organisationID else { throw AppError.notFound }
        let title = (draft.title ?? existing?.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (draft.body ?? existing?.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if title.isEmpty || title.count > 200 { errors.append(.init(field: "title", message: "geef het verhaal een titel (hoogstens 200 tekens)")) }
        if body.isEmpty || body.count > 5_000 { errors.append(.init(field: "body", message: "schrijf het verhaal (hoogstens 5.000 tekens)")) }
        for problem in PersonalDataCheck.problems(in: title + "\n" + body) {
            errors.append(.init(field: "body", message: problem + "; een succesverhaal bevat geen persoonsgegevens"))
        }
        if draft.title != nil || draft.body != nil || existing == nil, draft.noPersonalData != true {
            errors.append(.init(field: "noPersonalData", message: "bevestig dat het verhaal geen namen of andere persoonsgegevens bevat"))
        }
        var contractID = existing?.$contract.id
        if let id = draft.contractID {
            guard try await ContractModel.query(on: db).filter(\.$id == id).filter(\.$buyer.$id == organisationID).first() != nil else {
                throw AppError.validation([.init(field: "contractId", message: "kies een contract van uw organisatie")])
            }
            contractID = id
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let story = existing ?? SuccessStoryModel()
        let before = existing.map(snapshot)
        story.$organisation.id = organisationID
        story.$contract.id = contractID
        story.title = title
        story.body = body
        if let published = draft.published { story.published = published }
        if existing == nil { story.createdBy = user.userID }
        try await db.writeTransaction { db in
            try await story.save(on: db)
            try await AuditLog.record(existing == nil ? .create : .update, objectType: "success_story", objectID: story.id, by: user,
                                      before: before, after: snapshot(story), about: organisationID, on: db)
        }
        return story
    }

    static func delete(_ story: SuccessStoryModel, by user: CurrentUser, on db: any Database) async throws {
        try Access.requireCoordinator(user)
        guard user.isAdministrator || user.organisationID == story.$organisation.id else { throw AppError.notFound }
        let before = snapshot(story)
        try await db.writeTransaction { db in
            try await story.delete(on: db)
            try await AuditLog.record(.delete, objectType: "success_story", objectID: story.id, by: user, before: before,
                                      after: Optional<[String: String]>.none, about: story.$organisation.id, on: db)
        }
    }

    static func find(_ id: UUID?, of organisationID: UUID, on db: any Database) async throws -> SuccessStoryModel {
        guard let id, let s = try await SuccessStoryModel.query(on: db).filter(\.$id == id).filter(\.$organisation.$id == organisationID).first() else {
            throw AppError.notFound
        }
        return s
    }

    static func snapshot(_ s: SuccessStoryModel) -> [String: String] {
        ["title": s.title, "body": s.body, "published": String(s.published), "contract": s.$contract.id?.uuidString ?? ""]
    }
}
