import Foundation

/// The key of a policy's own target group or block, made from its name when none is given.
enum OwnKey {
    /// A key from a name: "Statushouder (inburgering)" → `statushouder_inburgering`.
    static func from(name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL")).lowercased()
        var key = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { key.unicodeScalars.append(scalar) }
            else if !key.isEmpty, key.last != "_" { key.append("_") }
        }
        while key.hasSuffix("_") { key.removeLast() }
        if let first = key.unicodeScalars.first, !("a"..."z").contains(first) { key = "g_" + key }
        return String(key.prefix(40))
    }
}
