import XCTest
@testable import SROIDomain

final class CalendarTests: XCTestCase {
    func day(_ s: String) -> Day { Day(iso: s)! }

    func testTermsCountDaysInclusive() {
        // DOMAIN.md: 2026-01-01 to 2028-12-31 is 1.096 days (2028 is a leap year), 2026-03-01 to 2026-11-30 is 275.
        XCTAssertEqual(Term(start: day("2026-01-01"), end: day("2028-12-31"))!.days, 1_096)
        XCTAssertEqual(Term(start: day("2026-03-01"), end: day("2026-11-30"))!.days, 275)
        XCTAssertNil(Term(start: day("2026-02-01"), end: day("2026-01-31")))
    }

    func testWholeMonths() {
        XCTAssertEqual(Term(start: day("2026-01-01"), end: day("2026-06-30"))!.wholeMonths, 6)
        XCTAssertEqual(Term(start: day("2026-01-01"), end: day("2026-06-29"))!.wholeMonths, 5)
        XCTAssertEqual(Term(start: day("2026-01-15"), end: day("2026-07-14"))!.wholeMonths, 6)
        XCTAssertEqual(Term(start: day("2026-01-01"), end: day("2028-12-31"))!.wholeMonths, 36)
    }

    func testElapsedDays() {
        let term = Term(start: day("2026-01-01"), end: day("2028-12-31"))!
        XCTAssertEqual(term.elapsedDays(on: day("2026-12-31")), 365)
        XCTAssertEqual(term.elapsedDays(on: day("2025-12-31")), 0)
        XCTAssertEqual(term.elapsedDays(on: day("2030-01-01")), 1_096)
    }

    func testParsingAndArithmetic() {
        XCTAssertNil(Day(iso: "2026-02-30"))
        XCTAssertNil(Day(iso: "2026-2-3"))
        XCTAssertNil(Day(iso: "31-12-2026"))
        XCTAssertEqual(Day(iso: "2028-02-29")?.iso, "2028-02-29")
        XCTAssertEqual(day("2026-01-31").adding(months: 1), day("2026-02-28"))
        XCTAssertEqual(day("2028-01-31").adding(months: 1), day("2028-02-29"))
        XCTAssertEqual(day("2026-11-27").adding(months: 4), day("2027-03-27"))
        XCTAssertEqual(day("1970-01-01").ordinal, 0)
        XCTAssertEqual(Day(ordinal: day("2026-11-27").ordinal), day("2026-11-27"))
        XCTAssertEqual(day("2026-03-01").dutch, "1 maart 2026")
    }
}
