import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's placements and their paid hours, for the supplier and the buyer's reviewers.
struct PlacementAPIController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("placements", use: placements)
        c.post("placements", use: createPlacement)
        c.get("placements", ":placementId", use: placement)
        c.patch("placements", ":placementId", use: updatePlacement)
        c.post("placements", ":placementId", "erase", use: erase)
        c.get("placements", ":placementId", "hours", use: hours)
        c.post("placements", ":placementId", "hours", use: recordHours)
    }

    /// The contract, for a request about its persons one by one (placements, their hours).
    private func contractWithPersons(_ req: Request) async throws -> ContractModel {
        let c = try await req.contract()
        try FulfilmentAccess.requirePersons(try req.currentUser(), of: c)
        return c
    }

    private func placement(_ req: Request, of contract: ContractModel) async throws -> PlacementModel {
        guard let id = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == contract.requireID()).first()
        else { throw AppError.notFound }
        return p
    }


    func placements(req: Request) async throws -> [PlacementDTO] {
        let c = try await contractWithPersons(req)
        let placements = try await PlacementModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$startDate).all()
        let today = req.platform.today()
        let doors = try await DurabilityService.revolvingDoors(among: placements, today: today, scope: .of(try req.currentUser()), on: req.db)
        let user = try req.currentUser()
        return placements.map { p in
            var dto = PlacementDTO(p, shownTo: user, of: c, cipher: req.platform.referenceCipher)
            dto.durable = p.span?.isDurable(on: today)
            dto.revolvingDoor = p.id.map(doors.contains)
            return dto
        }
    }

    func placement(req: Request) async throws -> PlacementDTO {
        let c = try await contractWithPersons(req)
        return PlacementDTO(try await placement(req, of: c), shownTo: try req.currentUser(), of: c, cipher: req.platform.referenceCipher)
    }

    func createPlacement(req: Request) async throws -> Response {
        let c = try await req.contract()
        let body = try req.content.decode(PlacementRequest.self)
        let p = try await PlacementService.create(body.draft, on: c, by: try req.currentUser(), platform: req.platform, on: req.db)
        return try await PlacementDTO(p, shownTo: try req.currentUser(), of: c, cipher: req.platform.referenceCipher)
            .encodeResponse(status: .created, for: req)
    }

    struct PlacementChange: Content {
        var targetGroup: String?
        var hoursPerWeek: Double?
        var start: String?
        var end: String?
        var employmentKind: String?
        var doelgroepregister: Bool?
        var bonuses: [String]?
        var evidence: String?
        var region: String?
        var outcome: String?
        var outcomeDate: String?
    }

    func updatePlacement(req: Request) async throws -> PlacementDTO {
        let c = try await req.contract()
        let p = try await placement(req, of: c)
        let change = try req.content.decode(PlacementChange.self)
        let draft = PlacementDraft(
            reference: nil, bsn: nil, block: p.blockRaw, targetGroup: change.targetGroup ?? p.targetGroupRaw,
            apprenticeshipLevel: p.apprenticeshipLevel,
            hoursPerWeek: change.hoursPerWeek.map { Hours(hundredths: PercentNumber.hundredths($0)) } ?? Hours(hundredths: p.hoursPerWeekHundredths),
            start: change.start ?? p.startDate, end: change.end ?? p.endDate, employmentKind: change.employmentKind ?? p.employmentKind,
            doelgroepregister: change.doelgroepregister ?? p.doelgroepregister, bonuses: change.bonuses ?? p.bonuses.map(\.rawValue),
            evidence: change.evidence ?? p.evidence, region: change.region ?? p.region, outcome: change.outcome ?? p.outcomeRaw,
            outcomeDate: change.outcomeDate ?? p.outcomeDate)
        try await PlacementService.update(p, with: draft, on: c, by: try req.currentUser(), on: req.db)
        return PlacementDTO(p, shownTo: try req.currentUser(), of: c, cipher: req.platform.referenceCipher)
    }

    struct EraseRequest: Content { var reason: String }

    func erase(req: Request) async throws -> ErasureService.Result {
        let p = try await placement(req, of: try await req.contract())
        let body = try req.content.decode(EraseRequest.self)
        return try await ErasureService.erase(candidateOf: p, reason: body.reason, by: try req.currentUser(), on: req.db)
    }

    func hours(req: Request) async throws -> [PaidHoursDTO] {
        let p = try await placement(req, of: try await contractWithPersons(req))
        return try await PaidHoursModel.query(on: req.db).filter(\.$placement.$id == p.requireID()).sort(\.$periodStart).all().map(PaidHoursDTO.init)
    }

    func recordHours(req: Request) async throws -> Response {
        let c = try await req.contract()
        let p = try await placement(req, of: c)
        let body = try req.content.decode(PaidHoursDTO.self)
        var errors: [FieldError] = []
        let start = Day(iso: body.periodStart)
        let end = Day(iso: body.periodEnd)
        if start == nil { errors.append(.init(field: "periodStart", message: "verwacht een datum als JJJJ-MM-DD")) }
        if end == nil { errors.append(.init(field: "periodEnd", message: "verwacht een datum als JJJJ-MM-DD")) }
        guard errors.isEmpty, let start, let end else { throw AppError.validation(errors) }
        try await PaidHoursService.record(Hours(hundredths: PercentNumber.hundredths(body.hours)), from: start, to: end,
                                               for: p, on: c, by: try req.currentUser(), on: req.db)
        return try await body.encodeResponse(status: .created, for: req)
    }
}
