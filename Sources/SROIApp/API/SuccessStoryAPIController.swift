import Fluent
import Foundation
import SROIDomain
import Vapor

struct SuccessStoryDTO: Content {
    var id: UUID
    var title: String
    var body: String
    var contractId: UUID?
    var published: Bool
    var createdAt: Date?

    init(_ s: SuccessStoryModel) throws {
        id = try s.requireID()
        title = s.title
        body = s.body
        contractId = s.$contract.id
        published = s.published
        createdAt = s.createdAt
    }
}

/// `/api/v1/organisations/{id}/stories`: a buyer's success stories, published on its transparency page by choice.
struct SuccessStoryAPIController: Sendable {
    struct StoryRequest: Content {
        var title: String?
        var body: String?
        var contractId: UUID?
        var published: Bool?
        var noPersonalData: Bool?

        var draft: SuccessStoryService.Draft {
            .init(title: title, body: body, contractID: contractId, published: published, noPersonalData: noPersonalData)
        }
    }

    func register(_ routes: any RoutesBuilder) {
        let s = routes.grouped("organisations", ":id", "stories")
        s.get(use: list)
        s.post(use: create)
        s.patch(":storyId", use: update)
        s.delete(":storyId", use: delete)
    }

    /// The buyer whose stories these are: the user's own organisation (or any, for an administrator).
    private func owner(_ req: Request) async throws -> UUID {
        try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db).requireID()
    }

    func list(req: Request) async throws -> [SuccessStoryDTO] {
        try await SuccessStoryService.list(of: try await owner(req), publishedOnly: false, on: req.db).map(SuccessStoryDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let s = try await SuccessStoryService.save(try req.content.decode(StoryRequest.self).draft, existing: nil, for: try await owner(req),
                                                   by: try req.currentUser(), on: req.db)
        return try await SuccessStoryDTO(s).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> SuccessStoryDTO {
        let org = try await owner(req)
        let existing = try await SuccessStoryService.find(req.parameters.get("storyId", as: UUID.self), of: org, on: req.db)
        return try SuccessStoryDTO(try await SuccessStoryService.save(try req.content.decode(StoryRequest.self).draft, existing: existing, for: org,
                                                                      by: try req.currentUser(), on: req.db))
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let org = try await owner(req)
        try await SuccessStoryService.delete(try await SuccessStoryService.find(req.parameters.get("storyId", as: UUID.self), of: org, on: req.db),
                                             by: try req.currentUser(), on: req.db)
        return .noContent
    }
}
