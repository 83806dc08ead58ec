import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's placements: the form to add one, its page with the paid hours, and its outcome.
struct PlacementWebController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("placements", "new", use: newPlacement)
        c.post("placements", use: createPlacement)
        c.get("placements", ":placementId", use: placement)
        c.post("placements", ":placementId", "hours", use: recordHours)
        c.post("placements", ":placementId", "outcome", use: recordOutcome)
    }

    struct PlacementForm: Content {
        var reference: String?
        var bsn: String?
        var block: String?
        var targetGroup: String?
        var apprenticeshipLevel: String?
        var hoursPerWeek: String?
        var start: String?
        var end: String?
        var employmentKind: String?
        var doelgroepregister: String?
        var bonuses: [String]?
        var evidence: String?
        var region: String?

        /// The fields, with the blocks and target groups of the contract's valuation table (its own ones included).
        func fields(scheme: ValuationScheme) -> [FormField] {
            var bonusField = FormField(name: "bonuses[]", label: "Bonussen (eenmalig)", type: "checkboxes",
                                       hint: "Alleen wat van toepassing is.")
            bonusField.options = PlacementBonus.allCases.map { .init(value: $0.rawValue, label: $0.dutchLabel, selected: bonuses?.contains($0.rawValue) ?? false) }
            bonusField.glossary = "ips"
            return [
                FormField(name: "reference", label: "Eigen referentie (personeelsnummer)", value: reference ?? "",
                          hint: "Of vul het BSN in. Uw referentie ziet alleen uw organisatie terug (versleuteld opgeslagen); de opdrachtgever ziet een pseudoniem. Een BSN wordt nooit bewaard."),
                FormField(name: "bsn", label: "BSN", value: "", hint: "Wordt gecontroleerd met de elfproef en daarna vergeten.", inputmode: "numeric"),
                .select("block", "Bouwblok", value: block ?? BuildingBlock.employment.rawValue,
                        options: scheme.buildingBlocks.filter(scheme.placesAPerson).map { ($0.rawValue, scheme.label(of: $0)) }, required: true),
                .select("targetGroup", "Doelgroep", value: targetGroup, options: scheme.targetGroups.map { ($0.rawValue, scheme.label(of: $0)) },
                        required: true, blank: "kies de doelgroep"),
                .select("apprenticeshipLevel", "Niveau (alleen BBL)", value: apprenticeshipLevel, options: [("2", "tot en met niveau 2"), ("3", "niveau 3 en hoger")], blank: "n.v.t."),
                FormField(name: "hoursPerWeek", label: "Uren per week (contract)", value: hoursPerWeek ?? "", hint: "Bijvoorbeeld 24 of 25,5.",
                          required: true, inputmode: "decimal"),
                FormField(name: "start", label: "Begindatum", type: "date", value: start ?? "", required: true),
                FormField(name: "end", label: "Einddatum", type: "date", value: end ?? "", hint: "Leeg als de plaatsing doorloopt."),
                .select("employmentKind", "Soort contract", value: employmentKind ?? "temporary",
                        options: PlacementDraft.employmentKinds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
                .select("doelgroepregister", "In het doelgroepregister (banenafspraak)", value: doelgroepregister ?? "",
                        options: [("yes", "ja"), ("no", "nee")], blank: "volgt uit de doelgroep").explained("banenafspraak"),
                bonusField,
                .select("region", "Arbeidsmarktregio van de kandidaat", value: region, options: LabourMarketRegion.all.map { ($0, $0) },
                        hint: "Buiten de regio van het contract telt de plaatsing voor het deel dat het beleid zegt.", blank: "dezelfde als het contract"),
                FormField(name: "evidence", label: "Bewijs", type: "textarea", value: evidence ?? "",
                          hint: "Waar het bewijs is, bijvoorbeeld 'arbeidsovereenkomst in personeelsdossier'. Geen namen."),
            ]
        }

        var draft: (PlacementDraft, [String: String]) {
            var errors: [String: String] = [:]
            var hours: Hours?
            if let h = hoursPerWeek, !h.isEmpty {
                hours = Hours(text: h)
                if hours == nil { errors["hoursPerWeek"] = "verwacht een aantal uren, zoals 24 of 25,5" }
            }
            let register: Bool? = doelgroepregister == "yes" ? true : doelgroepregister == "no" ? false : nil
            return (PlacementDraft(reference: reference, bsn: bsn, block: block, targetGroup: targetGroup,
                                   apprenticeshipLevel: apprenticeshipLevel.flatMap(Int.init), hoursPerWeek: hours, start: start, end: end,
                                   employmentKind: employmentKind, doelgroepregister: register, bonuses: bonuses, evidence: evidence,
                                   region: region), errors)
        }
    }

    func newPlacement(req: Request) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        return try await RecordingForm.render(req, heading: "Plaatsing toevoegen", intro: "Voor \(c.title).", action: PagePath.contract(c.id!) + "/placements",
                                    cancel: PagePath.contract(c.id!) + "#plaatsingen",
                                              fields: PlacementForm().fields(scheme: try await ObligationService.scheme(for: c, on: req.db)), errors: [:])
    }

    func createPlacement(req: Request) async throws -> Response {
        let c = try await req.contract()
        var form = try req.content.decode(PlacementForm.self)
        let scheme = try await ObligationService.scheme(for: c, on: req.db)
        let (draft, parseErrors) = form.draft
        var errors = parseErrors
        if errors.isEmpty {
            do {
                _ = try await PlacementService.create(draft, on: c, by: try req.currentUser(), platform: req.platform, on: req.db)
                req.session.data["flash"] = "De plaatsing is vastgelegd."
                return req.redirect(to: PagePath.contract(c.id!) + "#plaatsingen")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil { errors[e.field] = e.message }
            } catch AppError.conflict(let field, let message) {
                errors[field ?? "reference"] = message
            }
        } else {
            for e in draft.problems(contractTerm: c.term, scheme: scheme) where errors[e.field] == nil { errors[e.field] = e.message }
        }
        form.bsn = nil // never shown again
        return try await RecordingForm.render(req, heading: "Plaatsing toevoegen", intro: "Voor \(c.title).", action: PagePath.contract(c.id!) + "/placements",
                                    cancel: PagePath.contract(c.id!) + "#plaatsingen", fields: form.fields(scheme: scheme), errors: errors, status: .unprocessableEntity)
    }

    struct PlacementPage: Encodable {
        struct HoursRow: Encodable { var period: String; var hours: String }
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var candidate: String
        /// The supplier's own reference, for that supplier only.
        var reference: String?
        var details: [ContractsWebController.ShowPage.Detail]
        var hours: [HoursRow]
        var total: String
        var canRecord: Bool
        var action: String
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
        var revolvingDoor: Bool
        var outcomeAction: String
        var outcomeFields: [FormField]
    }

    struct OutcomeForm: Content {
        var outcome: String?
        var outcomeDate: String?

        func fields() -> [FormField] {
            [.select("outcome", "Uitstroom", value: outcome, options: PlacementOutcome.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "nog niet bekend"),
             FormField(name: "outcomeDate", label: "Datum", type: "date", value: outcomeDate ?? "")]
        }
    }

    func recordOutcome(req: Request) async throws -> Response {
        let c = try await req.contract()
        guard let pid = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == pid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let form = try req.content.decode(OutcomeForm.self)
        let draft = PlacementDraft(reference: nil, bsn: nil, block: p.blockRaw, targetGroup: p.targetGroupRaw, apprenticeshipLevel: p.apprenticeshipLevel,
                                   hoursPerWeek: Hours(hundredths: p.hoursPerWeekHundredths), start: p.startDate, end: p.endDate,
                                   employmentKind: p.employmentKind, doelgroepregister: p.doelgroepregister, bonuses: p.bonuses.map(\.rawValue),
                                   evidence: p.evidence, region: p.region, outcome: form.outcome ?? "", outcomeDate: form.outcomeDate ?? "")
        do {
            try await PlacementService.update(p, with: draft, on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De uitstroom is vastgelegd."
            return req.redirect(to: PagePath.placement(c.id!, pid))
        } catch AppError.validation(let list) {
            return try await renderPlacement(req, errors: Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                             status: .unprocessableEntity, outcome: form)
        }
    }

    func placement(req: Request) async throws -> Response {
        try await renderPlacement(req, errors: [:], status: .ok)
    }

    private func renderPlacement(_ req: Request, errors: [String: String], status: HTTPResponseStatus, form: HoursForm? = nil,
                                 outcome: OutcomeForm? = nil) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requirePersons(try req.currentUser(), of: c)
        guard let pid = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == pid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let rows = try await PaidHoursModel.query(on: req.db).filter(\.$placement.$id == pid).sort(\.$periodStart).all()
        let total = rows.reduce(Hours.zero) { $0 + Hours(hundredths: $1.hoursHundredths) }
        let scheme = try await ObligationService.scheme(for: c, on: req.db)
        var fields = (form ?? HoursForm()).fields()
        _ = fields.attach(errors)
        var outcomeFields = (outcome ?? OutcomeForm(outcome: p.outcomeRaw, outcomeDate: p.outcomeDate)).fields()
        _ = outcomeFields.attach(errors)
        let today = req.platform.today()
        let door = try await DurabilityService.revolvingDoors(among: [p], today: today, scope: .of(try req.currentUser()), on: req.db).contains(pid)
        return try await req.page("placement", PlacementPage(
            layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: PagePath.contract(c.id!),
            candidate: Pseudonymizer.display(p.candidate),
            reference: p.reference(for: try req.currentUser(), contract: c, cipher: req.platform.referenceCipher),
            details: [.init(label: "Bouwblok", value: scheme.label(of: p.block)), .init(label: "Doelgroep", value: scheme.label(of: p.targetGroup)),
                      .init(label: "Uren per week", value: Hours(hundredths: p.hoursPerWeekHundredths).description),
                      .init(label: "Looptijd", value: (Day(iso: p.startDate)?.dutch ?? "") + " – " + (p.endDate.flatMap(Day.init(iso:))?.dutch ?? "doorlopend")),
                      .init(label: "Doelgroepregister", value: p.doelgroepregister ? "ja" : "nee"),
                      .init(label: "Bonussen", value: p.bonuses.isEmpty ? "geen" : p.bonuses.map(\.dutchLabel).sorted().joined(separator: ", ")),
                      .init(label: "Arbeidsmarktregio", value: p.region ?? (c.region.map { "\($0) (die van het contract)" } ?? "-")),
                      .init(label: "Uitstroom", value: p.outcome.map { $0.dutchLabel + (p.outcomeDate.flatMap(Day.init(iso:)).map { " op " + $0.dutch } ?? "") } ?? "nog niet bekend"),
                      .init(label: "Duurzaam", value: p.span?.isDurable(on: today) == true ? "ja (12 maanden of langer, of blijvend werk)" : "nog niet"),
                      .init(label: "Bewijs", value: p.evidence ?? "-")],
            hours: rows.map { .init(period: "\(Day(iso: $0.periodStart)?.dutch ?? "") – \(Day(iso: $0.periodEnd)?.dutch ?? "")",
                                    hours: Hours(hundredths: $0.hoursHundredths).description) },
            total: total.description, canRecord: (try? FulfilmentAccess.requireReporter(try req.currentUser(), for: c)) != nil,
            action: PagePath.placement(c.id!, pid) + "/hours", fields: fields, summary: (fields + outcomeFields).errorSummary,
            revolvingDoor: door, outcomeAction: PagePath.placement(c.id!, pid) + "/outcome", outcomeFields: outcomeFields), status: status)
    }

    struct HoursForm: Content {
        var periodStart: String?
        var periodEnd: String?
        var hours: String?

        func fields() -> [FormField] {
            [FormField(name: "periodStart", label: "Periode van", type: "date", value: periodStart ?? "", required: true),
             FormField(name: "periodEnd", label: "Periode tot en met", type: "date", value: periodEnd ?? "", required: true),
             FormField(name: "hours", label: "Verloonde uren", value: hours ?? "", hint: "Bijvoorbeeld 86,5. Dezelfde periode opnieuw vervangt de uren.",
                       required: true, inputmode: "decimal")]
        }
    }

    func recordHours(req: Request) async throws -> Response {
        let c = try await req.contract()
        guard let pid = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == pid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let form = try req.content.decode(HoursForm.self)
        var errors: [String: String] = [:]
        let start = form.periodStart.flatMap(Day.init(iso:)), end = form.periodEnd.flatMap(Day.init(iso:))
        let hours = form.hours.flatMap(Hours.init(text:))
        if start == nil { errors["periodStart"] = "verwacht een datum" }
        if end == nil { errors["periodEnd"] = "verwacht een datum" }
        if hours == nil { errors["hours"] = "verwacht een aantal uren, zoals 86,5" }
        if errors.isEmpty, let start, let end, let hours {
            do {
                try await PaidHoursService.record(hours, from: start, to: end, for: p, on: c, by: try req.currentUser(), on: req.db)
                req.session.data["flash"] = "De uren zijn vastgelegd."
                return req.redirect(to: PagePath.placement(c.id!, pid))
            } catch AppError.validation(let list) {
                for e in list { errors[e.field] = e.message }
            }
        }
        return try await renderPlacement(req, errors: errors, status: .unprocessableEntity, form: form)
    }
}
