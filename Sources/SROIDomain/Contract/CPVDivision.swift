/// Dutch names of the CPV divisions (the first two digits), so a code like 72000000 reads as
/// "ICT-diensten" for people who do not know the vocabulary by heart.
public enum CPVDivision {
    static let names: [String: String] = [
        "03": "Landbouw- en visserijproducten", "09": "Energie en brandstoffen", "14": "Mijnbouwproducten",
        "15": "Voedingsmiddelen", "16": "Landbouwmachines", "18": "Kleding en schoeisel", "19": "Leer, textiel en kunststof",
        "22": "Drukwerk", "24": "Chemische producten", "30": "Kantoormachines en computers", "31": "Elektrische apparatuur",
        "32": "Telecommunicatieapparatuur", "33": "Medische apparatuur", "34": "Vervoermiddelen", "35": "Veiligheidsuitrusting",
        "37": "Muziekinstrumenten en sportartikelen", "38": "Laboratorium- en meetapparatuur", "39": "Meubilair en inrichting",
        "41": "Water", "42": "Industriële machines", "43": "Mijnbouw- en bouwmachines", "44": "Bouwmaterialen",
        "45": "Bouwwerkzaamheden", "48": "Software", "50": "Onderhoud en reparatie", "51": "Installatiediensten",
        "55": "Horeca en catering", "60": "Vervoer", "63": "Vervoersondersteuning en reisbureaus", "64": "Post en telecommunicatie",
        "65": "Openbare nutsvoorzieningen", "66": "Financiële diensten en verzekeringen", "70": "Vastgoeddiensten",
        "71": "Architecten en ingenieurs", "72": "ICT-diensten", "73": "Onderzoek en ontwikkeling",
        "75": "Openbaar bestuur", "76": "Olie- en gasindustrie", "77": "Land-, bos- en tuinbouwdiensten",
        "79": "Zakelijke diensten", "80": "Onderwijs en opleiding", "85": "Gezondheidszorg en maatschappelijk werk",
        "90": "Afval, reiniging en milieu", "92": "Recreatie, cultuur en sport", "98": "Overige diensten",
    ]

    /// The division's name for a code, e.g. "ICT-diensten" for 72000000.
    public static func name(of code: CPVCode) -> String? { names[String(code.digits.prefix(2))] }
}
