/// The 35 labour-market regions (arbeidsmarktregio's) of the Netherlands, offered as choices;
/// a contract may still name another region.
public enum LabourMarketRegion {
    public static let all: [String] = [
        "Achterhoek", "Amersfoort", "Drechtsteden", "Drenthe", "Flevoland", "Food Valley", "Friesland", "Gooi en Vechtstreek",
        "Gorinchem", "Groningen", "Groot Amsterdam", "Haaglanden", "Helmond-De Peel", "Holland Rijnland", "Midden-Brabant",
        "Midden-Gelderland", "Midden-Holland", "Midden-Limburg", "Midden-Utrecht", "Noord-Holland Noord", "Noord-Limburg",
        "Noordoost-Brabant", "Regio Zwolle", "Rijk van Nijmegen", "Rijnmond", "Rivierenland", "Stedendriehoek en Noordwest Veluwe",
        "Twente", "West-Brabant", "Zaanstreek/Waterland", "Zeeland", "Zuid-Holland Centraal", "Zuid-Kennemerland en IJmond",
        "Zuid-Limburg", "Zuidoost-Brabant",
    ]
}
