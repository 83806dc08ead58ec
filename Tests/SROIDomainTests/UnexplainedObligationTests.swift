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

/// Dashboards and totals ask for progress without its Dutch explanation (issue 20); every figure must be the one
/// the explained calculation gives.
@Suite("Progress without its explanation")
struct UnexplainedProgressTests {
    @Test("The same expected value, forecast, share and status over obligations, days and realised values; no lines")
    func sameFigures() {
        // Arrange: a term of 2026 (365 days), days before, in and after it, and realised values around each expectation
        let term = Term(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)!
        let days = ["2025-12-31", "2026-01-01", "2026-02-15", "2026-07-01", "2026-12-31", "2027-03-01"].map { Day(iso: $0)! }
        var compared = 0
        for obligation in [0, 1, 60_000, 1_234_567] as [Int64] {
            for today in days {
                for realised in [0, 1, 20_000, 54_000, 60_000, 2_000_000] as [Int64] {
                    for pending in [0, 5_000] as [Int64] {
                        // Act
                        let args = (Money(euros: obligation), Money(euros: realised), Money(euros: pending))
                        let full = ProgressCalculator.progress(obligation: args.0, term: term, today: today, realised: args.1, pending: args.2,
                                                               green: .percent(90), amber: .percent(60))
                        let bare = ProgressCalculator.progress(obligation: args.0, term: term, today: today, realised: args.1, pending: args.2,
                                                               green: .percent(90), amber: .percent(60), explained: false)
                        // Check
                        #expect(bare.expected == full.expected && bare.forecast == full.forecast && bare.status == full.status
                                && bare.shareOfExpected == full.shareOfExpected && bare.realised == full.realised
                                && bare.pending == full.pending && bare.obligation == full.obligation,
                                "obligation \(obligation), \(today.iso), realised \(realised)")
                        #expect(bare.explanation.isEmpty && !full.explanation.isEmpty)
                        compared += 1
                    }
                }
            }
        }
        // € 60.000 over 2026 on 1 July (182 of 365 days elapsed, 1 July included): € 60.000 × 182/365 = € 29.917,81
        // expected; € 20.000 realised is 66,8 % of that: amber (60 % ≤ 66,8 % < 90 %)
        let july = ProgressCalculator.progress(obligation: Money(euros: 60_000), term: term, today: Day(iso: "2026-07-01")!,
                                               realised: Money(euros: 20_000), pending: .zero, green: .percent(90), amber: .percent(60),
                                               explained: false)
        #expect(july.expected == Money(cents: 2_991_781) && july.status == .amber)
        #expect(compared == 4 * 6 * 6 * 2)
    }
}
