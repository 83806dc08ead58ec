import Fluent
import Foundation
import SROIDomain
import Vapor

/// The social enterprise register: search, add, and decide on proposed changes of status.
struct RegisterWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("sociale-ondernemingen", use: register)
        routes.post("sociale-ondernemingen", use: addEnterprise)
        routes.post("sociale-ondernemingen", ":enterpriseId", "status-changes", ":changeId", "approve", use: approveStatusChange)
        routes.post("sociale-ondernemingen", ":enterpriseId", "status-changes", ":changeId", "decline", use: declineStatusChange)
    }

    typealias Option = CreditingWebController.Option
    typealias Row = CreditingWebController.Row

    /// A proposed change of status waiting for this user's decision.
    struct Waiting: Encodable {
        var enterprise: String
        var from: String
        var to: String
        var reason: String
        var proposedBy: String
        var approve: String
        var decline: String
    }

    struct RegisterPage: Encodable {
        var layout: Layout
        var q: String
        var region: String
        var sector: String
        var article282: Bool
        var regions: [Option]
        var results: [Row]
        var canAdd: Bool
        var waiting: [Waiting]
        /// A social enterprise keeps its own entry.
        var ownEntry: Bool
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
    }

    struct SearchQuery: Content { var q: String?; var region: String?; var sector: String?; var article282: String? }

    struct EnterpriseForm: Content {
        var name: String?; var kvk: String?; var psoStep: String?; var article282: String?; var shelteredWorkshop: String?
        var sectors: String?; var region: String?; var city: String?; var website: String?

        func fields() -> [FormField] {
            [FormField(name: "name", label: "Naam", value: name ?? "", required: true),
             FormField(name: "kvk", label: "KvK-nummer", value: kvk ?? "", required: true, inputmode: "numeric"),
             .select("psoStep", "PSO-trede", value: psoStep, options: PSOStep.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "geen").explained("pso"),
             .select("article282", "Art. 2.82 (ten minste 30% met afstand tot de arbeidsmarkt)", value: article282 ?? "no", options: [("no", "nee"), ("yes", "ja")]).explained("art282"),
             .select("shelteredWorkshop", "SW-bedrijf", value: shelteredWorkshop ?? "no", options: [("no", "nee"), ("yes", "ja")]),
             FormField(name: "sectors", label: "Sectoren", value: sectors ?? "", hint: "Gescheiden door komma's, bijvoorbeeld schoonmaak, groen, catering."),
             .select("region", "Arbeidsmarktregio", value: region, options: LabourMarketRegion.all.map { ($0, $0) }, blank: "onbekend"),
             FormField(name: "city", label: "Plaats", value: city ?? ""),
             FormField(name: "website", label: "Website", value: website ?? "")]
        }
    }

    func register(req: Request) async throws -> Response {
        try await renderRegister(req, form: EnterpriseForm(), errors: [:], status: .ok)
    }

    private func renderRegister(_ req: Request, form: EnterpriseForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.currentUser()
        let q = try req.query.decode(SearchQuery.self)
        let found = try await SocialEnterpriseRegister.search(.init(text: q.q, region: q.region, sector: q.sector,
                                                                    article282: q.article282 == "yes", minimumStep: nil), on: req.db)
        var fields = form.fields()
        _ = fields.attach(errors)
        return try await req.page("register", RegisterPage(
            layout: Layout(request: req, active: "register"), q: q.q ?? "", region: q.region ?? "", sector: q.sector ?? "",
            article282: q.article282 == "yes", regions: LabourMarketRegion.all.map { Option(value: $0, label: $0) },
            results: found.map { e in
                Row(cells: [e.name, e.kvk, e.psoStepRaw.flatMap(PSOStep.init(rawValue:))?.dutchLabel ?? "-", e.article282 ? "ja" : "nee",
                            e.shelteredWorkshop ? "ja" : "nee", e.sectors.joined(separator: ", "), [e.city, e.region].compactMap { $0 }.joined(separator: ", "),
                            e.profile.status?.dutchLabel ?? "telt niet als sociale inkoop"], href: nil)
            },
            canAdd: (try? SocialEnterpriseRegister.requireKeeper(user)) != nil, waiting: try await waiting(for: user, on: req.db),
            ownEntry: user.organisationKind == .socialEnterprise, fields: fields, summary: fields.errorSummary), status: status)
    }

    func addEnterprise(req: Request) async throws -> Response {
        let form = try req.content.decode(EnterpriseForm.self)
        var errors: [String: String] = [:]
        do {
            let e = try await SocialEnterpriseRegister.save(.init(
                name: form.name, kvk: form.kvk, psoStep: form.psoStep ?? "", article282: form.article282 == "yes",
                shelteredWorkshop: form.shelteredWorkshop == "yes", sectors: (form.sectors ?? "").split(separator: ",").map(String.init),
                region: form.region ?? "", city: form.city ?? "", website: form.website ?? ""), existing: nil, by: try req.currentUser(), on: req.db).enterprise
            req.session.data["flash"] = "\(e.name) staat in het register."
            return req.redirect(to: "/sociale-ondernemingen")
        } catch AppError.validation(let list) {
            for e in list { errors[e.field] = e.message }
        } catch AppError.conflict(let field, let message) {
            errors[field ?? "kvk"] = message
        }
        return try await renderRegister(req, form: form, errors: errors, status: .unprocessableEntity)
    }

    private func waiting(for user: CurrentUser, on db: any Database) async throws -> [Waiting] {
        let changes = try await SocialEnterpriseStatusChanges.waiting(for: user, on: db)
        let names = Dictionary(try await OrganisationModel.query(on: db).filter(\.$id ~~ Set(changes.map(\.proposedByOrganisation))).all()
            .map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        func label(_ p: SocialEnterpriseProfile) -> String { p.status?.dutchLabel ?? "telt niet als sociale inkoop" }
        return changes.map { c in
            let base = "/sociale-ondernemingen/\(c.enterprise.id!)/status-changes/\(c.id!)/"
            let certificate = [c.psoCertificate.map { "certificaat \($0)" }, c.psoValidUntil.flatMap(Day.init(iso:)).map { "geldig tot en met \($0.dutch)" }]
                .compactMap { $0 }.joined(separator: ", ")
            return Waiting(enterprise: c.enterprise.name, from: label(c.enterprise.profile),
                           to: label(c.profile) + (certificate.isEmpty ? "" : " (\(certificate))"), reason: c.reason,
                           proposedBy: names[c.proposedByOrganisation] ?? "een andere organisatie", approve: base + "approve", decline: base + "decline")
        }
    }

    func approveStatusChange(req: Request) async throws -> Response { try await decide(req, .approve) }
    func declineStatusChange(req: Request) async throws -> Response { try await decide(req, .decline) }

    struct DecisionForm: Content { var comment: String? }

    private func decide(_ req: Request, _ decision: SocialEnterpriseStatusChanges.Decision) async throws -> Response {
        guard let id = req.parameters.get("enterpriseId", as: UUID.self), let e = try await SocialEnterpriseModel.find(id, on: req.db) else {
            throw AppError.notFound
        }
        let form = try req.content.decode(DecisionForm.self)
        do {
            _ = try await SocialEnterpriseStatusChanges.decide(req.parameters.get("changeId", as: UUID.self), of: e, decision,
                                                              comment: form.comment, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = decision == .approve ? "De nieuwe status van \(e.name) geldt vanaf nu." : "Het voorstel voor \(e.name) is afgewezen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet afgewezen: " + (list.first?.message ?? "")
        }
        return req.redirect(to: "/sociale-ondernemingen")
    }
}
