/// How a tender asks for social return (Handreiking, step 2A): one of four ways.
public enum SocialReturnAsk: String, Sendable, Codable, CaseIterable {
    /// Geschiktheidseis: the bidder shows experience with social return.
    case suitabilityRequirement = "suitability_requirement"
    /// Minimumeis: the bidder commits to at least the policy's obligation.
    case minimumRequirement = "minimum_requirement"
    /// Gunningscriterium: bidders compete on their social return offer and plan; the winner's offer is the obligation.
    case awardCriterion = "award_criterion"
    /// Contractbepaling: the obligation is a condition of the contract (the common way).
    case contractCondition = "contract_condition"

    public var dutchLabel: String {
        switch self {
        case .suitabilityRequirement: "geschiktheidseis"
        case .minimumRequirement: "minimumeis"
        case .awardCriterion: "gunningscriterium"
        case .contractCondition: "contractbepaling"
        }
    }

    /// The sentence the tender annex uses for this way of asking.
    public var annexSentence: String {
        switch self {
        case .suitabilityRequirement:
            "Social return is een geschiktheidseis: u toont aan dat u eerder social return hebt gerealiseerd (referentie of verklaring)."
        case .minimumRequirement:
            "Social return is een minimumeis: u verplicht zich ten minste de verplichting hieronder te realiseren; een lagere aanbieding wordt terzijde gelegd."
        case .awardCriterion:
            "Social return is een gunningscriterium: u doet een aanbod (bedrag of aantal banen) en beschrijft uw plan van aanpak; beide worden beoordeeld. Het aanbod van de winnaar wordt de verplichting."
        case .contractCondition:
            "Social return is een contractbepaling: de verplichting hieronder is onderdeel van de overeenkomst."
        }
    }
}

/// One criterion a plan of approach is scored on, from 0 to `maximum` points per assessor.
public struct PlanCriterion: Sendable, Hashable, Codable {
    public var key: String
    public var name: String
    public var maximum: Int

    public init(key: String, name: String, maximum: Int = 10) {
        self.key = key
        self.name = name
        self.maximum = maximum
    }

    /// Appendix II of the Handreiking: the HR adviser and the SR coordinator judge these.
    public static let standard = [PlanCriterion(key: "target_groups", name: "doelgroepen"), PlanCriterion(key: "durability", name: "duurzaamheid"),
                                  PlanCriterion(key: "guidance", name: "begeleiding"), PlanCriterion(key: "feasibility", name: "haalbaarheid")]
}

/// Scores the social return part of bids on an award criterion: the offer relative to the best offer, the plan by the
/// assessors' average per criterion; together 0 to 100 points, weighted by the criterion's weight in the tender.
///
/// offer points = offer share × 100 × offer / best offer; plan points = (100 − offer share × 100) × (average points
/// per criterion, summed) / (maximum, summed). Every figure is worked in hundredths of a point, rounded half up.
public enum TenderScoring {
    public struct Bid: Sendable, Hashable {
        public var id: String
        public var bidder: String
        /// In cents, or jobs × 1.000 (thousandths), as the tender asks; compared only with the same unit.
        public var offer: Int64
        /// The assessors' points per criterion key, one entry per assessor.
        public var planPoints: [String: [Int]]

        public init(id: String, bidder: String, offer: Int64, planPoints: [String: [Int]]) {
            self.id = id
            self.bidder = bidder
            self.offer = offer
            self.planPoints = planPoints
        }
    }

    public struct Result: Sendable, Hashable {
        public var id: String
        public var bidder: String
        public var rank: Int
        /// Hundredths of a point.
        public var offerPoints: Int64
        public var planPoints: Int64
        public var total: Int64
        /// The total × the criterion's weight: the points this bid gets in the whole tender.
        public var weighted: Int64
        public var explanation: [String]
    }

    /// "90,00"
    public static func points(_ hundredths: Int64) -> String { DutchNumberFormat.decimal(hundredths, scale: 2) }

    public static func rank(_ bids: [Bid], criteria: [PlanCriterion], offerShare: Percentage, weight: Percentage,
                            describeOffer: (Int64) -> String) -> [Result] {
        let best = bids.map(\.offer).max() ?? 0
        let offerMax = Int64(offerShare.basisPoints)          // hundredths of a point: 50% → 5.000 = 50,00 points
        let planMax = 10_000 - offerMax
        let maxSum = Int64(criteria.reduce(0) { $0 + $1.maximum })
        var results: [Result] = bids.map { bid in
            let offer = best > 0 ? divideRoundingHalfUp(offerMax * bid.offer, by: best) : 0
            // Average per criterion over the assessors, in hundredths of a point, then summed.
            var averageSum: Int64 = 0
            var parts: [String] = []
            for c in criteria {
                let given = bid.planPoints[c.key] ?? []
                let avg = given.isEmpty ? 0 : divideRoundingHalfUp(Int64(given.reduce(0, +)) * 100, by: Int64(given.count))
                averageSum += avg
                parts.append("\(c.name) \(points(avg))")
            }
            let plan = maxSum > 0 ? divideRoundingHalfUp(planMax * averageSum, by: maxSum * 100) : 0
            let total = offer + plan
            let weighted = divideRoundingHalfUp(total * Int64(weight.basisPoints), by: 10_000)
            return Result(id: bid.id, bidder: bid.bidder, rank: 0, offerPoints: offer, planPoints: plan, total: total, weighted: weighted, explanation: [
                "Aanbod \(describeOffer(bid.offer)) tegenover het beste aanbod \(describeOffer(best)): \(points(offerMax)) × \(describeOffer(bid.offer)) / \(describeOffer(best)) = \(points(offer)) punten",
                "Plan van aanpak, gemiddeld per criterium (\(parts.joined(separator: ", "))), samen \(points(averageSum)) van \(maxSum): \(points(planMax)) × \(points(averageSum)) / \(maxSum) = \(points(plan)) punten",
                "Social return: \(points(total)) van 100 punten × weging \(weight) = \(points(weighted)) punten in de gunning",
            ])
        }
        results.sort { $0.total != $1.total ? $0.total > $1.total : $0.bidder < $1.bidder }
        for i in results.indices { results[i].rank = i + 1 }
        return results
    }
}
