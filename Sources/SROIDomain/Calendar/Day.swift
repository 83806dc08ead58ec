/// A calendar day without time or time zone ("2026-03-01"). Contract terms are counted in whole
/// days, inclusive of the first and the last, so a day is all the domain needs.
public struct Day: Sendable, Hashable, Comparable, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init?(iso: String) {
        // "YYYY-MM-DD", read from the bytes: an import reads millions of these.
        var text = iso
        text.makeContiguousUTF8()
        let parsed: (Int, Int, Int)?? = text.utf8.withContiguousStorageIfAvailable { b in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                    n = n * 10 + Int(b[i] - 0x30)
                }
                return n
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            return (y, m, d)
        }
        guard let found = parsed, let (y, m, d) = found else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// "YYYY-MM-DD", written as bytes: an import writes two for each of a million rows (the year is 1…9999).
    public var iso: String {
        String(unsafeUninitializedCapacity: 10) { b in
            func digits(_ n: Int, at start: Int, width: Int) {
                var n = n
                for i in stride(from: start + width - 1, through: start, by: -1) { b[i] = 0x30 + UInt8(n % 10); n /= 10 }
            }
            digits(year, at: 0, width: 4)
            b[4] = 0x2D
            digits(month, at: 5, width: 2)
            b[7] = 0x2D
            digits(day, at: 8, width: 2)
            return 10
        }
    }

    /// Dutch notation for people: "1 maart 2026".
    public var dutch: String {
        let names = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                     "september", "oktober", "november", "december"]
        return "\(day) \(names[month - 1]) \(year)"
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Days from this day to `other` (negative when `other` is earlier).
    public func daysUntil(_ other: Day) -> Int { other.ordinal - ordinal }

    /// The same day `months` later, clamped to the month's last day (31 jan + 1 month = 28/29 feb).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a date as YYYY-MM-DD, got \"\(text)\""))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}
