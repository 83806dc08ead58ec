/// The 35 labour-market regions (arbeidsmarktregio's) of the Netherlands. A region on a contract, an organisation,
/// a placement, a register entry or a dashboard filter is one of these, nothing else (free text would let anything
/// in, including a formula for a spreadsheet).
public enum LabourMarketRegion {
    public static let message = "kies een van de 35 arbeidsmarktregio's (zoals Haaglanden of Midden-Utrecht)"

    /// The region as the list spells it, for a name in any case with white space around it; nil when it is none.
    public static func canonical(_ text: String) -> String? {
        let wanted = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return all.first { $0.lowercased() == wanted }
    }

    /// nil for an empty or missing region, the canonical name, or a thrown `message`-worthy failure as `.failure`.
    public static func optional(_ text: String?) -> Result<String?, InvalidRegion> {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .success(nil) }
        return canonical(text).map { .success($0) } ?? .failure(InvalidRegion())
    }

    public struct InvalidRegion: Error, Equatable {}

    public static let all: [String] = [
        "Achterhoek", "Amersfoort", "Drechtsteden", "Drenthe", "Flevoland", "Food Valley", "Friesland", "Gooi en Vechtstreek",
        "Gorinchem", "Groningen", "Groot Amsterdam", "Haaglanden", "Helmond-De Peel", "Holland Rijnland", "Midden-Brabant",
        "Midden-Gelderland", "Midden-Holland", "Midden-Limburg", "Midden-Utrecht", "Noord-Holland Noord", "Noord-Limburg",
        "Noordoost-Brabant", "Regio Zwolle", "Rijk van Nijmegen", "Rijnmond", "Rivierenland", "Stedendriehoek en Noordwest Veluwe",
        "Twente", "West-Brabant", "Zaanstreek/Waterland", "Zeeland", "Zuid-Holland Centraal", "Zuid-Kennemerland en IJmond",
        "Zuid-Limburg", "Zuidoost-Brabant",
    ]
}
