import Testing
@testable import SROIDomain

/// Lists ask for obligations without their Dutch explanation (issue 20). Everything else must be what the explained
/// calculation gives, for every rule the calculator has.
@Suite("An obligation without its explanation")
struct UnexplainedObligationTests {
    static let threeYears = Term(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2028, month: 12, day: 31)!)!
    static let fourMonths = Term(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 4, day: 30)!)!

    static var policies: [SocialReturnPolicy] {
        var wageBased = SocialReturnPolicy.municipalDefault
        wageBased.basis = .wageSum
        var smallFirms = SocialReturnPolicy.municipalDefault
        smallFirms.smallFirms = SmallFirmRegime(maximumEmployees: 25, percentage: .percent(2), frequency: .year)
        var exempt = SocialReturnPolicy.municipalDefault
        exempt.smallFirms = SmallFirmRegime(maximumEmployees: 25, percentage: .percent(0), frequency: .year)
        return [.municipalDefault, .nationalGovernment, wageBased, smallFirms, exempt]
    }

    @Test("The same applicability, amount, rule, percentage and base; no explanation lines")
    func sameFigures() {
        var compared = 0
        for policy in Self.policies {
            for value in [50_000, 250_000, 1_200_000] as [Int64] {
                for wageSum in [nil, 100_000, 800_000] as [Int64?] {
                    for kind in [ContractKind.dienst, .levering, .werk] {
                        for cpv in [nil, "90910000", "45000000"] as [String?] {
                            for term in [Self.threeYears, Self.fourMonths] {
                                for employees in [nil, 12, 400] as [Int?] {
                                    // Arrange
                                    var terms = ContractTerms(value: Money(euros: value), wageSum: wageSum.map { Money(euros: $0) }, kind: kind,
                                                              cpv: cpv.flatMap(CPVCode.init), term: term)
                                    terms.supplierEmployees = employees
                                    // Act
                                    let explained = ObligationCalculator.calculate(terms, policy: policy)
                                    let bare = ObligationCalculator.calculate(terms, policy: policy, explained: false)
                                    // Check
                                    #expect(bare.applicable == explained.applicable && bare.amount == explained.amount && bare.rule == explained.rule
                                            && bare.percentage == explained.percentage && bare.base == explained.base
                                            && bare.baseAmount == explained.baseAmount, "\(policy.name) \(value) \(String(describing: wageSum)) \(kind)")
                                    #expect(bare.explanation.isEmpty && !explained.explanation.isEmpty)
                                    compared += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(compared == 5 * 3 * 3 * 3 * 3 * 2 * 3)
    }

    @Test("The worked example: € 1.200.000, wage sum € 800.000, cleaning, three years: € 60.000 either way")
    func workedExample() {
        let terms = ContractTerms(value: Money(euros: 1_200_000), wageSum: Money(euros: 800_000), kind: .dienst,
                                  cpv: CPVCode("90910000"), term: Self.threeYears)
        #expect(ObligationCalculator.calculate(terms, policy: .municipalDefault, explained: false).amount == Money(euros: 60_000))
    }
}
