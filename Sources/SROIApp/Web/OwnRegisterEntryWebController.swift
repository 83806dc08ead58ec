import Fluent
import Foundation
import SROIDomain
import Vapor

/// A social enterprise keeps its own register entry: what it offers at once, a change of status after a buyer's
/// coordinator or an administrator verified it.
struct OwnRegisterEntryWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("sociale-ondernemingen", "eigen", use: show)
        routes.post("sociale-ondernemingen", "eigen", use: save)
    }

    struct OwnForm: Content {
        var name: String?; var psoStep: String?; var psoCertificate: String?; var psoValidUntil: String?; var article282: String?
        var shelteredWorkshop: String?; var sectors: String?; var region: String?; var city: String?; var website: String?; var offers: String?
        var reason: String?

        init(_ e: SocialEnterpriseModel?, name fallback: String) {
            name = e?.name ?? fallback
            psoStep = e?.psoStepRaw
            psoCertificate = e?.psoCertificate
            psoValidUntil = e?.psoValidUntil
            article282 = e?.article282 == true ? "yes" : "no"
            shelteredWorkshop = e?.shelteredWorkshop == true ? "yes" : "no"
            sectors = e?.sectors.joined(separator: ", ")
            region = e?.region
            city = e?.city
            website = e?.website
            offers = e?.offers
        }

        func fields() -> [FormField] {
            [FormField(name: "name", label: "Naam", value: name ?? "", required: true),
             FormField(name: "offers", label: "Wat wij bieden", type: "textarea", value: offers ?? "",
                       hint: "Diensten, producten en werkplekken, bijvoorbeeld 'schoonmaak, groenonderhoud en catering; leerwerkplekken in de groenvoorziening'."),
             FormField(name: "sectors", label: "Sectoren", value: sectors ?? "", hint: "Gescheiden door komma's, bijvoorbeeld schoonmaak, groen, catering."),
             .select("region", "Arbeidsmarktregio", value: region, options: LabourMarketRegion.all.map { ($0, $0) }, blank: "onbekend"),
             FormField(name: "city", label: "Plaats", value: city ?? ""),
             FormField(name: "website", label: "Website", value: website ?? ""),
             .select("psoStep", "PSO-trede", value: psoStep, options: PSOStep.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "geen").explained("pso"),
             FormField(name: "psoCertificate", label: "Nummer van het PSO-certificaat", value: psoCertificate ?? ""),
             FormField(name: "psoValidUntil", label: "Certificaat geldig tot en met", type: "date", value: psoValidUntil ?? "",
                       hint: "Na deze datum telt de PSO-trede niet meer voor sociale inkoop."),
             .select("article282", "Art. 2.82 (ten minste 30% met afstand tot de arbeidsmarkt)", value: article282 ?? "no", options: [("no", "nee"), ("yes", "ja")]).explained("art282"),
             .select("shelteredWorkshop", "SW-bedrijf", value: shelteredWorkshop ?? "no", options: [("no", "nee"), ("yes", "ja")]),
             FormField(name: "reason", label: "Toelichting bij een nieuwe status", type: "textarea", value: reason ?? "",
                       hint: "Bijvoorbeeld de datum van de audit. Een nieuwe status telt pas als een SR-coördinator of platformbeheer die heeft gecontroleerd.")]
        }
    }

    func show(req: Request) async throws -> Response {
        let (org, entry) = try await SocialEnterpriseRegister.ownEntry(of: try req.currentUser(), on: req.db)
        return try await render(req, form: OwnForm(entry, name: org.name), entry: entry, errors: [:], status: .ok)
    }

    func save(req: Request) async throws -> Response {
        let form = try req.content.decode(OwnForm.self)
        let user = try req.currentUser()
        var errors: [String: String] = [:]
        do {
            let outcome = try await SocialEnterpriseRegister.saveOwn(.init(
                name: form.name, kvk: nil, psoStep: form.psoStep ?? "", article282: form.article282 == "yes", shelteredWorkshop: form.shelteredWorkshop == "yes",
                sectors: (form.sectors ?? "").split(separator: ",").map(String.init), region: form.region ?? "", city: form.city ?? "",
                website: form.website ?? "", psoCertificate: form.psoCertificate ?? "", psoValidUntil: form.psoValidUntil ?? "", offers: form.offers ?? ""),
                by: user, reason: form.reason, on: req.db)
            req.session.data["flash"] = outcome.proposal == nil ? "Uw inschrijving is bijgewerkt."
                : "Uw inschrijving is bijgewerkt. De nieuwe status telt zodra een SR-coördinator of platformbeheer die heeft gecontroleerd."
            return req.redirect(to: "/sociale-ondernemingen/eigen")
        } catch AppError.validation(let list) {
            for e in list where errors[e.field] == nil { errors[e.field] = e.message }
        } catch AppError.conflict(let field, let message) {
            errors[field ?? "name"] = message
        }
        let entry = try await SocialEnterpriseRegister.ownEntry(of: user, on: req.db).entry
        return try await render(req, form: form, entry: entry, errors: errors, status: .unprocessableEntity)
    }

    private func render(_ req: Request, form: OwnForm, entry: SocialEnterpriseModel?, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        var intro = "Opdrachtgevers en opdrachtnemers vinden u in het register. "
        if let entry {
            let waiting = try await SocialEnterpriseStatusChanges.list(for: entry, on: req.db).contains { $0.status == "proposed" }
            intro += "Status nu: \(entry.profile.status?.dutchLabel ?? "telt (nog) niet als sociale inkoop")."
            if waiting { intro += " Een nieuwe status wacht op controle door een SR-coördinator of platformbeheer." }
        } else {
            intro += "U staat nog niet in het register: vul uw gegevens in."
        }
        return try await RecordingForm.render(req, heading: "Uw inschrijving in het register", intro: intro, action: "/sociale-ondernemingen/eigen",
                                              cancel: "/sociale-ondernemingen", fields: form.fields(), errors: errors, status: status,
                                              backLabel: "Terug naar het register", active: "register")
    }
}
