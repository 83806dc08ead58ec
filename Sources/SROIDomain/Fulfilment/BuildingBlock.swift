/// A way a supplier delivers social return (bouwblok).
public enum BuildingBlock: String, Sendable, Codable, CaseIterable {
    /// Arbeidsovereenkomst for a target-group person.
    case employment
    /// BBL leerwerkplek.
    case apprenticeship
    /// Stage (BOL, vso, PrO).
    case internship
    /// Werkervaringsplek (unpaid).
    case workExperience = "work_experience"
    /// Dagbesteding.
    case dayActivities = "day_activities"
    /// Opleiding or scholarship, at the invoice cost.
    case training
    /// Jobcoaching, hours × rate.
    case jobCoaching = "job_coaching"
    /// Sociale inkoop: buying from a social enterprise.
    case socialPurchase = "social_purchase"
    /// Maatschappelijke bijdrage: volunteering, knowledge, sponsoring.
    case socialContribution = "social_contribution"

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
        }
    }

    /// Blocks that place a person (a placement); the others are activities with an amount or hours.
    public var placesAPerson: Bool {
        switch self {
        case .employment, .apprenticeship, .internship, .workExperience, .dayActivities: true
        default: false
        }
    }
}

/// Who a placed person is, as far as valuation and reporting need to know (doelgroep).
public enum TargetGroup: String, Sendable, Codable, CaseIterable {
    case jobSeeker = "job_seeker"
    case youngWithoutQualification = "young_without_qualification"
    case unemploymentBenefit = "ww"
    case disabilityBenefit = "wia_wao"
    case socialAssistance = "participatiewet"
    case banenafspraak
    case studentMboHbo = "student_mbo_hbo"
    case studentVsoPro = "student_vso_pro"

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
        }
    }

    /// The target group as a supplier writes it in a spreadsheet: the code (`ww`), the label the pages show
    /// ("WIA / WAO", "werkzoekende zonder uitkering") or a common word for it ("bijstand", "doelgroepregister"),
    /// in any case and with any spaces, slashes or dashes.
    public static func parse(_ text: String) -> TargetGroup? {
        let key = String(text.lowercased().filter { $0.isLetter || $0.isNumber })
        if key.isEmpty { return nil }
        for group in allCases {
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
extension TargetGroup: CodingKeyRepresentable {}
extension PlacementBonus: CodingKeyRepresentable {}
extension SocialEnterpriseStatus: CodingKeyRepresentable {}
