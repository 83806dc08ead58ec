import Fluent
import Foundation
import SROIDomain

/// The tender annex (leidraad met spelregels) of a contract, for the page, the downloads and the API alike.
enum TenderAnnexService {
    static func markdown(for c: ContractModel, on db: any Database) async throws -> String {
        guard let o = try await ObligationService.obligation(for: c, on: db) else { throw AppError.notFound }
        let buyer = try await OrganisationModel.find(c.$buyer.id, on: db)?.name ?? ""
        // The annex states what counts: the coordinator's override where there is one.
        var obligation = o.effective.computed
        obligation.applicable = o.effective.applicable
        obligation.amount = o.effective.amount
        obligation.explanation = o.effective.explanation
        return TenderAnnex.markdown(title: c.title, buyer: buyer, obligation: obligation, policy: o.policy, ask: c.srAsk,
                                    weight: c.srWeightBasisPoints.map(Percentage.init(basisPoints:)), offerInJobs: c.offerUnit == "jobs",
                                    bidsCloseOn: c.bidsCloseOn.flatMap(Day.init(iso:)))
    }
}
