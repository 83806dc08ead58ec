/// Writes CSV the way Dutch Excel opens it: UTF-8 with a BOM (so Excel reads accents right), semicolons, CRLF,
/// and decimal commas in the numbers the caller formats. Fields holding a separator, quote or line break are quoted.
public enum DutchCSVWriter {
    public static func csv(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func field(_ value: String) -> String {
        var f = value
        // A text starting with = + - @ would be run by Excel as a formula: a leading quote keeps it text.
        // Numbers such as -12,50 stay numbers.
        if let first = f.first, "=+-@".contains(first), !f.allSatisfy({ "0123456789,.-".contains($0) }) { f = "'" + f }
        guard f.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return f }
        return "\"" + f.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Euros with a decimal comma and no thousands separator, as a spreadsheet reads a number: 20091,32.
    public static func euros(_ money: Money) -> String {
        let cents = money.cents.magnitude
        let fraction = cents % 100
        return (money.cents < 0 ? "-" : "") + "\(cents / 100)," + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
