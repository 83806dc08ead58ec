import Fluent
import Foundation
import SROIDomain
import Vapor

/// The fulfilment and monitoring API under /api/v1/contracts/{id}/, one controller per resource.
struct FulfilmentAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        PlacementAPIController().register(c)
        ActivityAPIController().register(c)
        ReportAPIController().register(c)
        EvidenceAPIController().register(c)
        ProgressAPIController().register(c)
    }
}

extension HoursImportService.Summary: Content {}

extension ErasureService.Result: Content {}
