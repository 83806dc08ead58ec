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
        /// The valuation table, line by line.
        var valuation: PolicyForm.ValuationSection
        /// The policy's own target groups and building blocks, with empty rows to add one.
        var ownGroups: [PolicyForm.OwnGroupRow]
        var ownBlocks: [PolicyForm.OwnBlockRow]
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
        return .init(setting: labels[path] ?? valuationLabel(path) ?? path, regional: format(d.regional), own: format(d.own))
    }

    /// A line of the valuation table in words: "waardering: WW, per jaar".
    static func valuationLabel(_ path: String) -> String? {
        let parts = path.split(separator: ".").map(String.init)
        guard parts.first == "valuation", parts.count >= 2 else { return nil }
        let group = parts.count > 2 ? TargetGroup(rawValue: parts[2])?.dutchLabel : nil
        switch parts[1] {
        case "employmentPerYear": return group.map { "waardering: \($0), per jaar" }
        case "countedMonths": return group.map { "waardering: \($0), telt hoogstens (maanden)" }
        case "bonuses": return parts.count > 2 ? PlacementBonus(rawValue: parts[2]).map { "waardering: bonus \($0.dutchLabel)" } : nil
        case "socialPurchaseShare":
            return parts.count > 2 ? SocialEnterpriseStatus(rawValue: parts[2]).map { "waardering: sociale inkoop bij een \($0.dutchLabel)" } : nil
        case "name": return "naam van de waarderingstabel"
        case "ownTargetGroups": return "waardering: eigen doelgroepen"
        case "ownBuildingBlocks": return "waardering: eigen bouwblokken"
        default: return PolicyForm.valuationLines.first { $0.key == parts[1] }.map { "waardering: " + $0.label }
        }
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
                for e in list {
                    let key = form.formKey(ofOwn: e.field) ?? PolicyForm.formKey(ofValuation: e.field) ?? PolicyForm.formName(e.field)
                    if errors[key] == nil { errors[key] = e.message }
                }
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
        var unplaced = fields.attach(errors.filter { !$0.key.hasPrefix("categories[") && !$0.key.hasPrefix("valuation") && !$0.key.hasPrefix("own") })
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
        let own = form.ownRows(errors: errors)
        return try await req.view.render("policy", Page(
            layout: Layout(request: req, active: "policy"), canEdit: user.role.canManagePolicy, version: versions.first?.number ?? 0,
            fields: fields, categories: categories, valuation: form.valuationSection(errors: errors),
            ownGroups: own.groups, ownBlocks: own.blocks, errors: unplaced, versions: rows,
            regional: regional))
    }
}
