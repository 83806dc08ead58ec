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

    /// "1.200.000"
    public static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
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
    /// Returns nil when the text is not an amount.
    public static func parseMoney(_ text: String) -> Money? {
        var s = text.trimming(" \t€")
        s = s.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() }
        let hasComma = s.contains(",")
        let dots = s.filter { $0 == "." }.count
        var integerPart = s
        var fractionPart = ""
        if hasComma {
            // Dutch: dots group thousands, the comma starts the decimals.
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            integerPart = parts[0].replacingOccurrences(of: ".", with: "")
            fractionPart = String(parts[1])
        } else if dots == 1, let last = s.split(separator: ".").last, last.count != 3 || s.hasPrefix("0.") {
            // One dot not followed by exactly three digits: a decimal point ("1200000.50").
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            integerPart = String(parts[0])
            fractionPart = String(parts[1])
        } else {
            integerPart = s.replacingOccurrences(of: ".", with: "")
        }
        guard !integerPart.isEmpty || !fractionPart.isEmpty,
              integerPart.allSatisfy(\.isASCIIDigit), fractionPart.allSatisfy(\.isASCIIDigit),
              fractionPart.count <= 2, integerPart.count <= 13 else { return nil }
        let euros = Int64(integerPart.isEmpty ? "0" : integerPart) ?? 0
        var centsText = fractionPart
        while centsText.count < 2 { centsText += "0" }
        let cents = euros * 100 + (Int64(centsText) ?? 0)
        return Money(cents: negative ? -cents : cents)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
