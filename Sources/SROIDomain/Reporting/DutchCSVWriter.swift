/// Writes CSV the way Dutch Excel opens it: UTF-8 with a BOM (so Excel reads accents right), semicolons, CRLF,
/// and decimal commas in the numbers the caller formats. Fields holding a separator, quote or line break are quoted.
public enum DutchCSVWriter {
    public static func csv(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func field(_ value: String) -> String {
        var f = value
        // A text starting with = + - @ would be run by Excel as a formula, also after leading tabs, carriage returns,
        // line feeds or spaces (Excel and LibreOffice skip those): a leading quote keeps it text.
        // Numbers such as -12,50 stay numbers.
        if isFormulaLike(f) { f = "'" + f }
        guard f.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return f }
        return "\"" + f.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet could read this text as a formula: after any leading white space (tab, carriage
    /// return, line feed, space), it starts with = + - or @ and is not simply a number such as -12,50.
    public static func isFormulaLike(_ value: String) -> Bool {
        let rest = value.drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = rest.first, "=+-@".contains(first) else { return false }
        return !(rest.count == value.count && value.allSatisfy { "0123456789,.-".contains($0) })
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
