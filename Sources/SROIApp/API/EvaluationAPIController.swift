import Fluent
import Foundation
import SROIDomain
import Vapor

struct EvaluationDTO: Content {
    var id: UUID?
    /// buyer or supplier
    var side: String
    var whatWorked: String
    var lessons: String
    var judgement: Int?
    var judgementLabel: String?
    var createdAt: Date?

    init(_ e: ContractEvaluationModel) {
        id = e.id
        side = e.side
        whatWorked = e.whatWorked
        lessons = e.lessons
        judgement = e.judgement
        judgementLabel = e.judgement.flatMap(Evaluation.label)
        createdAt = e.createdAt
    }
}

/// `GET` and `POST /api/v1/contracts/{id}/evaluations`: the evaluations of a contract's social return (step 4b).
struct EvaluationAPIController: Sendable {
    struct EvaluationRequest: Content { var whatWorked: String?; var lessons: String?; var judgement: Int? }

    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        c.get("evaluations", use: list)
        c.post("evaluations", use: create)
    }

    func list(req: Request) async throws -> [EvaluationDTO] {
        try await EvaluationService.list(for: try await req.contract(), on: req.db).map(EvaluationDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let body = try req.content.decode(EvaluationRequest.self)
        let e = try await EvaluationService.save(.init(whatWorked: body.whatWorked, lessons: body.lessons, judgement: body.judgement),
                                                 for: try await req.contract(), by: try req.currentUser(), today: req.platform.today(), on: req.db)
        return try await EvaluationDTO(e).encodeResponse(status: .created, for: req)
    }
}
