/// What a text meant for publication must not hold: a BSN (nine digits that pass the elfproef, with or without dots
/// or spaces), an e-mail address or a Dutch phone number. Names cannot be recognised by a rule; the author confirms
/// there are none.
public enum PersonalDataCheck {
    /// One message per kind found, in Dutch; empty when none is.
    public static func problems(in text: String) -> [String] {
        var found: [String] = []
        let digitRuns = runs(of: text, allowing: [".", " ", "-"])
        if digitRuns.contains(where: { $0.count == 9 && Pseudonymizer.isValidBSN($0) }) {
            found.append("de tekst lijkt een BSN te bevatten")
        }
        if digitRuns.contains(where: { ($0.count == 10 && $0.hasPrefix("0")) || ($0.count == 11 && $0.hasPrefix("31")) }) {
            found.append("de tekst lijkt een telefoonnummer te bevatten")
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" })
        if words.contains(where: { w in
            let parts = w.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
        }) {
            found.append("de tekst lijkt een e-mailadres te bevatten")
        }
        return found
    }

    /// Runs of digits, joined over the separators people write inside numbers ("123.456.782", "06 1234 5678").
    static func runs(of text: String, allowing separators: Set<Character>) -> [String] {
        var result: [String] = []
        var current = ""
        var pendingSeparator = false
        for ch in text {
            if ch.isASCII && ch.isNumber {
                current.append(ch)
                pendingSeparator = false
            } else if separators.contains(ch) && !current.isEmpty && !pendingSeparator {
                pendingSeparator = true
            } else {
                if !current.isEmpty { result.append(current) }
                current = ""
                pendingSeparator = false
            }
        }
        if !current.isEmpty { result.append(current) }
        // "+31 6 …" starts with a plus: the digits after it still form the run.
        return result
    }
}
