import Fluent
import Foundation
import SROIDomain

/// Valuing a placement that is part of a stacked job (stapelbaan): the whole job is valued once, with the hours
/// of all its parts and each bonus once, and split over the suppliers by their hours.
enum StackedJobs {
    static func siblings(of placements: [PlacementModel], on db: any Database) async throws -> [UUID: [PlacementModel]] {
        let jobIDs = Set(placements.compactMap(\.stackedJobID))
        guard !jobIDs.isEmpty else { return [:] }
        let all = try await PlacementModel.query(on: db).filter(\.$stackedJobID ~~ jobIDs).all()
        // Most hours first: a cent left over by the split goes to the supplier with the larger share.
        return Dictionary(grouping: all, by: { $0.stackedJobID! }).mapValues {
            $0.sorted { ($0.hoursPerWeekHundredths, $1.id!.uuidString) > ($1.hoursPerWeekHundredths, $0.id!.uuidString) }
        }
    }

    /// A placement on its own is valued by its paid hours where recorded (`unpaid` decides the days without). A
    /// stacked job is valued on the contracted hours of its parts: the parts' payroll periods need not line up.
    static func value(_ placement: PlacementModel, siblings: [PlacementModel], paidHours: [PaidHours], unpaid: UnpaidPeriods,
                      scheme: ValuationScheme, contract: Term, window: Term) -> Valuation {
        guard var facts = placement.facts else { return Valuation(value: .zero, explanation: []) }
        guard siblings.count > 1, let index = siblings.firstIndex(where: { $0.id == placement.id }) else {
            facts.paidHours = paidHours
            return PlacementValuation.value(facts, scheme: scheme, contract: contract, window: window, unpaid: unpaid)
        }
        let hours = siblings.map(\.hoursPerWeekHundredths)
        facts.hoursPerWeek = Hours(hundredths: hours.reduce(0, +))
        facts.bonuses = siblings.reduce(into: Set<PlacementBonus>()) { $0.formUnion($1.bonuses) }
        let whole = PlacementValuation.value(facts, scheme: scheme, contract: contract, window: window)
        let part = ProRataSplit.split(whole.value, weights: hours)[index]
        return Valuation(value: part, explanation: ["Stapelbaan bij \(siblings.count) opdrachtnemers, samen gewaardeerd op de contracturen:"] + whole.explanation
            + ["Deel van deze opdrachtnemer: \(Hours(hundredths: hours[index])) van \(facts.hoursPerWeek) uur per week = \(part)"])
    }
}
