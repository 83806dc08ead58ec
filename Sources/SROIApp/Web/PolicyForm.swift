import Fluent
import Foundation
import SROIDomain
import Vapor

/// The policy form as posted, in Dutch notation.
struct PolicyForm: Content {
    var name: String?
    var basis: String?
    var minimumValue: String?
    var minimumWageSum: String?
    var minimumDurationMonths: String?
    var appliesToSupplies: String?
    var standardPercentage: String?
    var lowLabourShareThreshold: String?
    var lowLabourSharePercentageOfValue: String?
    var lowLabourSharePercentageOfWageSum: String?
    var promisingAnnualValue: String?
    var statusGreenThreshold: String?
    var statusAmberThreshold: String?
    var evidenceRetentionMonths: String?
    var outOfRegionShare: String?
    var monitoringFrequency: String?
    var reportDueDays: String?
    var reviewBacklogDays: String?
    var unpaidPeriods: String?
    var requireVerifiedTargetGroup: String?
    /// The small-firm regime: empty maximum means none.
    var smallFirmMaximumEmployees: String?
    var smallFirmPercentage: String?
    var smallFirmFrequency: String?
    /// Social return as award criterion: the offer's share of the points, and the plan's criteria one a line ("doelgroepen (10)").
    var offerShare: String?
    var planCriteria: String?
    var note: String?
    /// The valuation table: a preset to start from (empty: keep the table below), its name, and its lines by key.
    var valuationPreset: String?
    var valuationName: String?
    var valuationYear: [String: String]?
    var valuationMonths: [String: String]?
    var valuationBonus: [String: String]?
    var valuationShare: [String: String]?
    var valuationLine: [String: String]?
    /// The policy's own target groups and blocks, by row index (PolicyOwnDefinitionsForm.swift).
    var ownGroupKey: [String: String]?
    var ownGroupName: [String: String]?
    var ownGroupYear: [String: String]?
    var ownGroupMonths: [String: String]?
    var ownBlockKey: [String: String]?
    var ownBlockName: [String: String]?
    var ownBlockUnit: [String: String]?
    var ownBlockValue: [String: String]?
    var ownBlockMonths: [String: String]?
    var categoryName: [String]?
    var categoryCpv: [String]?
    var categoryPercentage: [String]?
    /// The indexes of the rows whose box is ticked.
    var categoryLabourIntensive: [String]?

    static let emptyCategoryRows = 3

    static func formName(_ apiField: String) -> String {
        switch apiField {
        case "minimumValueCents": "minimumValue"
        case "minimumWageSumCents": "minimumWageSum"
        case "promisingAnnualValueCents": "promisingAnnualValue"
        case "smallFirms.maximumEmployees": "smallFirmMaximumEmployees"
        case "smallFirms.percentage": "smallFirmPercentage"
        case _ where apiField.hasPrefix("planCriteria"): "planCriteria"
        default: apiField
        }
    }

    init(_ p: SocialReturnPolicy) {
        func money(_ m: Money?) -> String? { m.map(Self.money) }
        func percent(_ p: Percentage) -> String { Self.percent(p) }
        name = p.name
        basis = p.basis.rawValue
        minimumValue = money(p.minimumValue)
        minimumWageSum = money(p.minimumWageSum)
        minimumDurationMonths = String(p.minimumDurationMonths)
        appliesToSupplies = p.appliesToSupplies ? "yes" : "no"
        standardPercentage = percent(p.standardPercentage)
        lowLabourShareThreshold = percent(p.lowLabourShareThreshold)
        lowLabourSharePercentageOfValue = percent(p.lowLabourSharePercentageOfValue)
        lowLabourSharePercentageOfWageSum = percent(p.lowLabourSharePercentageOfWageSum)
        promisingAnnualValue = money(p.promisingAnnualValue)
        statusGreenThreshold = percent(p.statusGreenThreshold)
        statusAmberThreshold = percent(p.statusAmberThreshold)
        evidenceRetentionMonths = String(p.evidenceRetentionMonths)
        outOfRegionShare = percent(p.outOfRegionShare)
        monitoringFrequency = p.monitoringFrequency.rawValue
        reportDueDays = String(p.reportDueDays)
        reviewBacklogDays = String(p.reviewBacklogDays)
        unpaidPeriods = p.unpaidPeriods.rawValue
        requireVerifiedTargetGroup = p.requireVerifiedTargetGroup ? "yes" : "no"
        smallFirmMaximumEmployees = p.smallFirms.map { String($0.maximumEmployees) } ?? ""
        smallFirmPercentage = p.smallFirms.map { percent($0.percentage) } ?? ""
        smallFirmFrequency = p.smallFirms?.frequency.rawValue ?? MonitoringFrequency.year.rawValue
        offerShare = percent(p.offerShare)
        planCriteria = p.planCriteria.map { "\($0.name) (\($0.maximum))" }.joined(separator: "\n")
        fillValuation(from: p.valuation)
        fillOwn(from: p.valuation)
        categoryName = p.categories.map(\.name)
        categoryCpv = p.categories.map(\.cpvPrefix)
        categoryPercentage = p.categories.map { $0.percentage.map(percent) ?? "" }
        categoryLabourIntensive = p.categories.indices.filter { p.categories[$0].labourIntensive }.map(String.init)
    }

    func fields() -> [FormField] {
        [
            FormField(name: "name", label: "Naam van het beleid", value: name ?? "", required: true),
            .select("basis", "Grondslag", value: basis, options: ObligationBasis.allCases.map { ($0.rawValue, "percentage van de " + $0.dutchLabel) }),
            FormField(name: "minimumValue", label: "Drempel opdrachtwaarde (€)", value: minimumValue ?? "",
                      hint: "Social return vanaf deze waarde excl. btw. Leeg: geen drempel.", inputmode: "decimal"),
            FormField(name: "minimumWageSum", label: "Drempel loonsom (€)", value: minimumWageSum ?? "",
                      hint: "Het Rijk rekent vanaf € 250.000 loonsom. Leeg: geen drempel.", inputmode: "decimal"),
            FormField(name: "minimumDurationMonths", label: "Minimale looptijd (maanden)", value: minimumDurationMonths ?? "", inputmode: "numeric"),
            .select("appliesToSupplies", "Ook op leveringen", value: appliesToSupplies, options: [("no", "nee, alleen werken en diensten"), ("yes", "ja")]),
            FormField(name: "standardPercentage", label: "Standaardpercentage (%)", value: standardPercentage ?? "", inputmode: "decimal"),
            FormField(name: "lowLabourShareThreshold", label: "Grens arbeidsaandeel (%)", value: lowLabourShareThreshold ?? "",
                      hint: "Onder dit arbeidsaandeel gelden de twee percentages hieronder.", inputmode: "decimal"),
            FormField(name: "lowLabourSharePercentageOfValue", label: "Bij laag arbeidsaandeel: % van de opdrachtwaarde",
                      value: lowLabourSharePercentageOfValue ?? "", inputmode: "decimal"),
            FormField(name: "lowLabourSharePercentageOfWageSum", label: "Bij laag arbeidsaandeel en bekende loonsom: % van de loonsom",
                      value: lowLabourSharePercentageOfWageSum ?? "", inputmode: "decimal"),
            FormField(name: "promisingAnnualValue", label: "Kansrijk vanaf jaarwaarde (€)", value: promisingAnnualValue ?? "", inputmode: "decimal"),
            FormField(name: "statusGreenThreshold", label: "Groen vanaf (% van verwacht)", value: statusGreenThreshold ?? "", inputmode: "decimal"),
            FormField(name: "statusAmberThreshold", label: "Oranje vanaf (% van verwacht)", value: statusAmberThreshold ?? "", inputmode: "decimal"),
            FormField(name: "evidenceRetentionMonths", label: "Bewijsstukken bewaren (maanden na einde)", value: evidenceRetentionMonths ?? "", inputmode: "numeric"),
            FormField(name: "outOfRegionShare", label: "Plaatsingen buiten de arbeidsmarktregio tellen voor (%)", value: outOfRegionShare ?? "",
                      hint: "100: volledig; 0: niet; daartussen: voor dat deel.", inputmode: "decimal"),
            .select("monitoringFrequency", "Rapportagefrequentie", value: monitoringFrequency,
                    options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.dutchLabel) }),
            FormField(name: "reportDueDays", label: "Rapportage indienen binnen (dagen na de periode)", value: reportDueDays ?? "",
                      hint: "Daarna is een rapportage te laat; de opdrachtnemer krijgt 14 dagen vooraf een herinnering.", inputmode: "numeric"),
            FormField(name: "reviewBacklogDays", label: "Beoordelen binnen (dagen na indienen)", value: reviewBacklogDays ?? "",
                      hint: "Wat langer wacht, staat als achterstand op de startpagina en bij Cijfers.", inputmode: "numeric"),
            .select("unpaidPeriods", "Dagen van een plaatsing zonder verloonde uren", value: unpaidPeriods,
                    options: UnpaidPeriods.allCases.map { ($0.rawValue, $0.dutchLabel) },
                    hint: "Met verloonde uren telt een periode naar de betaalde uren (nooit meer dan de contracturen). Zonder: tellen op de contracturen, of niet."),
            .select("requireVerifiedTargetGroup", "Doelgroep vastgesteld door werkgeversdienstverlening", value: requireVerifiedTargetGroup ?? "no",
                    options: [("no", "niet nodig: de opdrachtnemer geeft de doelgroep op"), ("yes", "verplicht: alleen plaatsingen met een vastgestelde doelgroep tellen")],
                    hint: "Een doelgroep is vastgesteld als werkgeversdienstverlening (WSP, UWV) de kandidaat voordroeg op een vacature."),
            FormField(name: "smallFirmMaximumEmployees", label: "Lichtere regeling voor kleine opdrachtnemers: tot en met (medewerkers)",
                      value: smallFirmMaximumEmployees ?? "", hint: "Leeg: geen lichtere regeling. De opdrachtnemer vult zijn aantal medewerkers in bij Account.",
                      inputmode: "numeric"),
            FormField(name: "smallFirmPercentage", label: "Kleine opdrachtnemer: percentage (%)", value: smallFirmPercentage ?? "",
                      hint: "Geldt als het lager is dan het gewone percentage; 0 betekent vrijgesteld.", inputmode: "decimal"),
            .select("smallFirmFrequency", "Kleine opdrachtnemer: rapportagefrequentie", value: smallFirmFrequency,
                    options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.dutchLabel) }),
            FormField(name: "offerShare", label: "Gunningscriterium: deel van de social return-punten voor het aanbod (%)", value: offerShare ?? "",
                      hint: "De rest gaat naar het plan van aanpak. Het beste aanbod krijgt het hele deel, de andere naar verhouding.", inputmode: "decimal"),
            FormField(name: "planCriteria", label: "Gunningscriterium: criteria voor het plan van aanpak", type: "textarea", value: planCriteria ?? "",
                      hint: "Eén per regel met het hoogste aantal punten, bijvoorbeeld 'duurzaamheid (10)'. De SR-coördinator en de HR-adviseur scoren elk criterium."),
            FormField(name: "note", label: "Toelichting bij deze wijziging", type: "textarea", value: note ?? ""),
        ]
    }

    func categoryRows() -> [CategoryRow] {
        let names = categoryName ?? []
        let ticked = Set(categoryLabourIntensive ?? [])
        let count = names.count + Self.emptyCategoryRows
        return (0..<count).map { i in
            CategoryRow(index: i, name: names[safe: i] ?? "", cpvPrefix: categoryCpv?[safe: i] ?? "",
                        percentage: categoryPercentage?[safe: i] ?? "", labourIntensive: ticked.contains(String(i)))
        }
    }

    typealias CategoryRow = PolicyWebController.CategoryRow

    /// The policy this form gives, and the fields that could not be read.
    func policy(base: SocialReturnPolicy) -> (SocialReturnPolicy, [String: String]) {
        var p = base
        var errors: [String: String] = [:]
        func trimmed(_ s: String?) -> String { s?.trimmingCharacters(in: .whitespaces) ?? "" }
        func money(_ s: String?, _ field: String) -> Money?? {
            let t = trimmed(s)
            if t.isEmpty { return .some(nil) }
            guard let m = DutchNumberFormat.parseMoney(t) else { errors[field] = "verwacht een bedrag, zoals 100.000"; return nil }
            return .some(m)
        }
        func percent(_ s: String?, _ field: String) -> Percentage? {
            guard let v = Percentage(text: trimmed(s)) else { errors[field] = "verwacht een percentage, zoals 5 of 2,5"; return nil }
            return v
        }
        func int(_ s: String?, _ field: String) -> Int? {
            guard let v = Int(trimmed(s)) else { errors[field] = "verwacht een geheel getal"; return nil }
            return v
        }
        p.name = trimmed(name)
        if let b = basis.flatMap(ObligationBasis.init(rawValue:)) { p.basis = b }
        if let v = money(minimumValue, "minimumValue") { p.minimumValue = v }
        if let v = money(minimumWageSum, "minimumWageSum") { p.minimumWageSum = v }
        if let v = int(minimumDurationMonths, "minimumDurationMonths") { p.minimumDurationMonths = v }
        p.appliesToSupplies = appliesToSupplies == "yes"
        if let v = percent(standardPercentage, "standardPercentage") { p.standardPercentage = v }
        if let v = percent(lowLabourShareThreshold, "lowLabourShareThreshold") { p.lowLabourShareThreshold = v }
        if let v = percent(lowLabourSharePercentageOfValue, "lowLabourSharePercentageOfValue") { p.lowLabourSharePercentageOfValue = v }
        if let v = percent(lowLabourSharePercentageOfWageSum, "lowLabourSharePercentageOfWageSum") { p.lowLabourSharePercentageOfWageSum = v }
        if let v = money(promisingAnnualValue, "promisingAnnualValue") {
            if let v { p.promisingAnnualValue = v } else { errors["promisingAnnualValue"] = "vul een bedrag in" }
        }
        if let v = percent(statusGreenThreshold, "statusGreenThreshold") { p.statusGreenThreshold = v }
        if let v = percent(statusAmberThreshold, "statusAmberThreshold") { p.statusAmberThreshold = v }
        if let v = int(evidenceRetentionMonths, "evidenceRetentionMonths") { p.evidenceRetentionMonths = v }
        if outOfRegionShare != nil, let v = percent(outOfRegionShare, "outOfRegionShare") { p.outOfRegionShare = v }
        if let raw = monitoringFrequency {
            if let f = MonitoringFrequency(rawValue: raw) { p.monitoringFrequency = f } else { errors["monitoringFrequency"] = "kies maand, kwartaal, halfjaar of jaar" }
        }
        if let raw = requireVerifiedTargetGroup { p.requireVerifiedTargetGroup = raw == "yes" }
        if let raw = unpaidPeriods {
            if let u = UnpaidPeriods(rawValue: raw) { p.unpaidPeriods = u } else { errors["unpaidPeriods"] = "kies of dagen zonder verloonde uren meetellen" }
        }
        for (text, field, set) in [(reportDueDays, "reportDueDays", { (v: Int) in p.reportDueDays = v }),
                                   (reviewBacklogDays, "reviewBacklogDays", { (v: Int) in p.reviewBacklogDays = v })] where text != nil {
            if let v = int(text, field) {
                if (1...365).contains(v) { set(v) } else { errors[field] = "tussen 1 en 365 dagen" }
            }
        }
        var categories: [CategoryRule] = []
        let ticked = Set(categoryLabourIntensive ?? [])
        for (i, rawName) in (categoryName ?? []).enumerated() {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            let cpv = trimmed(categoryCpv?[safe: i])
            let pct = trimmed(categoryPercentage?[safe: i])
            if name.isEmpty && cpv.isEmpty && pct.isEmpty { continue }
            var percentage: Percentage?
            if !pct.isEmpty {
                percentage = Percentage(text: pct)
                if percentage == nil { errors["categories[\(i)].percentage"] = "verwacht een percentage, zoals 6" }
            }
            categories.append(CategoryRule(name: name, cpvPrefix: cpv, percentage: percentage, labourIntensive: ticked.contains(String(i))))
        }
        p.categories = categories
        if smallFirmMaximumEmployees != nil {
            let maximum = trimmed(smallFirmMaximumEmployees)
            if maximum.isEmpty {
                p.smallFirms = nil
            } else if let n = Int(maximum) {
                let frequency = smallFirmFrequency.flatMap(MonitoringFrequency.init(rawValue:)) ?? .year
                if trimmed(smallFirmPercentage).isEmpty {
                    errors["smallFirmPercentage"] = "vul het percentage voor kleine opdrachtnemers in (0 betekent vrijgesteld)"
                } else if let share = Percentage(text: trimmed(smallFirmPercentage)) {
                    p.smallFirms = SmallFirmRegime(maximumEmployees: n, percentage: share, frequency: frequency)
                } else {
                    errors["smallFirmPercentage"] = "verwacht een percentage, zoals 2 of 0"
                }
            } else {
                errors["smallFirmMaximumEmployees"] = "verwacht een geheel aantal medewerkers, zoals 25"
            }
        }
        if let raw = offerShare {
            if let share = Percentage(text: trimmed(raw)) { p.offerShare = share } else { errors["offerShare"] = "verwacht een percentage, zoals 50" }
        }
        if let raw = planCriteria {
            var criteria: [PlanCriterion] = []
            for (n, line) in raw.split(whereSeparator: \.isNewline).enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                var name = text
                var maximum = 10
                if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
                    guard let m = Int(text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)) else {
                        errors["planCriteria"] = "regel \(n + 1): verwacht het hoogste aantal punten tussen haakjes, zoals 'duurzaamheid (10)'"
                        continue
                    }
                    maximum = m
                    name = text[..<open].trimmingCharacters(in: .whitespaces)
                }
                let existing = p.planCriteria.first { $0.name.lowercased() == name.lowercased() }?.key
                criteria.append(PlanCriterion(key: existing ?? OwnKey.from(name: name), name: name, maximum: maximum))
            }
            p.planCriteria = criteria
        }
        applyValuation(to: &p, errors: &errors)
        return (p, errors)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
