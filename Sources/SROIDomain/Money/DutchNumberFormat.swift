import Foundation

/// Numbers the way Dutch users write them: a dot between thousands, a comma before decimals.
public enum DutchNumberFormat {
    /// "€ 1.200.000" when the amount is whole euros, "€ 20.091,32" when it has cents.
    public static func money(_ money: Money, alwaysShowCents: Bool = false) -> String {
        let sign = money.cents < 0 ? "-" : ""
        let magnitude = money.cents.magnitude
        let euros = magnitude / 100
        let cents = magnitude % 100
        var text = "€ " + sign + grouped(euros)
        if cents != 0 || alwaysShowCents {
            text += "," + (cents < 10 ? "0" : "") + String(cents)
        }
        return text
    }

    /// An amount as a form field shows it for editing: "1.200.000" or "20.091,32", without the euro sign.
    public static func amount(_ money: Money) -> String {
        String(self.money(money).dropFirst(2))
    }

    /// "1.200.000"
    public static func grouped(_ value: UInt64) -> String {
        // From the last digit back, a dot before every third: at most 20 digits and 6 dots.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 26) { b in
            var n = value, end = 26, count = 0
            repeat {
                if count > 0 && count % 3 == 0 { end -= 1; b[end] = 0x2E }
                end -= 1
                b[end] = 0x30 + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            return String(decoding: UnsafeBufferPointer(rebasing: b[end...]), as: UTF8.self)
        }
    }

    public static func grouped(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(UInt64(value.magnitude))
    }

    /// A fixed-point number with `scale` decimals held as an integer: (6670, 2) → "66,7"; trailing zeros dropped.
    public static func decimal(_ value: Int64, scale: Int) -> String {
        var divisor: Int64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let sign = value < 0 ? "-" : ""
        let whole = value.magnitude / UInt64(divisor)
        var fraction = String(value.magnitude % UInt64(divisor))
        while fraction.count < scale { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + grouped(whole) + (fraction.isEmpty ? "" : "," + fraction)
    }

    /// Parses an amount in euros as a person types it: "1.200.000", "1200000,50", "€ 60.000", "1200000.50".
    /// Returns nil when the text is not an amount. Works on the UTF-8 bytes: an import parses a million of these.
    public static func parseMoney(_ text: String) -> Money? {
        var s = Array(text.utf8)
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        // Trim spaces, tabs and the euro sign at both ends.
        while true {
            if let f = s.first, f == 0x20 || f == 0x09 { s.removeFirst() }
            else if s.starts(with: euro) { s.removeFirst(3) }
            else { break }
        }
        while true {
            if let l = s.last, l == 0x20 || l == 0x09 { s.removeLast() }
            else if s.count >= 3 && Array(s[(s.count - 3)...]) == euro { s.removeLast(3) }
            else { break }
        }
        // Spaces and non-breaking spaces (C2 A0) may group thousands.
        var compact: [UInt8] = []
        compact.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == 0x20 { i += 1; continue }
            if s[i] == 0xC2 && i + 1 < s.count && s[i + 1] == 0xA0 { i += 2; continue }
            compact.append(s[i])
            i += 1
        }
        guard !compact.isEmpty else { return nil }
        var negative = false
        if compact.first == 0x2D { negative = true; compact.removeFirst() }
        let comma: UInt8 = 0x2C, dot: UInt8 = 0x2E
        let commas = compact.count(where: { $0 == comma })
        let dots = compact.count(where: { $0 == dot })
        var integerPart: [UInt8]
        var fractionPart: [UInt8] = []
        if commas > 0 {
            // Dutch: dots group thousands, the comma starts the decimals.
            guard commas == 1, let at = compact.firstIndex(of: comma) else { return nil }
            integerPart = compact[..<at].filter { $0 != dot }
            fractionPart = Array(compact[(at + 1)...])
        } else if dots == 1, let at = compact.firstIndex(of: dot),
                  compact.count - at - 1 != 3 || compact.count - at - 1 == 0 || compact.starts(with: [0x30, dot]) {
            // One dot not followed by exactly three digits: a decimal point ("1200000.50").
            integerPart = Array(compact[..<at])
            fractionPart = Array(compact[(at + 1)...])
        } else {
            integerPart = compact.filter { $0 != dot }
        }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        guard !integerPart.isEmpty || !fractionPart.isEmpty, integerPart.allSatisfy(isDigit), fractionPart.allSatisfy(isDigit),
              fractionPart.count <= 2, integerPart.count <= 13 else { return nil }
        var cents: Int64 = 0
        for digit in integerPart { cents = cents * 10 + Int64(digit - 0x30) }
        cents *= 100
        if fractionPart.count > 0 { cents += Int64(fractionPart[0] - 0x30) * 10 }
        if fractionPart.count > 1 { cents += Int64(fractionPart[1] - 0x30) }
        return Money(cents: negative ? -cents : cents)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimming(_ set: String) -> String {
        // Almost every cell of a file has nothing to trim: its first and last bytes tell (for an ASCII set).
        if let first = utf8.first, let last = utf8.last, set.utf8.allSatisfy({ $0 < 0x80 }),
           !set.utf8.contains(first), !set.utf8.contains(last) { return self }
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
