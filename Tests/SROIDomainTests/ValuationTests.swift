import XCTest
@testable import SROIDomain

final class ValuationTests: XCTestCase {
    func d(_ s: String) -> Day { Day(iso: s)! }
    func term(_ a: String, _ b: String) -> Term { Term(start: Day(iso: a)!, end: Day(iso: b)!)! }
    lazy var contract = term("2026-01-01", "2028-12-31")
    let scheme = ValuationScheme.haaglanden2023

    func testParticipatiewetWorkedExampleFromTheDomainGuide() {
        // 40.000 × 24/36 × 275/365 = € 20.091,32, plus the permanent-contract bonus € 10.000 = € 30.091,32.
        let p = PlacementFacts(block: .employment, targetGroup: .socialAssistance, hoursPerWeek: Hours(whole: 24),
                               start: d("2026-03-01"), end: d("2026-11-30"), bonuses: [.permanentContract])
        let v = PlacementValuation.value(p, scheme: scheme, contract: contract, window: contract)
        XCTAssertEqual(v.value, Money(cents: 3_009_132))
        XCTAssertEqual(v.explanation, [
            "Participatiewet: € 40.000 per jaar × 24/36 uur × 275/365 dagen = € 20.091,32",
            "Bonus vast contract aangeboden: € 10.000",
            "Totaal: € 30.091,32",
        ])
    }

    func testReportPeriodsAddUpAndTheBonusCountsOnce() {
        // March (31 days): 4.000.000 × 2.400 × 31 / (3.600 × 365) = 226.484,02 cents → € 2.264,84, plus the bonus.
        // April to November (244 days): → 1.782.648,4 cents → € 17.826,48. Together € 20.091,32 + € 10.000.
        let p = PlacementFacts(block: .employment, targetGroup: .socialAssistance, hoursPerWeek: Hours(whole: 24),
                               start: d("2026-03-01"), end: d("2026-11-30"), bonuses: [.permanentContract])
        let q1 = PlacementValuation.value(p, scheme: scheme, contract: contract, window: term("2026-01-01", "2026-03-31"))
        let rest = PlacementValuation.value(p, scheme: scheme, contract: contract, window: term("2026-04-01", "2026-12-31"))
        XCTAssertEqual(q1.value, Money(cents: 1_226_484))
        XCTAssertEqual(rest.value, Money(cents: 1_782_648))
        XCTAssertEqual(q1.value + rest.value, Money(cents: 3_009_132))
        let before = PlacementValuation.value(p, scheme: scheme, contract: contract, window: term("2025-01-01", "2025-12-31"))
        XCTAssertEqual(before.value, .zero)
    }

    func testCountsAtMostTwelveMonthsForWW() {
        // Full time from 2026-01-01 for two years; WW counts 12 months: 20.000 × 36/36 × 365/365 = € 20.000.
        let p = PlacementFacts(block: .employment, targetGroup: .unemploymentBenefit, hoursPerWeek: Hours(whole: 40),
                               start: d("2026-01-01"), end: d("2027-12-31"))
        let v = PlacementValuation.value(p, scheme: scheme, contract: contract, window: contract)
        XCTAssertEqual(v.value, Money(euros: 20_000))
        XCTAssertEqual(v.explanation.first, "WW: € 20.000 per jaar × 36/36 uur × 365/365 dagen = € 20.000")
        XCTAssertEqual(v.explanation.last, "Telt hoogstens 12 maanden, tot en met 31 december 2026.")
    }

    func testBanenafspraakCountsTheWholeContract() {
        // 50.000 × 18/36 × 1.096/365 = 75.068,49 (5.000.000 × 1.800 × 1.096 / 1.314.000 = 7.506.849,3 cents).
        let p = PlacementFacts(block: .employment, targetGroup: .banenafspraak, hoursPerWeek: Hours(whole: 18), start: d("2026-01-01"), end: nil)
        XCTAssertEqual(PlacementValuation.value(p, scheme: scheme, contract: contract, window: contract).value, Money(cents: 7_506_849))
    }

    func testStartBeforeTheContract() {
        // Started 2025-02-01 (within 12 months before 2026-01-01): counts from the contract start.
        let within = PlacementFacts(block: .employment, targetGroup: .unemploymentBenefit, hoursPerWeek: Hours(whole: 36),
                                    start: d("2025-02-01"), end: d("2026-06-30"))
        // 2026-01-01 to 2026-06-30 = 181 days: 2.000.000 × 181 / 365 = 991.780,8 cents → € 9.917,81.
        XCTAssertEqual(PlacementValuation.value(within, scheme: scheme, contract: contract, window: contract).value, Money(cents: 991_781))
        let tooEarly = PlacementFacts(block: .employment, targetGroup: .unemploymentBenefit, hoursPerWeek: Hours(whole: 36),
                                      start: d("2024-12-31"), end: d("2026-06-30"))
        let v = PlacementValuation.value(tooEarly, scheme: scheme, contract: contract, window: contract)
        XCTAssertEqual(v.value, .zero)
        XCTAssertTrue(v.explanation[0].contains("meer dan 12 maanden voor de start"))
    }

    func testApprenticeshipInternshipWorkExperienceAndDayActivities() {
        // BBL level 2 full time, counted 24 months: 25.000 × 730/365 = € 50.000.
        let bbl = PlacementFacts(block: .apprenticeship, targetGroup: .youngWithoutQualification, apprenticeshipLevel: 2,
                                 hoursPerWeek: Hours(whole: 36), start: d("2026-01-01"), end: nil)
        XCTAssertEqual(PlacementValuation.value(bbl, scheme: scheme, contract: contract, window: contract).value, Money(euros: 50_000))
        // Internship mbo, 36 hours, 150 days: 5.000 × 150/365 = 205.479,45 cents → € 2.054,79.
        let stage = PlacementFacts(block: .internship, targetGroup: .studentMboHbo, hoursPerWeek: Hours(whole: 36),
                                   start: d("2026-02-01"), end: d("2026-06-30"))
        XCTAssertEqual(PlacementValuation.value(stage, scheme: scheme, contract: contract, window: contract).value, Money(cents: 205_479))
        // Work-experience place, 16 hours, 90 days: 1.000 × 90 × 12/365 = 295.890,41 cents → € 2.958,90.
        let wep = PlacementFacts(block: .workExperience, targetGroup: .socialAssistance, hoursPerWeek: Hours(whole: 16),
                                 start: d("2026-01-01"), end: d("2026-03-31"))
        XCTAssertEqual(PlacementValuation.value(wep, scheme: scheme, contract: contract, window: contract).value, Money(cents: 295_890))
        var short = wep
        short.hoursPerWeek = Hours(whole: 15)
        XCTAssertEqual(PlacementValuation.value(short, scheme: scheme, contract: contract, window: contract).value, .zero)
        // Day activities, a whole year: 500 × 365 × 12/365 = € 6.000.
        let day = PlacementFacts(block: .dayActivities, targetGroup: .socialAssistance, hoursPerWeek: Hours(whole: 8),
                                 start: d("2026-01-01"), end: d("2026-12-31"))
        XCTAssertEqual(PlacementValuation.value(day, scheme: scheme, contract: contract, window: contract).value, Money(euros: 6_000))
    }

    func testActivities() {
        XCTAssertEqual(ActivityValuation.value(.init(block: .training, amount: Money(euros: 3_250)), scheme: scheme).value, Money(euros: 3_250))
        // 12,5 hours × € 100 = € 1.250
        let coaching = ActivityValuation.value(.init(block: .jobCoaching, hours: Hours(hundredths: 1_250)), scheme: scheme)
        XCTAssertEqual(coaching.value, Money(euros: 1_250))
        XCTAssertEqual(coaching.explanation, ["Jobcoaching: 12,5 uur × € 100 = € 1.250"])
        // Aspirant: 50% of € 8.000 = € 4.000; art. 2.82: 100% = € 8.000.
        let aspirant = ActivityValuation.value(.init(block: .socialPurchase, amount: Money(euros: 8_000), enterpriseStatus: .aspirant), scheme: scheme)
        XCTAssertEqual(aspirant.value, Money(euros: 4_000))
        XCTAssertEqual(ActivityValuation.value(.init(block: .socialPurchase, amount: Money(euros: 8_000), enterpriseStatus: .article282), scheme: scheme).value,
                       Money(euros: 8_000))
        XCTAssertEqual(ActivityValuation.value(.init(block: .socialContribution, hours: Hours(whole: 30)), scheme: scheme).value, Money(euros: 3_000))
        // Cap: 10% of € 60.000 = € 6.000; € 7.500 of contributions count as € 6.000.
        XCTAssertEqual(ActivityValuation.capContributions(Money(euros: 7_500), obligation: Money(euros: 60_000), cap: .percent(10)).value, Money(euros: 6_000))
        XCTAssertEqual(ActivityValuation.capContributions(Money(euros: 5_000), obligation: Money(euros: 60_000), cap: .percent(10)).value, Money(euros: 5_000))
        XCTAssertEqual(ActivityFacts(block: .socialPurchase, amount: Money(euros: 1)).problems().map(\.field), ["enterpriseStatus"])
    }

    func testSchemeEncodesTargetGroupsAsKeys() throws {
        let data = try JSONEncoder().encode(ValuationScheme.haaglanden2023)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#""participatiewet":4000000"#), text)
        XCTAssertEqual(try JSONDecoder().decode(ValuationScheme.self, from: data), .haaglanden2023)
    }
}

final class ProgressTests: XCTestCase {
    let term = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2028-12-31")!)!
    func progress(_ realisedEuros: Int64, on day: String = "2026-12-31") -> ContractProgress {
        ProgressCalculator.progress(obligation: Money(euros: 60_000), term: term, today: Day(iso: day)!, realised: Money(euros: realisedEuros),
                                    pending: .zero, green: .percent(90), amber: .percent(60))
    }

    func testWorkedCleaningExample() {
        // Expected 60.000 × 365/1.096 = € 19.981,75; € 15.000 is 75,07% of it: amber; forecast 15.000 × 1.096/365 = € 45.041,10.
        let p = progress(15_000)
        XCTAssertEqual(p.expected, Money(cents: 1_998_175))
        XCTAssertEqual(p.shareOfExpected, Percentage(basisPoints: 7_507))
        XCTAssertEqual(p.status, .amber)
        XCTAssertEqual(p.forecast, Money(cents: 4_504_110))
        XCTAssertEqual(p.explanation[1], "Prognose in dit tempo: € 15.000 × 1096/365 dagen = € 45.041,10, € 14.958,90 te weinig")
    }

    func testStatusBoundaries() {
        XCTAssertEqual(progress(18_000).status, .green)   // 90,08%
        XCTAssertEqual(progress(11_000).status, .red)     // 55,05%
        XCTAssertEqual(progress(60_000).status, .complete)
        XCTAssertEqual(progress(0, on: "2025-12-31").status, .notStarted)
        XCTAssertNil(progress(0, on: "2025-12-31").forecast)
    }

    func testBanenafspraakJobs() {
        // 1.326 hours in 2026 (365 days): 1.326 / (25,5 × 365/7) = 0,997 jobs.
        let jobs = BanenafspraakJobs.thousandths(paidHours: Hours(whole: 1_326), days: 365)
        XCTAssertEqual(jobs, 997)
        XCTAssertEqual(BanenafspraakJobs.dutch(jobs), "0,997")
        XCTAssertEqual(BanenafspraakJobs.dutch(2_500), "2,500")
    }
}

final class PseudonymTests: XCTestCase {
    func testElevenTest() {
        // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66 = 6 × 11
        XCTAssertTrue(Pseudonymizer.isValidBSN("111222333"))
        XCTAssertFalse(Pseudonymizer.isValidBSN("111222334"))
        XCTAssertFalse(Pseudonymizer.isValidBSN("11122233"))
        XCTAssertFalse(Pseudonymizer.isValidBSN("000000000"))
    }

    func testPseudonymsAreKeyedAndStable() {
        let a = Pseudonymizer(secret: Array(repeating: 1, count: 32))
        let b = Pseudonymizer(secret: Array(repeating: 2, count: 32))
        let p = a.pseudonym(for: .bsn("111222333"))
        XCTAssertEqual(p.count, 64)
        XCTAssertFalse(p.contains("111222333"))
        XCTAssertEqual(p, a.pseudonym(for: .bsn("111222333")))
        XCTAssertNotEqual(p, b.pseudonym(for: .bsn("111222333")))
        // A reference is scoped to its supplier.
        XCTAssertNotEqual(a.pseudonym(for: .reference(supplier: "A", reference: "P-1")), a.pseudonym(for: .reference(supplier: "B", reference: "P-1")))
        XCTAssertTrue(Pseudonymizer.display(p).hasPrefix("K-"))
    }

    func testReadingWhatASupplierTyped() {
        XCTAssertEqual(try? Pseudonymizer.identifier(bsn: "1112.22.333", reference: nil, supplier: "A").get(), .bsn("111222333"))
        XCTAssertEqual(try? Pseudonymizer.identifier(bsn: nil, reference: "P-77", supplier: "A").get(), .reference(supplier: "A", reference: "P-77"))
        if case .failure(let e) = Pseudonymizer.identifier(bsn: "111222334", reference: nil, supplier: "A") { XCTAssertEqual(e.field, "bsn") } else { XCTFail() }
        if case .failure(let e) = Pseudonymizer.identifier(bsn: nil, reference: "111222334", supplier: "A") { XCTAssertEqual(e.field, "reference") } else { XCTFail() }
        if case .failure(let e) = Pseudonymizer.identifier(bsn: "", reference: " ", supplier: "A") { XCTAssertEqual(e.field, "reference") } else { XCTFail() }
    }
}

final class MonitoringFrequencyTests: XCTestCase {
    func testQuarterlyPeriodsOfAContract() {
        let term = Term(start: Day(iso: "2026-02-15")!, end: Day(iso: "2026-12-31")!)!
        let periods = MonitoringFrequency.quarter.periods(of: term).map { "\($0.start.iso)/\($0.end.iso)" }
        XCTAssertEqual(periods, ["2026-02-15/2026-05-14", "2026-05-15/2026-08-14", "2026-08-15/2026-11-14", "2026-11-15/2026-12-31"])
        XCTAssertEqual(MonitoringFrequency.halfYear.periods(of: Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2028-12-31")!)!).count, 6)
        // A period ending 2026-09-30 is overdue 30 days later.
        let q3 = Term(start: Day(iso: "2026-07-01")!, end: Day(iso: "2026-09-30")!)!
        XCTAssertFalse(ReportCalendar.isOverdue(q3, dueDays: 30, today: Day(iso: "2026-10-30")!))
        XCTAssertTrue(ReportCalendar.isOverdue(q3, dueDays: 30, today: Day(iso: "2026-10-31")!))
    }

    func testOldStoredPoliciesStillDecode() throws {
        let old = #"{"name":"Oud","standardPercentage":600}"#
        let policy = try JSONDecoder().decode(SocialReturnPolicy.self, from: Data(old.utf8))
        XCTAssertEqual(policy.standardPercentage, .percent(6))
        XCTAssertEqual(policy.minimumValue, Money(euros: 100_000))
        XCTAssertEqual(policy.valuation, .haaglanden2023)
        XCTAssertEqual(policy.monitoringFrequency, .quarter)
        let noThreshold = try JSONDecoder().decode(SocialReturnPolicy.self, from: Data(#"{"name":"R","minimumValue":null}"#.utf8))
        XCTAssertNil(noThreshold.minimumValue)
        let rijk = try JSONDecoder().decode(SocialReturnPolicy.self, from: JSONEncoder().encode(SocialReturnPolicy.nationalGovernment))
        XCTAssertEqual(rijk, .nationalGovernment)
        XCTAssertNil(rijk.minimumValue)
    }
}
