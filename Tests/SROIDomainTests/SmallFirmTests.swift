import SROIDomain
import Testing

/// The lighter regime for small suppliers: € 1.200.000 of services with a wage sum of € 800.000 (labour share 66,7%,
/// so the standard 5%), over three years, under a regime of 2% up to 25 employees with yearly reports.
@Suite("Small firms")
struct SmallFirmTests {
    static let term = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2028-12-31")!)!
    static func terms(employees: Int?) -> ContractTerms {
        ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 800_000), kind: .dienst, term: term, supplierEmployees: employees)
    }
    static func policy(_ percentage: Percentage) -> SocialReturnPolicy {
        var p = SocialReturnPolicy.municipalDefault
        p.smallFirms = SmallFirmRegime(maximumEmployees: 25, percentage: percentage, frequency: .year)
        return p
    }

    @Test("12 employees: 2% instead of 5%, € 1.200.000 × 2% = € 24.000; 30 employees or unknown: € 60.000")
    func lowerPercentage() {
        let small = ObligationCalculator.calculate(Self.terms(employees: 12), policy: Self.policy(.percent(2)))
        #expect(small.amount == Money(euros: 24_000))
        #expect(small.explanation.contains("De opdrachtnemer is een kleine onderneming (12 medewerkers; de lichtere regeling geldt tot en met 25): 2% in plaats van 5%."))
        #expect(ObligationCalculator.calculate(Self.terms(employees: 30), policy: Self.policy(.percent(2))).amount == Money(euros: 60_000))
        #expect(ObligationCalculator.calculate(Self.terms(employees: nil), policy: Self.policy(.percent(2))).amount == Money(euros: 60_000))
        #expect(ObligationCalculator.calculate(Self.terms(employees: 12), policy: .municipalDefault).amount == Money(euros: 60_000))
    }

    @Test("0% exempts a small firm, with the reason; the regime never raises a lower percentage")
    func exemptAndNeverHigher() {
        let exempt = ObligationCalculator.calculate(Self.terms(employees: 12), policy: Self.policy(.percent(0)))
        #expect(!exempt.applicable)
        #expect(exempt.amount == .zero)
        #expect(exempt.explanation.last?.hasSuffix("vrijgesteld van social return.") == true)
        // Below the labour-share threshold the rule is 2% of the value; a small-firm 3% does not raise it.
        let lowLabour = ContractTerms(value: Money(euros: 1_200_000), wageSum: nil, labourShare: .percent(30), kind: .dienst, term: Self.term, supplierEmployees: 12)
        #expect(ObligationCalculator.calculate(lowLabour, policy: Self.policy(.percent(3))).amount == Money(euros: 24_000))
    }

    @Test("A small firm reports yearly: three periods in three years; others quarterly")
    func reportingFrequency() {
        let p = Self.policy(.percent(2))
        #expect(p.reportingFrequency(supplierEmployees: 12) == .year)
        #expect(p.reportingFrequency(supplierEmployees: 26) == .quarter)
        #expect(MonitoringFrequency.year.periods(of: Self.term).map(\.end.iso) == ["2026-12-31", "2027-12-31", "2028-12-31"])
    }
}
