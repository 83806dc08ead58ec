import Fluent
import Foundation
import SROIDomain
import Vapor

/// The supplier's recording pages (placements, hours, activities, the hours import, reports) and the buyer's review,
/// one controller per resource.
struct FulfilmentWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        PlacementWebController().register(c)
        ActivityWebController().register(c)
        TargetWebController().register(c)
        DelegationWebController().register(c)
        HoursImportWebController().register(c)
        ReportWebController().register(c)
    }
}
