import Fluent
import Foundation
import SROIDomain
import Vapor

/// The vacancies pages: the list with the matching figures, the supplier's form, and a vacancy with its proposals
/// (the job service proposes, the supplier plans an interview, accepts or declines).
struct VacancyWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("vacatures", use: list)
        routes.get("vacatures", "nieuw", use: newVacancy)
        routes.post("vacatures", use: create)
        routes.get("vacatures", ":vacancyId", use: show)
        routes.post("vacatures", ":vacancyId", "voordragen", use: propose)
        routes.post("vacatures", ":vacancyId", "status", use: setStatus)
        routes.post("voordrachten", ":proposalId", "gesprek", use: interview)
        routes.post("voordrachten", ":proposalId", "aannemen", use: accept)
        routes.post("voordrachten", ":proposalId", "afwijzen", use: decline)
    }

    struct Row: Encodable { var href: String; var title: String; var contract: String; var region: String; var hours: String; var start: String; var status: String; var statusKey: String }

    struct ListPage: Encodable {
        var layout: Layout
        var intro: String
        var cards: [FigureCard]
        var rows: [Row]
        var canCreate: Bool
        var status: String
        var statuses: [FormField.Option]
    }

    struct ListQuery: Content { var status: String? }

    func list(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard user.isSupplier || user.isBuyer || user.isJobService || user.isAdministrator else { throw AppError.notFound }
        let q = try req.query.decode(ListQuery.self)
        let vacancies = try await VacancyService.visible(for: user, filter: .init(status: q.status), on: req.db)
        var cards: [FigureCard] = []
        if user.isJobService || user.isBuyer {
            let f = try await MatchingFigures.of(user, organisation: user.organisationID, today: req.platform.today(), on: req.db)
            cards = [FigureCard(label: user.isJobService ? "Open vacatures in uw regio" : "Open vacatures", value: DutchNumberFormat.grouped(f.openVacancies)),
                     FigureCard(label: "Voorgedragen kandidaten", value: f.proposals.display),
                     FigureCard(label: "Sollicitatiegesprekken", value: f.interviews.display),
                     FigureCard(label: "Geplaatst", value: f.placements.display),
                     FigureCard(label: "Gemiddeld van vacature tot vervuld", value: f.averageDaysToFill.map { "\($0) dagen" } ?? FigureWords.notYet),
                     FigureCard(label: "Na 6 maanden nog aan het werk", value: FigureWords.part(f.retention6.retained, of: f.retention6.eligible)),
                     FigureCard(label: "Na 12 maanden nog aan het werk", value: FigureWords.part(f.retention12.retained, of: f.retention12.eligible))]
        }
        let intro = user.isJobService
            ? "De vacatures van opdrachtnemers met social return in uw regio. Draag een kandidaat voor: de doelgroep die u vaststelt, telt als geverifieerd."
            : user.isBuyer ? "Vacatures die opdrachtnemers voor uw opdrachten openstellen voor mensen met afstand tot de arbeidsmarkt."
            : "Zet een vacature open voor mensen met afstand tot de arbeidsmarkt. Werkgeversdienstverlening (WSP, UWV) in de regio ziet haar en draagt kandidaten voor."
        return try await req.page("vacancies", ListPage(
            layout: Layout(request: req, active: "vacancies"), intro: intro, cards: cards,
            rows: try vacancies.map { v in
                Row(href: "/vacatures/\(try v.requireID())", title: v.title, contract: v.contract.title, region: v.region,
                    hours: Hours(hundredths: v.hoursPerWeekHundredths).description, start: Day(iso: v.startDate)?.dutch ?? v.startDate,
                    status: VacancyService.Status(rawValue: v.status)?.dutchLabel ?? v.status, statusKey: v.status)
            },
            canCreate: user.isSupplier && user.role.reports, status: q.status ?? "",
            statuses: [FormField.Option(value: "", label: "alle", selected: (q.status ?? "").isEmpty)]
                + VacancyService.Status.allCases.map { .init(value: $0.rawValue, label: $0.dutchLabel, selected: q.status == $0.rawValue) }))
    }

    struct VacancyForm: Content {
        var contractId: String?; var title: String?; var tasks: String?; var hoursPerWeek: String?; var place: String?; var region: String?
        var start: String?; var blocks: [String]?; var targetGroups: [String]?; var requirements: String?; var contact: String?

        func fields(contracts: [ContractModel], scheme: ValuationScheme) -> [FormField] {
            var blockField = FormField(name: "blocks[]", label: "Geschikt als", type: "checkboxes", hint: "Een of meer.")
            blockField.options = scheme.buildingBlocks.filter(scheme.placesAPerson).map {
                .init(value: $0.rawValue, label: scheme.label(of: $0), selected: (blocks ?? [BuildingBlock.employment.rawValue]).contains($0.rawValue))
            }
            var groupField = FormField(name: "targetGroups[]", label: "Voor de doelgroepen", type: "checkboxes", hint: "Niets aangevinkt: elke doelgroep.")
            groupField.options = scheme.targetGroups.map { .init(value: $0.rawValue, label: scheme.label(of: $0), selected: targetGroups?.contains($0.rawValue) ?? false) }
            return [
                .select("contractId", "Voor de opdracht", value: contractId, options: contracts.compactMap { c in c.id.map { ($0.uuidString, c.title) } }, required: true),
                FormField(name: "title", label: "Functie", value: title ?? "", hint: "Bijvoorbeeld 'medewerker schoonmaak'.", required: true),
                FormField(name: "tasks", label: "Taken", type: "textarea", value: tasks ?? "", required: true),
                FormField(name: "hoursPerWeek", label: "Uren per week", value: hoursPerWeek ?? "", required: true, inputmode: "decimal"),
                FormField(name: "start", label: "Begindatum", type: "date", value: start ?? "", required: true),
                FormField(name: "place", label: "Werkplek (plaats)", value: place ?? ""),
                .select("region", "Arbeidsmarktregio", value: region, options: LabourMarketRegion.all.map { ($0, $0) }, hint: "Leeg: de regio van de opdracht.",
                        blank: "die van de opdracht"),
                blockField, groupField,
                FormField(name: "requirements", label: "Eisen en wensen", type: "textarea", value: requirements ?? ""),
                FormField(name: "contact", label: "Contactpersoon voor deze vacature", value: contact ?? "", hint: "Naam en telefoon of e-mail van iemand bij u.", required: true),
            ]
        }

        var draft: (VacancyService.Draft, [String: String]) {
            var errors: [String: String] = [:]
            var hours: Hours?
            if let h = hoursPerWeek, !h.isEmpty {
                hours = Hours(text: h)
                if hours == nil { errors["hoursPerWeek"] = "verwacht een aantal uren, zoals 24 of 25,5" }
            }
            return (VacancyService.Draft(title: title, tasks: tasks, hoursPerWeek: hours, place: place, region: region ?? "", start: start,
                                         blocks: blocks ?? [], targetGroups: targetGroups ?? [], requirements: requirements, contact: contact), errors)
        }
    }

    private func ownContracts(_ req: Request) async throws -> [ContractModel] {
        let user = try req.currentUser()
        guard user.isSupplier, user.role.reports else { throw AppError.forbidden("Alleen de rapporteur van een opdrachtnemer plaatst vacatures.") }
        return try await Access.contracts(for: user, on: req.db).filter(\.$statusRaw ~~ [ContractStatus.awarded.rawValue, ContractStatus.running.rawValue]).sort(\.$title).all()
    }

    func newVacancy(req: Request) async throws -> Response {
        let contracts = try await ownContracts(req)
        var form = VacancyForm()
        form.contractId = try? req.query.get(String.self, at: "contract")
        return try await renderForm(req, form: form, contracts: contracts, errors: [:], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        let contracts = try await ownContracts(req)
        let form = try req.content.decode(VacancyForm.self)
        var (draft, errors) = form.draft
        if errors.isEmpty {
            do {
                guard let contract = contracts.first(where: { $0.id?.uuidString == form.contractId }) else {
                    throw AppError.validation([.init(field: "contractId", message: "kies een van uw gegunde opdrachten")])
                }
                if draft.region == "" { draft.region = nil }
                let v = try await VacancyService.create(draft, on: contract, by: try req.currentUser(), on: req.db)
                req.session.data["flash"] = "De vacature staat open voor werkgeversdienstverlening in \(v.region)."
                return req.redirect(to: "/vacatures/\(try v.requireID())")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil { errors[e.field] = e.message }
            }
        }
        return try await renderForm(req, form: form, contracts: contracts, errors: errors, status: .unprocessableEntity)
    }

    private func renderForm(_ req: Request, form: VacancyForm, contracts: [ContractModel], errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let chosen = contracts.first { $0.id?.uuidString == form.contractId } ?? contracts.first
        var scheme = ValuationScheme.haaglanden2023
        if let chosen { scheme = try await ObligationService.scheme(for: chosen, on: req.db) }
        var mapped = errors
        for (from, to) in [("blocks", "blocks[]"), ("targetGroups", "targetGroups[]")] { if let e = mapped.removeValue(forKey: from) { mapped[to] = e } }
        return try await RecordingForm.render(req, heading: "Vacature plaatsen", intro: "Zet een functie open voor mensen met afstand tot de arbeidsmarkt. Schrijf geen gegevens van kandidaten in de vacature.",
                                              action: "/vacatures", cancel: "/vacatures", fields: form.fields(contracts: contracts, scheme: scheme), errors: mapped,
                                              status: status, backLabel: "Terug naar de vacatures", active: "vacancies")
    }
}
