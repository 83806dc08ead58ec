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
    /// The supplier shares this judgement with other buyers as a reference.
    var sharedAsReference: Bool
    var createdAt: Date?

    init(_ e: ContractEvaluationModel) {
        id = e.id
        side = e.side
        whatWorked = e.whatWorked
        lessons = e.lessons
        judgement = e.judgement
        judgementLabel = e.judgement.flatMap(Evaluation.label)
        sharedAsReference = e.sharedAsReference
        createdAt = e.createdAt
    }
}

/// A buyer's judgement a supplier shares as a reference.
struct ReferenceDTO: Content {
    var buyerName: String
    var contractTitle: String
    var judgement: Int
    var judgementLabel: String
    var whatWorked: String
    var date: Date?

    init(_ r: EvaluationService.Reference) {
        buyerName = r.buyer
        contractTitle = r.contract
        judgement = r.judgement
        judgementLabel = Evaluation.label(r.judgement) ?? ""
        whatWorked = r.whatWorked
        date = r.date
    }
}

/// `GET` and `POST /api/v1/contracts/{id}/evaluations`: the evaluations of a contract's social return (step 4b).
struct EvaluationAPIController: Sendable {
    struct EvaluationRequest: Content { var whatWorked: String?; var lessons: String?; var judgement: Int? }

    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        c.get("evaluations", use: list)
        c.post("evaluations", use: create)
        c.post("evaluations", ":evaluationId", "share", use: share)
        routes.get("suppliers", ":id", "references", use: references)
    }

    struct ShareRequest: Content { var shared: Bool? }

    func share(req: Request) async throws -> EvaluationDTO {
        let shared = try req.content.decode(ShareRequest.self).shared ?? true
        return EvaluationDTO(try await EvaluationService.share(req.parameters.get("evaluationId", as: UUID.self), shared: shared,
                                                               of: try await req.contract(), by: try req.currentUser(), on: req.db))
    }

    /// The judgements a supplier shares as references: for buyers (and the supplier itself).
    func references(req: Request) async throws -> [ReferenceDTO] {
        let org = try await Access.organisation(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        guard org.kind.canBeAwarded else { throw AppError.notFound }
        return try await EvaluationService.references(of: try org.requireID(), on: req.db).map(ReferenceDTO.init)
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
