import Testing
@testable import SROIDomain

/// The byte-level writers behind dates, amounts, pseudonyms and trimmed cells (issue 20) write what the plain
/// versions wrote.
@Suite("Dates, groups of digits, hexadecimal and trimming, written byte by byte")
struct TextFormattingTests {
    @Test("A day is YYYY-MM-DD with leading zeros, also for a year below 1000")
    func isoDay() throws {
        // Arrange
        let march = try #require(Day(year: 2026, month: 3, day: 1))
        let early = try #require(Day(year: 9, month: 12, day: 31))
        let last = try #require(Day(year: 9999, month: 12, day: 31))
        // Act / Check
        #expect(march.iso == "2026-03-01")
        #expect(early.iso == "0009-12-31")
        #expect(last.iso == "9999-12-31")
        #expect(Day(iso: march.iso) == march)
    }

    @Test("Thousands are grouped with dots: 0, 999, 1.000, 1.234.567 and the largest 64-bit number")
    func groupedDigits() {
        #expect(DutchNumberFormat.grouped(UInt64(0)) == "0")
        #expect(DutchNumberFormat.grouped(UInt64(999)) == "999")
        #expect(DutchNumberFormat.grouped(UInt64(1_000)) == "1.000")
        #expect(DutchNumberFormat.grouped(UInt64(1_234_567)) == "1.234.567")
        #expect(DutchNumberFormat.grouped(UInt64.max) == "18.446.744.073.709.551.615")
        #expect(DutchNumberFormat.grouped(-1_200_000) == "-1.200.000")
        #expect(DutchNumberFormat.money(Money(cents: 2_009_132)) == "€ 20.091,32")
    }

    @Test("Bytes become two lowercase hex digits each")
    func hex() {
        #expect(Hex.lowercase([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }

    @Test("Trimming removes spaces and tabs at both ends only, and leaves a cell without them as it is")
    func trimming() {
        #expect(" 12,5\t".trimming(" \t") == "12,5")
        #expect("12,5".trimming(" \t") == "12,5")
        #expect("a b".trimming(" \t") == "a b")
        #expect("  ".trimming(" \t") == "")
        #expect("".trimming(" \t") == "")
        #expect("één ".trimming(" \t") == "één")
    }
}
