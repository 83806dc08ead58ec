import XCTest
@testable import SROIDomain

final class PortfolioTests: XCTestCase {
    func d(_ s: String) -> Day { Day(iso: s)! }
    let today = Day(iso: "2026-11-27")!

    func testRankingScoresAndReasons() {
        let cleaning = PortfolioContract(id: "c1", title: "Schoonmaak stadhuis", value: Money(euros: 1_200_000),
                                         cpv: CPVCode("90910000"), term: Term(start: d("2026-01-01"), end: d("2028-12-31"))!)
        let catering = PortfolioContract(id: "c2", title: "Catering", value: Money(euros: 150_000), cpv: CPVCode("55520000"),
                                         term: Term(start: d("2025-01-01"), end: d("2026-12-31"))!, extensionUntil: d("2027-12-31"))
        let ict = PortfolioContract(id: "c3", title: "ICT-beheer", value: Money(euros: 300_000), cpv: CPVCode("72000000"),
                                    term: Term(start: d("2026-06-01"), end: d("2027-05-31"))!)
        let ended = PortfolioContract(id: "c4", title: "Oud", value: Money(euros: 9_000_000), cpv: CPVCode("90910000"),
                                      term: Term(start: d("2020-01-01"), end: d("2026-11-26"))!)
        let ranked = PortfolioRanking.rank([ict, catering, cleaning, ended], policy: .municipalDefault, today: today)

        XCTAssertEqual(ranked.map(\.contract.id), ["c1", "c2", "c3"])
        // Cleaning: 1.200.000 × 365 / 1.096 = 399.635,04 a year (+3), labour-intensive (+3), 36 months (+2),
        // 25 whole months left from 2026-11-28 (+2) = 10.
        XCTAssertEqual(ranked[0].annualValue, Money(euros: 399_635))
        XCTAssertEqual(ranked[0].score, 10)
        XCTAssertEqual(ranked[0].reasons, [
            "grote opdracht: € 399.635 per jaar, minstens € 200.000",
            "arbeidsintensieve categorie: Schoonmaak",
            "meerjarige looptijd van 36 maanden",
            "nog 25 maanden looptijd: tijd om samen met de opdrachtnemer banen te realiseren",
        ])
        // Catering: 75.000 a year (no points), labour-intensive (+3), 24 months (+2), ends within a year (+1),
        // extension option and the end within 6 months (+2) = 8.
        XCTAssertEqual(ranked[1].annualValue, Money(euros: 75_000))
        XCTAssertEqual(ranked[1].score, 8)
        XCTAssertTrue(ranked[1].reasons.contains { $0.hasPrefix("verlenging op handen (mogelijk tot 31 december 2027)") })
        XCTAssertTrue(ranked[1].reasons.contains("loopt af op 31 december 2026: neem social return mee in de volgende aanbesteding"))
        // ICT: 300.000 a year (+3), 12 months, ends within a year (+1) = 4.
        XCTAssertEqual(ranked[2].score, 4)
    }

    func testTenderCalendarFlagsLessThanFourMonthsBeforePublication() {
        let entries = TenderCalendar.entries([
            PlannedTender(id: "t1", title: "Groen", publication: d("2027-06-01")),
            PlannedTender(id: "t2", title: "Beveiliging", publication: d("2027-02-01")),
            PlannedTender(id: "t3", title: "Zonder datum", publication: nil),
            PlannedTender(id: "t4", title: "Vergeten", publication: d("2026-10-01")),
            PlannedTender(id: "t5", title: "Precies vier maanden", publication: d("2027-03-27")),
        ], today: today)
        XCTAssertEqual(entries.map(\.tender.id), ["t4", "t2", "t5", "t1", "t3"])
        XCTAssertEqual(entries.map(\.urgency), [.overdue, .actNow, .inTime, .inTime, .unscheduled])
        // 2026-11-27 to 2027-02-01 is 66 days.
        XCTAssertEqual(entries[1].note, "minder dan 4 maanden voor publicatie (nog 66 dagen): neem social return nu op in de uitvraag")
    }
}
