import Fluent
import Foundation
import SROIDomain
import Vapor

/// One vacancy's page: its details, and its proposals with what the viewer may do with them.
extension VacancyWebController {
    struct ProposalRow: Encodable {
        var id: String; var candidate: String; var jobService: String; var targetGroup: String; var established: String; var profile: String
        var status: String; var statusKey: String; var interviewOn: String?; var declineReason: String?; var open: Bool; var pathHref: String?
    }

    struct VacancyPage: Encodable {
        var layout: Layout
        var id: String
        var title: String
        var status: String
        var statusKey: String
        var details: [ContractsWebController.ShowPage.Detail]
        var tasks: String
        var requirements: String?
        var proposals: [ProposalRow]
        /// The supplier decides on proposals and opens or closes the vacancy.
        var isSupplier: Bool
        /// A job service may propose while the vacancy is open.
        var canPropose: Bool
        var fields: [FormField]
        var errors: [String]
        var isOpen: Bool
        var contractHref: String?
        var blocks: [FormField.Option]
    }

    struct ProposeForm: Content { var bsn: String?; var clientNumber: String?; var targetGroup: String?; var establishedOn: String?; var profile: String? }

    func show(req: Request) async throws -> Response {
        try await render(req, form: ProposeForm(), errors: [:], status: .ok)
    }

    private func render(_ req: Request, form: ProposeForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.currentUser()
        let v = try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: user, on: req.db)
        let contract = v.contract
        let scheme = try await ObligationService.scheme(for: contract, on: req.db)
        let isSupplier = (try? FulfilmentAccess.requireReporter(user, for: contract)) != nil
        let proposals = try await ProposalService.list(for: v, user: user, on: req.db)
        let isOpen = v.status == VacancyService.Status.open.rawValue
        var fields: [FormField] = [
            FormField(name: "bsn", label: "BSN van de kandidaat", value: "", hint: "Wordt gecontroleerd met de elfproef en daarna vergeten; alleen een pseudoniem blijft.", inputmode: "numeric"),
            FormField(name: "clientNumber", label: "Of uw eigen klantnummer", value: form.clientNumber ?? ""),
            .select("targetGroup", "Doelgroep, door u vastgesteld", value: form.targetGroup,
                    options: (v.targetGroups.isEmpty ? scheme.targetGroups : v.targetGroups).map { ($0.rawValue, scheme.label(of: $0)) }, required: true, blank: "kies"),
            FormField(name: "establishedOn", label: "Vastgesteld op", type: "date", value: form.establishedOn ?? "", required: true),
            FormField(name: "profile", label: "Korte typering", type: "textarea", value: form.profile ?? "",
                      hint: "Ervaring, opleiding, wat iemand zoekt. Geen naam, adres, telefoon of e-mail.", required: true),
        ]
        let unplaced = fields.attach(errors)
        let details: [ContractsWebController.ShowPage.Detail] = [
            .init(label: "Opdracht", value: contract.title),
            .init(label: "Uren per week", value: Hours(hundredths: v.hoursPerWeekHundredths).description),
            .init(label: "Begindatum", value: Day(iso: v.startDate)?.dutch ?? v.startDate),
            .init(label: "Regio", value: v.region + (v.place.map { ", \($0)" } ?? "")),
            .init(label: "Geschikt als", value: v.blocks.map(scheme.label(of:)).joined(separator: ", ")),
            .init(label: "Doelgroepen", value: v.targetGroups.isEmpty ? "elke doelgroep" : v.targetGroups.map(scheme.label(of:)).joined(separator: ", ")),
            .init(label: "Contactpersoon", value: v.contact),
        ]
        return try await req.page("vacancy", VacancyPage(
            layout: Layout(request: req, active: "vacancies"), id: try v.requireID().uuidString, title: v.title,
            status: VacancyService.Status(rawValue: v.status)?.dutchLabel ?? v.status, statusKey: v.status, details: details, tasks: v.tasks,
            requirements: v.requirements,
            proposals: try proposals.map { p in
                let open = p.status == ProposalService.Status.proposed.rawValue || p.status == ProposalService.Status.interview.rawValue
                return ProposalRow(id: try p.requireID().uuidString, candidate: Pseudonymizer.display(p.candidate), jobService: p.jobService.name,
                                   targetGroup: scheme.label(of: TargetGroup(rawValue: p.targetGroupRaw) ?? .jobSeeker),
                                   established: Day(iso: p.establishedOn)?.dutch ?? p.establishedOn, profile: p.profile,
                                   status: ProposalService.Status(rawValue: p.status)?.dutchLabel ?? p.status, statusKey: p.status,
                                   interviewOn: p.interviewOn.flatMap(Day.init(iso:))?.dutch, declineReason: p.declineReason, open: open,
                                   pathHref: user.isJobService ? "/kandidaten/\(Pseudonymizer.display(p.candidate))" : nil)
            },
            isSupplier: isSupplier, canPropose: user.isJobService && user.role.matches && isOpen, fields: fields, errors: unplaced, isOpen: isOpen,
            contractHref: user.isJobService ? nil : PagePath.contract(contract.id!),
            blocks: v.blocks.map { .init(value: $0.rawValue, label: scheme.label(of: $0), selected: false) }), status: status)
    }

    func propose(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let v = try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: user, on: req.db)
        let form = try req.content.decode(ProposeForm.self)
        do {
            _ = try await ProposalService.propose(.init(bsn: form.bsn, clientNumber: form.clientNumber, targetGroup: form.targetGroup,
                                                        establishedOn: form.establishedOn, profile: form.profile),
                                                  to: v, by: user, today: req.platform.today(), platform: req.platform, on: req.db)
            req.session.data["flash"] = "De kandidaat is voorgedragen. De opdrachtnemer ziet de voordracht met het pseudoniem."
            return req.redirect(to: "/vacatures/\(try v.requireID())")
        } catch AppError.validation(let list) {
            var errors: [String: String] = [:]
            for e in list where errors[e.field] == nil { errors[e.field] = e.message }
            var kept = form
            kept.bsn = nil
            return try await render(req, form: kept, errors: errors, status: .unprocessableEntity)
        } catch AppError.conflict(let field, let message) {
            var kept = form
            kept.bsn = nil
            return try await render(req, form: kept, errors: [field ?? "bsn": message], status: .unprocessableEntity)
        }
    }

    func setStatus(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let v = try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: user, on: req.db)
        struct StatusForm: Content { var status: String? }
        let status = try req.content.decode(StatusForm.self).status
        _ = try await VacancyService.update(v, with: .init(status: status), by: user, on: req.db)
        req.session.data["flash"] = status == "closed" ? "De vacature is gesloten." : "De vacature staat weer open."
        return req.redirect(to: "/vacatures/\(try v.requireID())")
    }

    private func decided(_ req: Request, _ act: (ProposalModel, CurrentUser) async throws -> String) async throws -> Response {
        let user = try req.currentUser()
        let p = try await ProposalService.find(req.parameters.get("proposalId", as: UUID.self), for: user, on: req.db)
        do {
            req.session.data["flash"] = try await act(p, user)
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet gelukt: " + list.map(\.message).joined(separator: "; ") + "."
        } catch AppError.conflict(_, let message) {
            req.session.data["flash"] = "Niet gelukt: " + message + "."
        }
        return req.redirect(to: "/vacatures/\(p.$vacancy.id)")
    }

    struct InterviewForm: Content { var interviewOn: String? }
    struct AcceptForm: Content { var start: String?; var block: String? }
    struct DeclineForm: Content { var reason: String? }

    func interview(req: Request) async throws -> Response {
        let form = try req.content.decode(InterviewForm.self)
        return try await decided(req) { p, user in
            _ = try await ProposalService.planInterview(p, on: form.interviewOn, by: user, on: req.db)
            return "Het gesprek is gepland; werkgeversdienstverlening ziet de datum."
        }
    }

    func accept(req: Request) async throws -> Response {
        let form = try req.content.decode(AcceptForm.self)
        return try await decided(req) { p, user in
            let (_, placement) = try await ProposalService.accept(p, start: form.start, block: form.block, by: user, on: req.db)
            return "Aangenomen: de plaatsing \(Pseudonymizer.display(placement.candidate)) staat op de opdracht, met de doelgroep zoals vastgesteld."
        }
    }

    func decline(req: Request) async throws -> Response {
        let form = try req.content.decode(DeclineForm.self)
        return try await decided(req) { p, user in
            _ = try await ProposalService.decline(p, reason: form.reason, by: user, on: req.db)
            return "De voordracht is afgewezen; werkgeversdienstverlening ziet de reden."
        }
    }
}
