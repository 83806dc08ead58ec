import XCTest
@testable import SROIDomain

final class CreditingTests: XCTestCase {
    func d(_ s: String) -> Day { Day(iso: s)! }

    func testProRataBookingOfAJointTenderOfThreeMunicipalities() {
        // € 12.345,67 over contract values 500.000 / 300.000 / 200.000:
        // 6.172,835 / 3.703,701 / 2.469,134 → floors 6.172,83 + 3.703,70 + 2.469,13 = 12.345,66;
        // the missing cent goes to the largest remainder (0,5 cent): 6.172,84.
        let parts = ProRataSplit.split(Money(cents: 1_234_567), weights: [500_000, 300_000, 200_000])
        XCTAssertEqual(parts, [Money(cents: 617_284), Money(cents: 370_370), Money(cents: 246_913)])
        XCTAssertEqual(parts.reduce(Money.zero, +), Money(cents: 1_234_567))
    }

    func testStackedJobSplitByHoursNeverCreatesACent() {
        // 45.555,56 over 20 and 12 hours: 28.472,225 and 17.083,335; both remainders equal, the first gets the cent.
        let parts = ProRataSplit.split(Money(cents: 4_555_556), weights: [20, 12])
        XCTAssertEqual(parts, [Money(cents: 2_847_223), Money(cents: 1_708_333)])
        XCTAssertEqual(ProRataSplit.split(Money(cents: 100), weights: [0, 0]), [.zero, .zero])
    }

    func testAnActivitySplitInEurosAndPercentagesIsNeverOverAllocated() {
        // € 10.000; 30% (€ 3.000) already promised to another obligation: € 7.000 left.
        let ledger = AllocationLedger(others: [.percentage(.percent(30))], value: Money(euros: 10_000))
        XCTAssertEqual(ledger.remaining, Money(euros: 7_000))
        XCTAssertEqual(ledger.problems(adding: .amount(Money(euros: 7_000))), [])
        XCTAssertEqual(ledger.problems(adding: .amount(Money(euros: 7_500))),
                       [FieldError(field: "amountCents", message: "er is nog € 7.000 van € 10.000 vrij; gevraagd € 7.500")])
        XCTAssertEqual(ledger.problems(adding: .percentage(.percent(71))).first?.field, "percentage")
        XCTAssertEqual(ledger.problems(adding: .percentage(.percent(70))), [])
        // With € 2.500 more given away, the own obligation keeps € 4.500.
        XCTAssertEqual(AllocationLedger(others: [.percentage(.percent(30)), .amount(Money(euros: 2_500))], value: Money(euros: 10_000)).remaining,
                       Money(euros: 4_500))
    }

    func testAPlacementIsSplitInPercentagesOnly() {
        let ledger = AllocationLedger(others: [.percentage(.percent(60))], value: nil)
        XCTAssertEqual(ledger.remainingBasisPoints, 4_000)
        XCTAssertEqual(ledger.problems(adding: .percentage(.percent(40))), [])
        XCTAssertEqual(ledger.problems(adding: .percentage(.percent(50))),
                       [FieldError(field: "percentage", message: "er is nog 40% vrij om toe te rekenen")])
        XCTAssertEqual(ledger.problems(adding: .amount(Money(euros: 1))).first?.field, "amountCents")
        XCTAssertEqual(ledger.problems(adding: .percentage(.percent(0))).first?.field, "percentage")
    }

    func testOutOfRegionPlacementCountsForThePolicyShare() {
        // € 20.091,32 × 50% = € 10.045,66.
        let v = Valuation(value: Money(cents: 2_009_132), explanation: ["x"])
        let credited = RegionCrediting.credit(v, placementRegion: "Utrecht", contractRegion: "Haaglanden", share: .percent(50))
        XCTAssertEqual(credited.value, Money(cents: 1_004_566))
        XCTAssertEqual(credited.explanation.last, "Buiten de arbeidsmarktregio Haaglanden (Utrecht): telt voor 50% = € 10.045,66.")
        XCTAssertEqual(RegionCrediting.credit(v, placementRegion: "haaglanden", contractRegion: "Haaglanden", share: .percent(50)).value, v.value)
        XCTAssertEqual(RegionCrediting.credit(v, placementRegion: nil, contractRegion: "Haaglanden", share: .percent(0)).value, v.value)
        XCTAssertEqual(RegionCrediting.credit(v, placementRegion: "Utrecht", contractRegion: "Haaglanden", share: .percent(0)).value, .zero)
    }

    func testDurabilityAndRetention() {
        let today = d("2026-11-27")
        // Exactly 12 months (2025-01-01 – 2025-12-31) is durable; 4 months without outcome is not; a permanent contract is.
        let year = PlacementSpan(id: "a", candidate: "p1", start: d("2025-01-01"), end: d("2025-12-31"), outcome: .ended)
        let short = PlacementSpan(id: "b", candidate: "p2", start: d("2025-01-01"), end: d("2025-04-30"), outcome: .ended)
        let hired = PlacementSpan(id: "c", candidate: "p3", start: d("2026-06-01"), end: d("2026-08-31"), outcome: .permanentContract)
        let running = PlacementSpan(id: "e", candidate: "p4", start: d("2026-07-01"), end: nil, outcome: nil)
        XCTAssertTrue(year.isDurable(on: today))
        XCTAssertFalse(short.isDurable(on: today))
        XCTAssertTrue(hired.isDurable(on: today))
        XCTAssertFalse(running.isDurable(on: today))
        let all = [year, short, hired, running]
        // Six months: a, b and c started by 2026-05-28 (c on 2026-06-01 needs until 2026-11-30: not yet) → a, b eligible;
        // a lasted, b did not → 1 of 2.
        let six = Durability.retention(all, months: 6, on: today)
        XCTAssertEqual(six.eligible, 2)
        XCTAssertEqual(six.retained, 1)
        XCTAssertEqual(six.share, .percent(50))
        // Durable share: a, b ended, c has an outcome; the running one is not judged yet → 2 of 3.
        let share = Durability.durableShare(all, on: today)
        XCTAssertEqual(share.durable, 2)
        XCTAssertEqual(share.judged, 3)
    }

    func testRevolvingDoorWithin24MonthsAfterANonDurableEnd() {
        let today = d("2026-11-27")
        let spans = [
            // p1: 4 months, ended 2025-04-30, placed again 2026-03-01 (with another buyer): a revolving door.
            PlacementSpan(id: "a1", candidate: "p1", start: d("2025-01-01"), end: d("2025-04-30"), outcome: .ended),
            PlacementSpan(id: "a2", candidate: "p1", start: d("2026-03-01"), end: nil, outcome: nil),
            // p2: a full year first (durable), then again: no flag.
            PlacementSpan(id: "b1", candidate: "p2", start: d("2024-01-01"), end: d("2024-12-31"), outcome: .ended),
            PlacementSpan(id: "b2", candidate: "p2", start: d("2025-06-01"), end: nil, outcome: nil),
            // p3: ended 2023-01-31, again on 2025-03-01, more than 24 months later: no flag.
            PlacementSpan(id: "c1", candidate: "p3", start: d("2022-10-01"), end: d("2023-01-31"), outcome: .ended),
            PlacementSpan(id: "c2", candidate: "p3", start: d("2025-03-01"), end: nil, outcome: nil),
            // p4: two placements at once (a stacked job), neither ended: no flag.
            PlacementSpan(id: "d1", candidate: "p4", start: d("2026-01-01"), end: nil, outcome: nil),
            PlacementSpan(id: "d2", candidate: "p4", start: d("2026-01-01"), end: nil, outcome: nil),
        ]
        XCTAssertEqual(Durability.revolvingDoors(spans, on: today), ["a2"])
    }

    func testRegisteredEnterpriseStatusFollowsArticle282ThenThePSOStep() {
        XCTAssertEqual(SocialEnterpriseProfile(psoStep: .step1, article282: true, shelteredWorkshop: false).status, .article282)
        XCTAssertEqual(SocialEnterpriseProfile(psoStep: .step30Plus, article282: false, shelteredWorkshop: false).status, .psoHighest)
        XCTAssertEqual(SocialEnterpriseProfile(psoStep: .step2, article282: false, shelteredWorkshop: false).status, .recognised)
        XCTAssertEqual(SocialEnterpriseProfile(psoStep: .aspirant, article282: false, shelteredWorkshop: false).status, .aspirant)
        XCTAssertEqual(SocialEnterpriseProfile(psoStep: nil, article282: false, shelteredWorkshop: true).status, .recognised)
        XCTAssertNil(SocialEnterpriseProfile(psoStep: nil, article282: false, shelteredWorkshop: false).status)
        XCTAssertTrue(SocialEnterpriseProfile.isValidKvK("12345678"))
        XCTAssertFalse(SocialEnterpriseProfile.isValidKvK("1234567a"))
    }

    func testDeviationsFromARegionalPolicyAreListedBySetting() {
        let regional = SocialReturnPolicy(name: "Regionaal beleid Haaglanden")
        var own = regional
        own.name = "Gemeente Voorbeeldstad"
        own.standardPercentage = .percent(6)
        own.valuation.employmentPerYear[.socialAssistance] = Money(euros: 45_000)
        let deviations = PolicyDifference.deviations(of: own, from: regional)
        XCTAssertEqual(deviations.map(\.setting), ["standardPercentage", "valuation.employmentPerYear.participatiewet"])
        XCTAssertEqual(deviations.first?.regional, "500")
        XCTAssertEqual(deviations.first?.own, "600")
        XCTAssertEqual(PolicyDifference.deviations(of: regional, from: regional), [])
    }
}

final class DutchCSVWriterTests: XCTestCase {
    func testWhatExcelReadsBack() throws {
        XCTAssertEqual(DutchCSVWriter.euros(Money(cents: 6_000_000)), "60000,00")
        XCTAssertEqual(DutchCSVWriter.euros(Money(cents: 2_009_132)), "20091,32")
        XCTAssertEqual(DutchCSVWriter.euros(Money(cents: -5)), "-0,05")
        let csv = DutchCSVWriter.csv(header: ["naam", "bedrag"], rows: [["Schoon; en Sociaal", "12,50"], ["=SOM(A1)", "-12,50"], ["zegt \"ja\"", "0,00"]])
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}naam;bedrag\r\n"))
        let back = try DutchCSV(text: csv)
        XCTAssertEqual(back.rows.map(\.fields), [["Schoon; en Sociaal", "12,50"], ["'=SOM(A1)", "-12,50"], ["zegt \"ja\"", "0,00"]])
    }

    func testTheTimelineOfRealisedAgainstExpected() {
        // One obligation of € 36.500 over 2026 (365 days): at the end of Q1 (90 days) € 9.000 expected.
        let term = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-12-31")!)!
        let points = ManagementFigures.timeline([(Money(euros: 36_500), term)], approved: [(Day(iso: "2026-03-31")!, Money(euros: 5_000)),
                                                                                          (Day(iso: "2026-06-30")!, Money(euros: 4_000))],
                                                year: 2026, today: Day(iso: "2026-05-10")!)
        XCTAssertEqual(points.map(\.expected), [Money(euros: 9_000), Money(euros: 18_100), Money(euros: 27_300), Money(euros: 36_500)])
        // Q2 is under way on 10 May: only what ended by then; Q3 and Q4 are still to come.
        XCTAssertEqual(points.map(\.realised), [Money(euros: 5_000), Money(euros: 5_000), nil, nil])
        XCTAssertEqual(ManagementFigures.reportingDay(year: 2025, today: Day(iso: "2026-05-10")!), Day(iso: "2025-12-31"))
        XCTAssertEqual(ManagementFigures.distinctPeople([(key: "a", candidate: "p1"), (key: "a", candidate: "p1"), (key: "b", candidate: "p1")]),
                       ["a": 1, "b": 1])
    }
}
