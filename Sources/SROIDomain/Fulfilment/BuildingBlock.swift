/// A way a supplier delivers social return (bouwblok).
///
/// The standard blocks have fixed keys; a policy's own blocks (`ValuationScheme.ownBuildingBlocks`) are `.own(key)`,
/// valued by the unit the policy gives them.
public enum BuildingBlock: Sendable, Hashable, Codable, CaseIterable, RawRepresentable {
    /// Arbeidsovereenkomst for a target-group person.
    case employment
    /// BBL leerwerkplek.
    case apprenticeship
    /// Stage (BOL, vso, PrO).
    case internship
    /// Werkervaringsplek (unpaid).
    case workExperience
    /// Dagbesteding.
    case dayActivities
    /// Opleiding or scholarship, at the invoice cost.
    case training
    /// Jobcoaching, hours × rate.
    case jobCoaching
    /// Sociale inkoop: buying from a social enterprise.
    case socialPurchase
    /// Maatschappelijke bijdrage: volunteering, knowledge, sponsoring.
    case socialContribution
    /// A block the policy adds, by its key.
    case own(String)

    /// The standard blocks, in the order the pages list them.
    public static let allCases: [BuildingBlock] = [.employment, .apprenticeship, .internship, .workExperience, .dayActivities,
                                                   .training, .jobCoaching, .socialPurchase, .socialContribution]

    /// A standard block by its key; an own block is never read this way (see `init(stored:)`).
    public init?(rawValue: String) {
        guard let block = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = block
    }

    /// A block as stored with a placement, activity or report line: a standard key, or else an own block's key.
    public init(stored: String) { self = BuildingBlock(rawValue: stored) ?? .own(stored) }

    public var rawValue: String {
        switch self {
        case .employment: "employment"
        case .apprenticeship: "apprenticeship"
        case .internship: "internship"
        case .workExperience: "work_experience"
        case .dayActivities: "day_activities"
        case .training: "training"
        case .jobCoaching: "job_coaching"
        case .socialPurchase: "social_purchase"
        case .socialContribution: "social_contribution"
        case .own(let key): key
        }
    }

    public init(from decoder: any Decoder) throws { self.init(stored: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var dutchLabel: String {
        switch self {
        case .employment: "arbeidsovereenkomst"
        case .apprenticeship: "leerwerkplek (BBL)"
        case .internship: "stage"
        case .workExperience: "werkervaringsplek"
        case .dayActivities: "dagbesteding"
        case .training: "opleiding"
        case .jobCoaching: "jobcoaching"
        case .socialPurchase: "sociale inkoop"
        case .socialContribution: "maatschappelijke bijdrage"
        case .own(let key): String(key.map { $0 == "_" ? " " : $0 })
        }
    }

    /// Standard blocks that place a person (a placement); the others are activities with an amount or hours. Whether an
    /// own block places a person depends on its unit: `ValuationScheme.placesAPerson(_:)`.
    public var placesAPerson: Bool {
        switch self {
        case .employment, .apprenticeship, .internship, .workExperience, .dayActivities: true
        default: false
        }
    }
}

/// Who a placed person is, as far as valuation and reporting need to know (doelgroep). The standard groups are
/// constants; a policy can add its own (`ValuationScheme.ownTargetGroups`, e.g. `statushouder`), stored by the same
/// kind of key, so a placement keeps its group when the policy changes.
public struct TargetGroup: RawRepresentable, Hashable, Sendable, Codable, CodingKeyRepresentable, Comparable {
    public let rawValue: String

    /// A key is 2 to 40 lower-case letters, digits and underscores, starting with a letter.
    public init?(rawValue: String) {
        guard Self.isKey(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(standard: String) { rawValue = standard }

    public static func isKey(_ s: String) -> Bool {
        guard (2...40).contains(s.count), let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    public static func < (a: TargetGroup, b: TargetGroup) -> Bool { a.rawValue < b.rawValue }

    public static let jobSeeker = TargetGroup(standard: "job_seeker")
    public static let youngWithoutQualification = TargetGroup(standard: "young_without_qualification")
    public static let unemploymentBenefit = TargetGroup(standard: "ww")
    public static let disabilityBenefit = TargetGroup(standard: "wia_wao")
    public static let socialAssistance = TargetGroup(standard: "participatiewet")
    public static let banenafspraak = TargetGroup(standard: "banenafspraak")
    public static let studentMboHbo = TargetGroup(standard: "student_mbo_hbo")
    public static let studentVsoPro = TargetGroup(standard: "student_vso_pro")

    /// The groups every policy knows, in the order the pages list them.
    public static let standard: [TargetGroup] = [.jobSeeker, .youngWithoutQualification, .unemploymentBenefit, .disabilityBenefit,
                                                 .socialAssistance, .banenafspraak, .studentMboHbo, .studentVsoPro]
    public var isStandard: Bool { Self.standard.contains(self) }

    /// The standard group's Dutch name; an own group's name is the policy's (`ValuationScheme.label(of:)`), this is its
    /// key written as words.
    public var dutchLabel: String {
        switch self {
        case .jobSeeker: "werkzoekende zonder uitkering"
        case .youngWithoutQualification: "jongere zonder startkwalificatie"
        case .unemploymentBenefit: "WW"
        case .disabilityBenefit: "WIA / WAO"
        case .socialAssistance: "Participatiewet"
        case .banenafspraak: "banenafspraak (doelgroepregister)"
        case .studentMboHbo: "student mbo / hbo"
        case .studentVsoPro: "leerling vso / PrO"
        default: String(rawValue.map { $0 == "_" ? " " : $0 })
        }
    }

    /// The target group as a supplier writes it in a spreadsheet: the code (`ww`), the label the pages show
    /// ("WIA / WAO", "werkzoekende zonder uitkering") or a common word for it ("bijstand", "doelgroepregister"),
    /// in any case and with any spaces, slashes or dashes.
    public static func parse(_ text: String) -> TargetGroup? {
        let key = String(text.lowercased().filter { $0.isLetter || $0.isNumber })
        if key.isEmpty { return nil }
        for group in standard {
            let code = String(group.rawValue.filter { $0.isLetter || $0.isNumber })
            let label = String(group.dutchLabel.lowercased().filter { $0.isLetter || $0.isNumber })
            if key == code || key == label { return group }
        }
        switch key {
        case "werkzoekende", "werkzoekendezonderuitkering", "nuggers", "nugger": return .jobSeeker
        case "jongere", "jongerezonderstartkwalificatie", "zonderstartkwalificatie": return .youngWithoutQualification
        case "wwuitkering", "werkloosheidswet": return .unemploymentBenefit
        case "wia", "wao", "wajong", "arbeidsongeschikt": return .disabilityBenefit
        case "bijstand", "bijstandsuitkering", "pw", "pwet": return .socialAssistance
        case "doelgroepregister", "banenafspraakdoelgroepregister", "baanafspraak": return .banenafspraak
        case "mbo", "hbo", "studentmbo", "studenthbo", "bbl", "bol": return .studentMboHbo
        case "vso", "pro", "praktijkonderwijs", "leerlingvso", "leerlingpro": return .studentVsoPro
        default: return nil
        }
    }
}

/// One-off bonuses on top of a placement's value.
public enum PlacementBonus: String, Sendable, Codable, CaseIterable {
    case aged55Plus = "aged_55_plus"
    case permanentContract = "permanent_contract"
    case vsoProAfterInternship = "vso_pro_after_internship"
    case individualPlacementSupport = "ips"
    /// Utrecht's table: aged over 50.
    case aged50Plus = "aged_50_plus"
    /// Utrecht's table: a refugee status holder (statushouder) or a language disadvantage.
    case statusHolderOrLanguage = "status_holder_or_language"

    public var dutchLabel: String {
        switch self {
        case .aged50Plus: "ouder dan 50 jaar"
        case .statusHolderOrLanguage: "statushouder of taalachterstand"
        case .aged55Plus: "55 jaar of ouder"
        case .permanentContract: "vast contract aangeboden"
        case .vsoProAfterInternship: "in dienst na stage vso / PrO"
        case .individualPlacementSupport: "plaatsing met IPS"
        }
    }
}

/// The status of a social enterprise a purchase is made from; decides the share of the invoice that counts.
public enum SocialEnterpriseStatus: String, Sendable, Codable, CaseIterable {
    /// Recognised under art. 2.82 Aanbestedingswet (at least 30% of staff with a distance to the labour market).
    case article282 = "art_2_82"
    /// PSO step 3 or 30+: the highest steps of the Prestatieladder Socialer Ondernemen.
    case psoHighest = "pso_highest"
    /// A recognised social enterprise otherwise.
    case recognised
    /// Aspirant: on its way to recognition.
    case aspirant

    public var dutchLabel: String {
        switch self {
        case .article282: "art. 2.82-onderneming"
        case .psoHighest: "PSO trede 3 of 30+"
        case .recognised: "erkende sociale onderneming"
        case .aspirant: "aspirant sociale onderneming"
        }
    }
}

// Enum keys encode as JSON object keys ("wia_wao": …) rather than as arrays.
extension PlacementBonus: CodingKeyRepresentable {}
extension SocialEnterpriseStatus: CodingKeyRepresentable {}
