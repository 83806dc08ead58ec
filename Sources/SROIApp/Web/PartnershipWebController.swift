import Fluent
import Foundation
import SROIDomain
import Vapor

/// The partnership part of a contract: the brainstorm format (buyer) and the possible jobs (both partners).
struct PartnershipOverview: Encodable {
    struct Job: Encodable {
        var id: String; var title: String; var source: String; var hours: String; var status: String; var statusLabel: String
        var placement: String; var note: String; var statuses: [FormField.Option]
    }
    var showBrainstorm: Bool
    var brainstormVersion: Int
    var canEditJobs: Bool
    var jobs: [Job]
    var sources: [FormField.Option]
    var placements: [FormField.Option]

    static func make(for c: ContractModel, user: CurrentUser, on db: any Database) async throws -> PartnershipOverview {
        let cid = try c.requireID()
        let latest = try await BrainstormModel.query(on: db).filter(\.$contract.$id == cid).sort(\.$version, .descending).first()
        let placements = try await PlacementModel.query(on: db).filter(\.$contract.$id == cid).all()
        let names = Dictionary(uniqueKeysWithValues: placements.map { ($0.id!, Pseudonymizer.display($0.candidate)) })
        let sourceLabels = Dictionary(uniqueKeysWithValues: PartnershipService.jobSources)
        let statusLabels = Dictionary(uniqueKeysWithValues: PartnershipService.jobStatuses)
        let jobs = try await PotentialJobModel.query(on: db).filter(\.$contract.$id == cid).sort(\.$createdAt).all()
        return PartnershipOverview(
            showBrainstorm: (try? PartnershipService.requireBuyerReader(user, for: c)) != nil, brainstormVersion: latest?.version ?? 0,
            canEditJobs: (try? PartnershipService.requireJobEditor(user, for: c)) != nil,
            jobs: jobs.map { j in
                Job(id: j.id!.uuidString, title: j.title, source: sourceLabels[j.source] ?? j.source,
                    hours: j.hoursPerWeekHundredths.map { Hours(hundredths: $0).description } ?? "", status: j.status,
                    statusLabel: statusLabels[j.status] ?? j.status, placement: j.placementID.flatMap { names[$0] } ?? "", note: j.note ?? "",
                    statuses: PartnershipService.jobStatuses.map { .init(value: $0.0, label: $0.1, selected: $0.0 == j.status) })
            },
            sources: PartnershipService.jobSources.map { .init(value: $0.0, label: $0.1, selected: false) },
            placements: placements.map { .init(value: $0.id!.uuidString, label: Pseudonymizer.display($0.candidate) + " (" + $0.block.dutchLabel + ")", selected: false) })
    }
}

struct PartnershipWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        c.get("brainstorm", use: brainstormForm)
        c.post("brainstorm", use: saveBrainstorm)
        c.get("brainstorm", ":version", use: brainstormPrint)
        c.post("potential-jobs", use: addJob)
        c.post("potential-jobs", ":jobId", use: updateJob)
    }

    /// The brainstorm form is the service's draft itself: one list of fields for the page and the service.
    typealias BrainstormForm = PartnershipService.BrainstormDraft

    /// A first guess at appendix III's first question, from the contract's status, publication date and obligation.
    static func situation(of c: ContractModel, today: Day, on db: any Database) async throws -> String {
        if c.status.isTender {
            let entry = TenderCalendar.entry(for: PlannedTender(id: "", title: c.title, publication: c.publicationDate.flatMap(Day.init(iso:))), today: today)
            return entry.urgency == .inTime ? "tender_after_4_months" : "tender_within_4_months"
        }
        let applicable = try await ObligationService.obligation(for: c, on: db)?.effective.applicable ?? false
        return applicable ? "existing_with_sr" : "existing_without_sr"
    }

    struct BrainstormPage: Encodable {
        struct Version: Encodable { var href: String; var label: String }
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var action: String
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
        var versions: [Version]
        /// Ideas sent in the market consultation ("Ingebracht door De Brug: …").
        var ideas: [String] = []
    }

    func brainstormForm(req: Request) async throws -> Response {
        let c = try await req.contract()
        try PartnershipService.requireBuyerEditor(try req.currentUser(), for: c)
        let latest = try await BrainstormModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$version, .descending).first()
        var form = BrainstormForm(latest)
        if latest == nil { form.situation = try await Self.situation(of: c, today: req.platform.today(), on: req.db) }
        return try await renderForm(req, c, form: form, errors: [:], status: .ok)
    }

    private func renderForm(_ req: Request, _ c: ContractModel, form: BrainstormForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        var fields = form.fields(kind: c.kind.dutchLabel)
        _ = fields.attach(errors)
        let formatter = DateFormatter()
        formatter.dateFormat = "d-M-yyyy HH:mm"
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        let versions = try await BrainstormModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$version, .descending).all()
        let page = BrainstormPage(layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: PagePath.contract(c.id!),
                                  action: PagePath.contract(c.id!) + "/brainstorm", fields: fields, summary: fields.errorSummary,
                                  versions: versions.map { .init(href: PagePath.contract(c.id!) + "/brainstorm/\($0.version)",
                                                                 label: "Versie \($0.version)" + ($0.createdAt.map { " van " + formatter.string(from: $0) } ?? "")) })
        var shown = page
        shown.ideas = try await MarketConsultationService.ideas(for: c, user: try req.currentUser(), on: req.db).map { "\($0.organisation.name): \($0.text)" }
        return try await req.page("brainstorm", shown, status: status)
    }

    func saveBrainstorm(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(BrainstormForm.self)
        do {
            let b = try await PartnershipService.saveBrainstorm(form, for: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "Versie \(b.version) van het brainstormformat is opgeslagen."
            return req.redirect(to: PagePath.contract(c.id!) + "/brainstorm/\(b.version)")
        } catch AppError.validation(let list) {
            return try await renderForm(req, c, form: form, errors: Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                        status: .unprocessableEntity)
        }
    }

    struct PrintPage: Encodable {
        struct Answer: Encodable { var question: String; var answer: String }
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var version: Int
        var answers: [Answer]
        var editHref: String?
    }

    func brainstormPrint(req: Request) async throws -> View {
        let user = try req.currentUser()
        let c = try await req.contract()
        try PartnershipService.requireBuyerReader(user, for: c)
        guard let version = req.parameters.get("version", as: Int.self),
              let b = try await BrainstormModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).filter(\.$version == version).first()
        else { throw AppError.notFound }
        let situation = Dictionary(uniqueKeysWithValues: PartnershipService.situations)[b.situation] ?? b.situation
        let form = BrainstormForm(b)
        let answers = [PrintPage.Answer(question: "Titel aanbesteding/contract", answer: c.title),
                       .init(question: "Deze opdracht is een", answer: situation + (b.situationOther.map { ": " + $0 } ?? ""))]
            + form.fields(kind: c.kind.dutchLabel).dropFirst(2).map { .init(question: $0.label, answer: $0.value.isEmpty ? "-" : $0.value) }
        return try await req.view.render("brainstorm-print", PrintPage(
            layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: PagePath.contract(c.id!), version: b.version,
            answers: answers, editHref: (try? PartnershipService.requireBuyerEditor(user, for: c)) != nil ? PagePath.contract(c.id!) + "/brainstorm" : nil))
    }

    struct JobForm: Content {
        var title: String?
        var source: String?
        var hoursPerWeek: String?
        var status: String?
        var placementId: String?
        var note: String?
    }

    func addJob(req: Request) async throws -> Response {
        let c = try await req.contract()
        let f = try req.content.decode(JobForm.self)
        do {
            _ = try await PartnershipService.saveJob(.init(title: f.title, source: f.source, hoursPerWeek: f.hoursPerWeek.flatMap(Hours.init(text:)),
                                                           status: f.status ?? "idea", placementId: f.placementId.flatMap(UUID.init(uuidString:)),
                                                           note: f.note), job: nil, for: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De mogelijke baan is toegevoegd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet toegevoegd: " + list.map(\.message).joined(separator: "; ") + "."
        }
        return req.redirect(to: PagePath.contract(c.id!) + "#banen")
    }

    func updateJob(req: Request) async throws -> Response {
        let c = try await req.contract()
        guard let id = req.parameters.get("jobId", as: UUID.self),
              let job = try await PotentialJobModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let f = try req.content.decode(JobForm.self)
        do {
            _ = try await PartnershipService.saveJob(.init(title: job.title, source: job.source, hoursPerWeek: job.hoursPerWeekHundredths.map(Hours.init(hundredths:)),
                                                           status: f.status ?? job.status,
                                                           placementId: f.placementId.flatMap(UUID.init(uuidString:)) ?? job.placementID, note: job.note),
                                                     job: job, for: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De status is bijgewerkt."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet bijgewerkt: " + list.map(\.message).joined(separator: "; ") + "."
        }
        return req.redirect(to: PagePath.contract(c.id!) + "#banen")
    }
}

extension PartnershipService.BrainstormDraft: Content {
    init(_ b: BrainstormModel?) {
        situation = b?.situation; situationOther = b?.situationOther; labourComponent = b?.labourComponent; whoNeeded = b?.whoNeeded
        willingness = b?.willingness; desiredResults = b?.desiredResults; policyFit = b?.policyFit; nextSteps = b?.nextSteps
    }

    func fields(kind: String) -> [FormField] {
        [.select("situation", "Deze opdracht is een", value: situation, options: PartnershipService.situations, required: true, blank: "kies"),
         FormField(name: "situationOther", label: "Anders, namelijk", value: situationOther ?? ""),
         FormField(name: "labourComponent", label: "Werk, dienst of levering? Welk werk zit erin?", type: "textarea", value: labourComponent ?? "",
                   hint: "Het type is \(kind). Welke taken zijn geschikt voor mensen met een afstand tot de arbeidsmarkt?"),
         FormField(name: "whoNeeded", label: "WIE hebben we nodig?", type: "textarea", value: whoNeeded ?? ""),
         FormField(name: "willingness", label: "In hoeverre zijn zij bereid om mee te doen?", type: "textarea", value: willingness ?? ""),
         FormField(name: "desiredResults", label: "Wat zijn de gewenste resultaten?", type: "textarea", value: desiredResults ?? ""),
         FormField(name: "policyFit", label: "Hoe past het bij onze beleidsdoelstellingen?", type: "textarea", value: policyFit ?? ""),
         FormField(name: "nextSteps", label: "HOE gaan we het doen? Vervolgstappen", type: "textarea", value: nextSteps ?? "")]
    }
}
