import SROIDomain
import Testing

/// Social return as award criterion, weighing 20% of the tender, half for the offer and half for the plan, scored by
/// two assessors on the four standard criteria (0 to 10 each).
@Suite("Scoring social return in a tender")
struct TenderScoringTests {
    static func bid(_ id: String, euros: Int64, _ each: Int, guidance: [Int]? = nil) -> TenderScoring.Bid {
        var points = Dictionary(uniqueKeysWithValues: PlanCriterion.standard.map { ($0.key, [each, each]) })
        if let guidance { points["guidance"] = guidance }
        return TenderScoring.Bid(id: id, bidder: id, offer: euros * 100, planPoints: points)
    }

    @Test("A € 84.000 with plans of 8: 50,00 + 40,00 = 90,00, 18,00 in the tender; B € 60.000 with 9s and one 8: 35,71 + 44,38 = 80,09; C € 42.000 with 5s: 25,00 + 25,00")
    func ranking() {
        // Arrange
        let bids = [Self.bid("C", euros: 42_000, 5), Self.bid("B", euros: 60_000, 9, guidance: [9, 8]), Self.bid("A", euros: 84_000, 8)]
        // Act
        let r = TenderScoring.rank(bids, criteria: PlanCriterion.standard, offerShare: .percent(50), weight: .percent(20),
                                   describeOffer: { Money(cents: $0).description })
        // Check: B's offer 5.000 × 60.000 / 84.000 = 3.571,4 → 35,71; its plan averages 9 + 9 + 8,5 + 9 = 35,5 of 40:
        // 5.000 × 3.550 / 4.000 = 4.437,5 → 44,38. Total 80,09; × 20% = 16,02.
        #expect(r.map(\.id) == ["A", "B", "C"])
        #expect(r.map(\.rank) == [1, 2, 3])
        #expect(r[0].offerPoints == 5_000 && r[0].planPoints == 4_000 && r[0].total == 9_000 && r[0].weighted == 1_800)
        #expect(r[1].offerPoints == 3_571 && r[1].planPoints == 4_438 && r[1].total == 8_009 && r[1].weighted == 1_602)
        #expect(r[2].offerPoints == 2_500 && r[2].planPoints == 2_500 && r[2].weighted == 1_000)
        #expect(r[1].explanation[0] == "Aanbod € 60.000 tegenover het beste aanbod € 84.000: 50 × € 60.000 / € 84.000 = 35,71 punten")
        #expect(r[1].explanation[2] == "Social return: 80,09 van 100 punten × weging 20% = 16,02 punten in de gunning")
    }

    @Test("Equal totals rank by name; no plan scores yet gives 0 plan points; no offers at all gives 0 offer points")
    func edges() {
        let r = TenderScoring.rank([Self.bid("Zeta", euros: 10_000, 5), Self.bid("Alfa", euros: 10_000, 5)], criteria: PlanCriterion.standard,
                                   offerShare: .percent(40), weight: .percent(10), describeOffer: { "\($0)" })
        #expect(r.map(\.bidder) == ["Alfa", "Zeta"])
        // 40% offer: 40,00 points for the best; 60% plan × 20/40 = 30,00.
        #expect(r[0].offerPoints == 4_000 && r[0].planPoints == 3_000)
        let empty = TenderScoring.rank([TenderScoring.Bid(id: "X", bidder: "X", offer: 0, planPoints: [:])], criteria: PlanCriterion.standard,
                                       offerShare: .percent(50), weight: .percent(20), describeOffer: { "\($0)" })
        #expect(empty[0].total == 0)
    }
}
