import Fluent
import SROIDomain
import Vapor

/// The policy editor: every setting of the buyer's policy; saving adds a version.
struct PolicyWebController: Sendable {
    struct Page: Encodable {
        var layout: Layout
        var canEdit: Bool
        var version: Int
        var fields: [FormField]
        var categories: [CategoryRow]
        var errors: [String]
        var versions: [VersionRow]
        var regional: Regional
    }

    /// A shared regional policy: what this one is based on, where it deviates, and what can be adopted.
    struct Regional: Encodable {
        struct Deviation: Encodable { var setting: String; var regional: String; var own: String }
        struct Option: Encodable { var id: String; var label: String }
        var basedOn: String?
        var deviations: [Deviation]
        var shared: Bool
        var options: [Option]
    }

    /// A setting path and its raw value as a person reads them: percentages from basis points, euros from cents.
    static func readable(_ d: PolicyDeviation) -> Regional.Deviation {
        let key = d.setting.split(separator: ".").last.map(String.init) ?? d.setting
        let path = d.setting
        func format(_ raw: String) -> String {
            guard let n = Int64(raw) else { return raw }
            if path.contains("Percentage") || path.contains("Threshold") || path.hasSuffix("Share") || path.contains("Cap") || path.contains("socialPurchaseShare") {
                return Percentage(basisPoints: Int(n)).description
            }
            if path.contains("PerYear") || path.contains("PerMonth") || path.contains("PerHour") || path.contains("bonuses")
                || ["minimumValue", "minimumWageSum", "promisingAnnualValue"].contains(key) {
                return Money(cents: n).description
            }
            return raw
        }
        let labels = ["standardPercentage": "standaardpercentage", "outOfRegionShare": "plaatsingen buiten de regio tellen voor",
                      "minimumValue": "drempel opdrachtwaarde", "minimumWageSum": "drempel loonsom", "minimumDurationMonths": "minimale looptijd (maanden)",
                      "appliesToSupplies": "ook op leveringen", "statusGreenThreshold": "groen vanaf", "statusAmberThreshold": "oranje vanaf",
                      "evidenceRetentionMonths": "bewaartermijn bewijsstukken (maanden)", "monitoringFrequency": "rapportagefrequentie",
                      "promisingAnnualValue": "kansrijk vanaf jaarwaarde", "lowLabourShareThreshold": "grens arbeidsaandeel"]
        return .init(setting: labels[path] ?? path, regional: format(d.regional), own: format(d.own))
    }

    struct CategoryRow: Encodable {
        var index: Int
        var name: String
        var cpvPrefix: String
        var percentage: String
        var labourIntensive: Bool
        var error: String?
    }

    struct VersionRow: Encodable {
        var number: Int
        var createdAt: String
        var note: String
        var summary: String
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("policy", use: page)
        routes.post("policy", use: save)
        routes.get("policy", "text", use: text)
        for format in DocumentDownload.Format.allCases {
            routes.get("policy", "text.\(format.rawValue)") { req async throws in try await self.download(req, format: format) }
        }
        routes.post("policy", "text", use: saveText)
        routes.post("policy", "adopt", use: adopt)
        routes.post("policy", "share", use: share)
    }

    struct TextPage: Encodable {
        var layout: Layout
        var markdown: String
        /// The text as formatted HTML (headings, lists, tables).
        var html: String
        var edited: Bool
        var canEdit: Bool
    }

    /// The edited text when there is one, otherwise the text generated from the current policy.
    private func document(_ req: Request) async throws -> (String, Bool) {
        let user = try req.currentUser()
        guard user.isBuyer, let version = try await PolicyStore.current(of: user.organisationID, on: req.db) else { throw AppError.notFound }
        if let edited = try await PolicyTextModel.query(on: req.db).filter(\.$organisationID == user.organisationID).first() {
            return (edited.text, true)
        }
        return (PolicyDocument.markdown(try version.policy(), organisation: user.organisationName, version: version.number), false)
    }

    /// The policy as a text (step 5a), generated from the settings, editable, to print or to take along as Markdown.
    func text(req: Request) async throws -> View {
        let (text, edited) = try await document(req)
        return try await req.view.render("policy-text", TextPage(layout: Layout(request: req, active: "policy"), markdown: text, html: MarkdownDocument.html(text), edited: edited,
                                                               canEdit: try req.currentUser().role.canManagePolicy))
    }

    struct TextForm: Content { var text: String?; var regenerate: String? }

    func saveText(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard user.isBuyer else { throw AppError.notFound }
        try Access.requireCoordinator(user)
        let form = try req.content.decode(TextForm.self)
        let existing = try await PolicyTextModel.query(on: req.db).filter(\.$organisationID == user.organisationID).first()
        if form.regenerate == "yes" {
            try await existing?.delete(on: req.db)
            req.session.data["flash"] = "De tekst volgt weer het beleid."
        } else {
            let model = existing ?? PolicyTextModel()
            model.organisationID = user.organisationID
            model.text = form.text ?? ""
            model.updatedBy = user.userID
            try await model.save(on: req.db)
            req.session.data["flash"] = "De aangepaste beleidstekst is opgeslagen."
        }
        try await AuditLog.record(.update, objectType: "policy_text", objectID: user.organisationID, by: user, on: req.db)
        return req.redirect(to: "/policy/text")
    }

    func download(_ req: Request, format: DocumentDownload.Format) async throws -> Response {
        try DocumentDownload.response(try await document(req).0, title: "Beleid social return – \(try req.currentUser().organisationName)",
                                      filename: "beleid-social-return", format: format)
    }

    func page(req: Request) async throws -> View {
        let user = try req.currentUser()
        guard user.isBuyer else { throw AppError.notFound }
        let policy = try await PolicyStore.currentPolicy(of: user.organisationID, on: req.db)
        return try await render(req: req, form: PolicyForm(policy), errors: [:])
    }

    func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard user.isBuyer else { throw AppError.notFound }
        try Access.requireCoordinator(user)
        let form = try req.content.decode(PolicyForm.self)
        let current = try await PolicyStore.currentPolicy(of: user.organisationID, on: req.db)
        let (policy, parseErrors) = form.policy(base: current)
        var errors = parseErrors
        if errors.isEmpty {
            do {
                let (version, changed) = try await PolicyStore.change(for: user.organisationID, by: user, note: form.note, on: req.db) { _ in policy }
                req.session.data["flash"] = changed
                    ? "Versie \(version?.number ?? 0) van het beleid is opgeslagen. Gegunde opdrachten houden hun eigen versie."
                    : "Er was niets gewijzigd; er is geen nieuwe versie gemaakt."
                return req.redirect(to: "/policy")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil { errors[PolicyForm.formName(e.field)] = e.message }
            }
        }
        return try await render(req: req, form: form, errors: errors).encodeResponse(status: .unprocessableEntity, for: req)
    }

    struct AdoptForm: Content { var regionalOrganisationId: UUID? }
    struct ShareForm: Content { var shared: String? }

    func adopt(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard user.isBuyer, let org = try await OrganisationModel.find(user.organisationID, on: req.db) else { throw AppError.notFound }
        let form = try req.content.decode(AdoptForm.self)
        do {
            let v = try await RegionalPolicyService.adopt(regionalID: form.regionalOrganisationId, for: org, note: nil, by: user, on: req.db)
            req.session.data["flash"] = "Het regionale beleid is overgenomen als versie \(v.number). Afwijkingen legt u vast door het beleid hieronder aan te passen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first?.message ?? "Kies een regionaal beleid."
        }
        return req.redirect(to: "/policy#regionaal")
    }

    func share(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard user.isBuyer, let org = try await OrganisationModel.find(user.organisationID, on: req.db) else { throw AppError.notFound }
        let shared = try req.content.decode(ShareForm.self).shared == "yes"
        try await RegionalPolicyService.setShared(shared, organisation: org, by: user, on: req.db)
        req.session.data["flash"] = shared ? "Uw beleid is gedeeld: andere opdrachtgevers kunnen het overnemen." : "Uw beleid wordt niet meer gedeeld."
        return req.redirect(to: "/policy#regionaal")
    }

    private func render(req: Request, form: PolicyForm, errors: [String: String]) async throws -> View {
        let user = try req.currentUser()
        let deviations = try await RegionalPolicyService.deviations(of: user.organisationID, on: req.db)
        let org = try await OrganisationModel.find(user.organisationID, on: req.db)
        let regional = Regional(
            basedOn: deviations.map { "\($0.regional.name), versie \($0.regionalVersion.number)" },
            deviations: deviations?.deviations.map(Self.readable) ?? [], shared: org?.sharesPolicy ?? false,
            options: try await RegionalPolicyService.shared(on: req.db).filter { $0.0.id != user.organisationID }
                .map { .init(id: $0.0.id!.uuidString, label: "\($0.0.name) (versie \($0.1.number))") })
        let versions = try await PolicyStore.versions(of: user.organisationID, on: req.db)
        var fields = form.fields()
        var unplaced = fields.attach(errors.filter { !$0.key.hasPrefix("categories[") })
        var categories = form.categoryRows()
        for (key, message) in errors where key.hasPrefix("categories[") {
            let digits = key.dropFirst("categories[".count).prefix { $0.isNumber }
            if let i = Int(digits), categories.indices.contains(i) { categories[i].error = message } else { unplaced.append(message) }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "d-M-yyyy HH:mm"
        let rows = try versions.map { v in
            let p = try v.policy()
            return VersionRow(number: v.number, createdAt: v.createdAt.map(formatter.string(from:)) ?? "", note: v.note ?? "",
                              summary: "\(p.name): \(p.standardPercentage) van de \(p.basis.dutchLabel)")
        }
        return try await req.view.render("policy", Page(
            layout: Layout(request: req, active: "policy"), canEdit: user.role.canManagePolicy, version: versions.first?.number ?? 0,
            fields: fields, categories: categories, errors: unplaced, versions: rows, regional: regional))
    }
}

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
    var note: String?
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
        default: apiField
        }
    }

    init(_ p: SocialReturnPolicy) {
        func money(_ m: Money?) -> String? { m.map { DutchNumberFormat.money($0).replacingOccurrences(of: "€ ", with: "") } }
        func percent(_ p: Percentage) -> String { DutchNumberFormat.decimal(Int64(p.basisPoints), scale: 2) }
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
            if let f = MonitoringFrequency(rawValue: raw) { p.monitoringFrequency = f } else { errors["monitoringFrequency"] = "kies maand, kwartaal of halfjaar" }
        }
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
        return (p, errors)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
