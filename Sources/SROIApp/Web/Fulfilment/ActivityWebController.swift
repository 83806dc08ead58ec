import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's activities that place nobody: training, job coaching, social purchasing, contributions.
struct ActivityWebController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("activities", "new", use: newActivity)
        c.post("activities", use: createActivity)
    }

    struct ActivityForm: Content {
        var block: String?
        var description: String?
        var date: String?
        var amount: String?
        var hours: String?
        var enterpriseName: String?
        var enterpriseKvk: String?
        var enterpriseStatus: String?
        var evidence: String?

        /// The fields, with the activities of the contract's valuation table (its own blocks by hour or invoice included).
        func fields(scheme: ValuationScheme) -> [FormField] {
            [.select("block", "Soort activiteit", value: block, options: scheme.buildingBlocks.filter(scheme.isActivity).map { ($0.rawValue, scheme.label(of: $0)) },
                     required: true, blank: "kies"),
             FormField(name: "description", label: "Omschrijving", value: description ?? "", required: true),
             FormField(name: "date", label: "Datum", type: "date", value: date ?? "", required: true),
             FormField(name: "amount", label: "Factuurbedrag excl. btw (€)", value: amount ?? "",
                       hint: "Voor opleiding, sociale inkoop, een bijdrage op factuur, of wat het beleid op factuur telt.", inputmode: "decimal"),
             FormField(name: "hours", label: "Uren", value: hours ?? "", hint: "Voor jobcoaching zonder factuur, een bijdrage in uren, of wat het beleid per uur telt.", inputmode: "decimal"),
             FormField(name: "enterpriseName", label: "Sociale onderneming", value: enterpriseName ?? "", hint: "Alleen bij sociale inkoop."),
             FormField(name: "enterpriseKvk", label: "KvK-nummer onderneming", value: enterpriseKvk ?? "", inputmode: "numeric"),
             .select("enterpriseStatus", "Status van de onderneming", value: enterpriseStatus,
                     options: SocialEnterpriseStatus.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "n.v.t.").explained("art282"),
             FormField(name: "evidence", label: "Bewijs", type: "textarea", value: evidence ?? "", hint: "Bijvoorbeeld het factuurnummer.")]
        }
    }

    func newActivity(req: Request) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        return try await RecordingForm.render(req, heading: "Activiteit toevoegen", intro: "Opleiding, jobcoaching, sociale inkoop of een maatschappelijke bijdrage voor \(c.title).",
                                    action: PagePath.contract(c.id!) + "/activities", cancel: PagePath.contract(c.id!) + "#activiteiten", fields: ActivityForm().fields(scheme: try await ObligationService.scheme(for: c, on: req.db)), errors: [:])
    }

    func createActivity(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(ActivityForm.self)
        var errors: [String: String] = [:]
        var amount: Money?
        if let a = form.amount, !a.isEmpty {
            amount = DutchNumberFormat.parseMoney(a)
            if amount == nil { errors["amount"] = "verwacht een bedrag, zoals 8.000" }
        }
        var hours: Hours?
        if let h = form.hours, !h.isEmpty {
            hours = Hours(text: h)
            if hours == nil { errors["hours"] = "verwacht een aantal uren, zoals 12,5" }
        }
        if errors.isEmpty {
            do {
                _ = try await ActivityService.create(.init(block: form.block, description: form.description, date: form.date, amount: amount, hours: hours,
                                                           enterpriseName: form.enterpriseName, enterpriseKvK: form.enterpriseKvk,
                                                           enterpriseStatus: form.enterpriseStatus, evidence: form.evidence),
                                                     on: c, by: try req.currentUser(), on: req.db)
                req.session.data["flash"] = "De activiteit is vastgelegd."
                return req.redirect(to: PagePath.contract(c.id!) + "#activiteiten")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil {
                    let name = ["amountCents": "amount", "enterpriseKvk": "enterpriseKvk"][e.field] ?? e.field
                    errors[name] = e.message
                }
            }
        }
        return try await RecordingForm.render(req, heading: "Activiteit toevoegen", intro: "Voor \(c.title).", action: PagePath.contract(c.id!) + "/activities",
                                    cancel: PagePath.contract(c.id!) + "#activiteiten", fields: form.fields(scheme: try await ObligationService.scheme(for: c, on: req.db)), errors: errors, status: .unprocessableEntity)
    }
}
