import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's target as the API shows it: the settings, the milestones, and the progress in its own unit.
struct TargetDTO: Content {
    struct MilestoneDTO: Content {
        var index: Int
        var title: String
        var due: String
        var metOn: String?
    }

    var kind: String
    var description: String
    var count: Int?
    var block: String?
    var targetGroup: String?
    var minimumHoursPerWeek: Double?
    var milestones: [MilestoneDTO]?
    var progress: TargetProgressDTO?

    init(_ target: ObligationTarget, description: String, progress: TargetProgress?) {
        kind = target.kind
        self.description = description
        switch target {
        case .jobs(let p), .placements(let p):
            count = p.count
            block = p.block?.rawValue
            targetGroup = p.targetGroup?.rawValue
            minimumHoursPerWeek = p.minimumHoursPerWeek.map { Double($0.hundredths) / 100 }
        case .effort(let m):
            milestones = m.enumerated().map { MilestoneDTO(index: $0.offset, title: $0.element.title, due: $0.element.due.iso, metOn: $0.element.metOn?.iso) }
        }
        self.progress = progress.map { TargetProgressDTO(kind: target.kind, description: description, $0) }
    }
}

/// `GET`, `PUT`, `DELETE /api/v1/contracts/{id}/target` and `POST …/target/milestones/{index}`: an obligation agreed in
/// jobs, placements or effort instead of euros.
struct TargetAPIController: Sendable {
    struct TargetRequest: Content {
        struct MilestoneRequest: Content { var title: String?; var due: String?; var metOn: String? }
        var kind: String?
        var count: Int?
        var block: String?
        var targetGroup: String?
        var minimumHoursPerWeek: Double?
        var milestones: [MilestoneRequest]?
    }
    struct MilestoneChange: Content { var met: Bool? }

    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id", "target")
        c.get(use: show)
        c.put(use: set)
        c.delete(use: clear)
        c.post("milestones", ":index", use: milestone)
    }

    func show(req: Request) async throws -> TargetDTO {
        try await dto(req, contract: try await req.contract())
    }

    func set(req: Request) async throws -> TargetDTO {
        let body = try req.content.decode(TargetRequest.self)
        let contract = try await req.contract()
        let draft = TargetService.Draft(kind: body.kind, count: body.count, block: body.block, targetGroup: body.targetGroup,
                                        minimumHoursPerWeek: body.minimumHoursPerWeek.map { Hours(hundredths: PercentNumber.hundredths($0)) },
                                        milestones: (body.milestones ?? []).map { ($0.title, $0.due, $0.metOn) })
        try await TargetService.set(draft, on: contract, by: try req.currentUser(), on: req.db)
        return try await dto(req, contract: contract)
    }

    func clear(req: Request) async throws -> HTTPStatus {
        try await TargetService.clear(on: try await req.contract(), by: try req.currentUser(), on: req.db)
        return .noContent
    }

    func milestone(req: Request) async throws -> TargetDTO {
        guard let index = req.parameters.get("index", as: Int.self) else { throw AppError.notFound }
        let contract = try await req.contract()
        let met = try req.content.decode(MilestoneChange.self).met ?? true
        _ = try await TargetService.markMilestone(index, met: met, on: contract, today: req.platform.today(), by: try req.currentUser(), on: req.db)
        return try await dto(req, contract: contract)
    }

    private func dto(_ req: Request, contract: ContractModel) async throws -> TargetDTO {
        guard let obligation = try await ObligationService.obligation(for: contract, on: req.db), let target = obligation.effective.target else {
            throw AppError.notFound
        }
        let report = try await ProgressService.report(for: contract, today: req.platform.today(), scope: .of(try req.currentUser()), on: req.db)
        return TargetDTO(target, description: obligation.effective.targetDescription ?? "", progress: report?.target)
    }
}
