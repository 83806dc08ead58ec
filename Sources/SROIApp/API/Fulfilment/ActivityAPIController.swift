import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's activities: training, job coaching, social purchasing, contributions.
struct ActivityAPIController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("activities", use: activities)
        c.post("activities", use: createActivity)
    }

    func activities(req: Request) async throws -> [ActivityDTO] {
        let c = try await req.contract()
        let scheme = try await ObligationService.obligation(for: c, on: req.db)?.policy.valuation ?? .haaglanden2023
        return try await ActivityModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$activityDate).all()
            .map { ActivityDTO($0, scheme: scheme) }
    }

    func createActivity(req: Request) async throws -> Response {
        let c = try await req.contract()
        let b = try req.content.decode(ActivityRequest.self)
        let a = try await ActivityService.create(.init(block: b.block, description: b.description, date: b.date,
                                                       amount: b.amountCents.map(Money.init(cents:)),
                                                       hours: b.hours.map { Hours(hundredths: PercentNumber.hundredths($0)) },
                                                       enterpriseName: b.enterpriseName, enterpriseKvK: b.enterpriseKvk,
                                                       enterpriseStatus: b.enterpriseStatus, evidence: b.evidence),
                                                 on: c, by: try req.currentUser(), on: req.db)
        let scheme = try await ObligationService.obligation(for: c, on: req.db)?.policy.valuation ?? .haaglanden2023
        return try await ActivityDTO(a, scheme: scheme).encodeResponse(status: .created, for: req)
    }
}
