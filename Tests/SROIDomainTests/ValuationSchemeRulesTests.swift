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
}
