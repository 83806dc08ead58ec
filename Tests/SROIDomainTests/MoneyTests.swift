import XCTest
@testable import SROIDomain

final class MoneyTests: XCTestCase {
    func testFivePercentOfContractValueInWholeEuros() {
        // 1.200.000 × 5% = 60.000
        XCTAssertEqual(Money(euros: 1_200_000).applying(.percent(5)), Money(euros: 60_000))
    }

    func testRoundsHalfUpToWholeEuros() {
        // 100.010 × 5% = 5.000,50 → 5.001 (half up)
        XCTAssertEqual(Money(euros: 100_010).applying(.percent(5)), Money(euros: 5_001))
        // 100.009 × 5% = 5.000,45 → 5.000
        XCTAssertEqual(Money(euros: 100_009).applying(.percent(5)), Money(euros: 5_000))
        // 333.333,33 × 2,5% = 8.333,333… → 8.333
        XCTAssertEqual(Money(cents: 33_333_333).applying(Percentage(basisPoints: 250)), Money(euros: 8_333))
    }

    func testDivideRoundingHalfUpHandlesSigns() {
        XCTAssertEqual(divideRoundingHalfUp(5, by: 2), 3)
        XCTAssertEqual(divideRoundingHalfUp(-5, by: 2), -3)
        XCTAssertEqual(divideRoundingHalfUp(4, by: 3), 1)
        XCTAssertEqual(divideRoundingHalfUp(7, by: -2), -4)
    }

    func testDutchNotation() {
        XCTAssertEqual(Money(euros: 1_200_000).description, "€ 1.200.000")
        XCTAssertEqual(Money(cents: 2_009_132).description, "€ 20.091,32")
        XCTAssertEqual(Money(cents: 105).description, "€ 1,05")
        XCTAssertEqual(Money(euros: 999).description, "€ 999")
        XCTAssertEqual(DutchNumberFormat.money(Money(euros: 60_000), alwaysShowCents: true), "€ 60.000,00")
        XCTAssertEqual(Money(cents: -150_000).description, "€ -1.500")
    }

    func testParsesAmountsAsPeopleTypeThem() {
        XCTAssertEqual(DutchNumberFormat.parseMoney("1.200.000"), Money(euros: 1_200_000))
        XCTAssertEqual(DutchNumberFormat.parseMoney("€ 1.200.000,50"), Money(cents: 120_000_050))
        XCTAssertEqual(DutchNumberFormat.parseMoney("1200000,5"), Money(cents: 120_000_050))
        XCTAssertEqual(DutchNumberFormat.parseMoney("1200000.50"), Money(cents: 120_000_050))
        XCTAssertEqual(DutchNumberFormat.parseMoney("250000"), Money(euros: 250_000))
        XCTAssertNil(DutchNumberFormat.parseMoney("twaalf"))
        XCTAssertNil(DutchNumberFormat.parseMoney("1,2,3"))
        XCTAssertNil(DutchNumberFormat.parseMoney("12,345"))
        XCTAssertNil(DutchNumberFormat.parseMoney(""))
    }

    func testParsesSpacesSignsAndDotsTheSameWayOnBytes() {
        XCTAssertEqual(DutchNumberFormat.parseMoney("-12,5"), Money(cents: -1_250))
        XCTAssertEqual(DutchNumberFormat.parseMoney(" 1 200 000 "), Money(euros: 1_200_000))
        XCTAssertEqual(DutchNumberFormat.parseMoney("1\u{00A0}200,75"), Money(cents: 120_075), "a non-breaking space groups thousands")
        XCTAssertEqual(DutchNumberFormat.parseMoney("\t86,5\t"), Money(cents: 8_650))
        XCTAssertEqual(DutchNumberFormat.parseMoney("€60.000€"), Money(euros: 60_000))
        XCTAssertEqual(DutchNumberFormat.parseMoney("0.5"), Money(cents: 50))
        XCTAssertEqual(DutchNumberFormat.parseMoney(".5"), Money(cents: 50))
        XCTAssertEqual(DutchNumberFormat.parseMoney("5."), Money(euros: 5))
        XCTAssertEqual(DutchNumberFormat.parseMoney("1.234"), Money(euros: 1_234), "three digits after one dot: thousands")
        XCTAssertEqual(DutchNumberFormat.parseMoney("0.123"), nil, "0.123 is a decimal point with three decimals")
        XCTAssertEqual(DutchNumberFormat.parseMoney("1.234.567"), Money(euros: 1_234_567))
        XCTAssertEqual(DutchNumberFormat.parseMoney("9999999999999"), Money(euros: 9_999_999_999_999))
        XCTAssertNil(DutchNumberFormat.parseMoney("99999999999999"), "more than 13 digits")
        XCTAssertNil(DutchNumberFormat.parseMoney("€"))
        XCTAssertNil(DutchNumberFormat.parseMoney("12a"))
        XCTAssertNil(DutchNumberFormat.parseMoney("1\t2"))
        XCTAssertNil(DutchNumberFormat.parseMoney("--5"))
    }

    func testPercentageParsingAndNotation() {
        XCTAssertEqual(Percentage(text: "5")?.basisPoints, 500)
        XCTAssertEqual(Percentage(text: "66,7")?.basisPoints, 6_670)
        XCTAssertEqual(Percentage(text: "2.25%")?.basisPoints, 225)
        XCTAssertNil(Percentage(text: "vijf"))
        XCTAssertNil(Percentage(text: "1,234"))
        XCTAssertEqual(Percentage(basisPoints: 6_670).description, "66,7%")
        XCTAssertEqual(Percentage.percent(5).description, "5%")
        // 800.000 / 1.200.000 = 0,6666… → 66,67%
        XCTAssertEqual(Percentage.ratio(Money(euros: 800_000), of: Money(euros: 1_200_000)), Percentage(basisPoints: 6_667))
    }
}
