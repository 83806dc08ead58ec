import Fluent
import Foundation
import SROIDomain
import Vapor

struct DelegationDTO: Content {
    var id: UUID
    var organisationId: UUID
    var organisationName: String
    var grantedAt: Date?
    var revokedAt: Date?
    var active: Bool

    init(_ d: DelegationService.Delegation) {
        id = d.id
        organisationId = d.organisationID
        organisationName = d.organisationName
        grantedAt = d.grantedAt
        revokedAt = d.revokedAt
        active = d.revokedAt == nil
    }
}

/// `GET`/`POST /api/v1/contracts/{id}/delegations`, `DELETE …/delegations/{delegationId}`: who records and reports on
/// the awarded supplier's behalf.
struct DelegationAPIController: Sendable {
    struct GrantRequest: Content { var organisationId: UUID? }

    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id", "delegations")
        c.get(use: list)
        c.post(use: grant)
        c.delete(":delegationId", use: revoke)
    }

    func list(req: Request) async throws -> [DelegationDTO] {
        try await DelegationService.list(for: try await req.contract(), on: req.db).map(DelegationDTO.init)
    }

    func grant(req: Request) async throws -> Response {
        let contract = try await req.contract()
        let d = try await DelegationService.grant(to: try req.content.decode(GrantRequest.self).organisationId, on: contract,
                                                  by: try req.currentUser(), on: req.db)
        let shown = try await DelegationService.list(for: contract, on: req.db).first { $0.id == d.id }
        guard let shown else { throw AppError.notFound }
        return try await DelegationDTO(shown).encodeResponse(status: .created, for: req)
    }

    func revoke(req: Request) async throws -> HTTPStatus {
        try await DelegationService.revoke(req.parameters.get("delegationId", as: UUID.self), on: try await req.contract(),
                                           by: try req.currentUser(), on: req.db)
        return .noContent
    }
}
