import SROIDomain
import Testing

@Suite("A valuation table's lines")
struct ValuationSchemeRulesTests {
    @Test("Both presets are valid and found by their key")
    func presets() {
        #expect(ValuationScheme.haaglanden2023.validate().isEmpty)
        #expect(ValuationScheme.utrecht.validate().isEmpty)
        #expect(ValuationScheme.preset("utrecht")?.name == "Utrecht")
        #expect(ValuationScheme.preset("amsterdam") == nil)
    }

    @Test("A negative value, a counting limit of 200 months, a share of 150% and a missing group are named by their path")
    func badLines() {
        // Arrange
        var v = ValuationScheme.haaglanden2023
        v.employmentPerYear[.unemploymentBenefit] = Money(cents: -1)
        v.employmentPerYear[.jobSeeker] = nil
        v.countedMonths[.socialAssistance] = 200
        v.socialPurchaseShare[.aspirant] = .percent(150)
        v.fullTimeHours = 0
        // Act
        let fields = v.validate().map(\.field)
        // Check
        #expect(fields.contains("valuation.employmentPerYear.ww"))
        #expect(fields.contains("valuation.employmentPerYear.job_seeker"))
        #expect(fields.contains("valuation.countedMonths.participatiewet"))
        #expect(fields.contains("valuation.socialPurchaseShare.aspirant"))
        #expect(fields.contains("valuation.fullTimeHours"))
        #expect(fields.count == 5)
    }

    @Test("Job coaching counts the actual cost on invoice; without an invoice, 12,5 hours × € 100 = € 1.250")
    func jobCoaching() {
        let invoice = ActivityValuation.value(.init(block: .jobCoaching, amount: Money(euros: 2_340), hours: Hours(whole: 20)), scheme: .haaglanden2023)
        #expect(invoice.value == Money(euros: 2_340))
        #expect(invoice.explanation == ["Jobcoaching: de kosten op de factuur, € 2.340"])
        let hours = ActivityValuation.value(.init(block: .jobCoaching, hours: Hours(hundredths: 1_250)), scheme: .haaglanden2023)
        #expect(hours.value == Money(euros: 1_250))
        #expect(ActivityFacts(block: .jobCoaching).problems().map(\.field) == ["amountCents"])
    }

    @Test("Utrecht's bonuses: over 50 and statushouder or language disadvantage € 10.000 each, no 55+ bonus; WW 90 days full time + over 50 = 493.151 + 1.000.000")
    func utrechtBonuses() {
        // Arrange
        let contract = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2028-12-31")!)!
        let q1 = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-03-31")!)!
        let p = PlacementFacts(block: .employment, targetGroup: .unemploymentBenefit, hoursPerWeek: Hours(whole: 36), start: Day(iso: "2026-01-01")!,
                               end: nil, bonuses: [.aged50Plus, .aged55Plus])
        // Act
        let v = PlacementValuation.value(p, scheme: .utrecht, contract: contract, window: q1)
        // Check: 2.000.000 × 90/365 = 493.150,7 → 493.151; only the over-50 bonus exists in Utrecht's table.
        #expect(v.value == Money(cents: 1_493_151))
        #expect(ValuationScheme.utrecht.bonuses[.statusHolderOrLanguage] == Money(euros: 10_000))
        #expect(ValuationScheme.utrecht.bonuses[.aged55Plus] == nil)
    }
}
