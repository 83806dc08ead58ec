import Fluent
import Foundation
import SROIDomain
import Vapor

/// The action plan page, the meetings of a contract, and the tender annex page.
struct ActionPlanWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("action-plan", use: page)
        routes.post("action-plan", "goals", use: goals)
        routes.post("action-plan", "members", use: member)
        routes.post("action-plan", "actions", use: action)
        routes.post("action-plan", "actions", ":actionId", "done", use: done)
        let c = routes.grouped("contracts", ":id")
        c.post("meetings", "plan", use: planMeetings)
        c.get("meetings", ":meetingId", use: meeting)
        c.post("meetings", ":meetingId", use: saveMinutes)
        c.get("annex", use: annex)
        for format in DocumentDownload.Format.allCases {
            c.get("annex.\(format.rawValue)") { req async throws in try await self.annexFile(req, format: format) }
        }
    }

    struct Page: Encodable {
        struct Member: Encodable { var name: String; var role: String }
        struct Action: Encodable { var id: String; var project: String; var description: String; var owner: String; var deadline: String; var done: Bool; var overdue: Bool }
        var layout: Layout
        var canEdit: Bool
        var goals: String
        var members: [Member]
        var actions: [Action]
        var roles: [FormField.Option]
        var users: [FormField.Option]
    }

    func page(req: Request) async throws -> View {
        let user = try req.currentUser()
        let plan = try await ActionPlanAPIController.planDTO(for: user, today: req.platform.today(), on: req.db)
        let users = try await UserModel.query(on: req.db).filter(\.$organisation.$id == user.organisationID).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.name) })
        let roleLabels = Dictionary(uniqueKeysWithValues: ActionPlanService.roles)
        return try await req.view.render("action-plan", Page(
            layout: Layout(request: req, active: "action-plan"), canEdit: (try? ActionPlanService.requirePlanEditor(user)) != nil, goals: plan.goals,
            members: plan.members.map { .init(name: $0.name, role: roleLabels[$0.role] ?? $0.role) },
            actions: plan.actions.map { .init(id: $0.id.uuidString, project: $0.project, description: $0.description,
                                              owner: $0.ownerUserId.flatMap { names[$0] } ?? "-", deadline: Day(iso: $0.deadline)?.dutch ?? $0.deadline,
                                              done: $0.done, overdue: $0.overdue) },
            roles: ActionPlanService.roles.map { .init(value: $0.0, label: $0.1, selected: false) },
            users: users.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id == user.userID) }))
    }

    struct GoalsForm: Content { var goals: String? }
    struct MemberForm: Content { var name: String?; var role: String? }
    struct ActionForm: Content { var project: String?; var description: String?; var ownerUserId: String?; var deadline: String? }

    private func back(_ req: Request, _ message: String) -> Response {
        req.session.data["flash"] = message
        return req.redirect(to: "/action-plan")
    }

    func goals(req: Request) async throws -> Response {
        try await ActionPlanService.saveGoals(try req.content.decode(GoalsForm.self).goals ?? "", by: try req.currentUser(), on: req.db)
        return back(req, "De doelen zijn opgeslagen.")
    }

    func member(req: Request) async throws -> Response {
        let form = try req.content.decode(MemberForm.self)
        do {
            let m = try await ActionPlanService.addMember(name: form.name ?? "", role: form.role ?? "", by: try req.currentUser(), on: req.db)
            return back(req, "\(m.name) is toegevoegd aan de werkgroep.")
        } catch AppError.validation(let list) {
            return back(req, "Niet toegevoegd: " + list.map(\.message).joined(separator: "; ") + ".")
        }
    }

    func action(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let f = try req.content.decode(ActionForm.self)
        do {
            _ = try await ActionPlanService.addAction(project: f.project ?? "", description: f.description ?? "", owner: f.ownerUserId.flatMap(UUID.init(uuidString:)),
                                                      deadline: f.deadline ?? "", contractID: nil, by: user, organisationID: user.organisationID, on: req.db)
            return back(req, "De actie is toegevoegd.")
        } catch AppError.validation(let list) {
            return back(req, "Niet toegevoegd: " + list.map(\.message).joined(separator: "; ") + ".")
        }
    }

    func done(req: Request) async throws -> Response {
        try await ActionPlanService.setDone(req.parameters.get("actionId", as: UUID.self), done: true, by: try req.currentUser(), on: req.db)
        return back(req, "De actie is afgerond.")
    }

    // MARK: Meetings

    struct PlanForm: Content { var frequency: String?; var from: String? }

    func planMeetings(req: Request) async throws -> Response {
        let c = try await req.contract()
        let user = try req.currentUser()
        try ActionPlanAPIController.requireMeetingEditor(user, for: c)
        let f = try req.content.decode(PlanForm.self)
        if let frequency = f.frequency.flatMap(MonitoringFrequency.init(rawValue:)), let from = f.from.flatMap(Day.init(iso:)) {
            do {
                let planned = try await ActionPlanService.planSeries(for: c, frequency: frequency, from: from, by: user, on: req.db)
                req.session.data["flash"] = "\(planned.count) gesprekken gepland."
            } catch AppError.validation(let list) {
                req.session.data["flash"] = "Niet gepland: " + list.map(\.message).joined(separator: "; ") + "."
            }
        } else {
            req.session.data["flash"] = "Niet gepland: kies een frequentie en een eerste datum."
        }
        return req.redirect(to: PagePath.contract(c.id!) + "#gesprekken")
    }

    struct MeetingPage: Encodable {
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var kind: String
        var date: String
        var agenda: String
        var minutes: String
        var canEdit: Bool
        var action: String
    }

    func meeting(req: Request) async throws -> View {
        let c = try await req.contract()
        guard let id = req.parameters.get("meetingId", as: UUID.self),
              let m = try await MeetingModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let kinds = Dictionary(uniqueKeysWithValues: ActionPlanService.meetingKinds)
        return try await req.view.render("meeting", MeetingPage(
            layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: PagePath.contract(c.id!),
            kind: (kinds[m.kind] ?? m.kind).prefix(1).uppercased() + (kinds[m.kind] ?? m.kind).dropFirst(), date: Day(iso: m.plannedOn)?.dutch ?? m.plannedOn, agenda: m.agenda, minutes: m.minutes ?? "",
            canEdit: (try? ActionPlanAPIController.requireMeetingEditor(try req.currentUser(), for: c)) != nil,
            action: PagePath.meeting(c.id!, id)))
    }

    struct MinutesForm: Content { var minutes: String? }

    func saveMinutes(req: Request) async throws -> Response {
        let c = try await req.contract()
        let user = try req.currentUser()
        try ActionPlanAPIController.requireMeetingEditor(user, for: c)
        guard let id = req.parameters.get("meetingId", as: UUID.self),
              let m = try await MeetingModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        m.minutes = try req.content.decode(MinutesForm.self).minutes
        try await m.update(on: req.db)
        try await AuditLog.record(.update, objectType: "meeting", objectID: id, by: user, about: c.$buyer.id, on: req.db)
        req.session.data["flash"] = "Het verslag is opgeslagen."
        return req.redirect(to: PagePath.meeting(c.id!, id))
    }

    struct AnnexPage: Encodable { var layout: Layout; var contractTitle: String; var contractHref: String; var html: String }

    func annex(req: Request) async throws -> View {
        let c = try await req.contract()
        return try await req.view.render("annex", AnnexPage(layout: Layout(request: req, active: "contracts"), contractTitle: c.title,
                                                            contractHref: PagePath.contract(c.id!),
                                                            html: MarkdownDocument.html(try await TenderAnnexService.markdown(for: c, on: req.db))))
    }

    /// The annex as a file: `annex.md`, `annex.html` or `annex.docx`.
    func annexFile(_ req: Request, format: DocumentDownload.Format) async throws -> Response {
        let c = try await req.contract()
        return try DocumentDownload.response(try await TenderAnnexService.markdown(for: c, on: req.db), title: "Leidraad social return – \(c.title)",
                                             filename: "leidraad-social-return", format: format)
    }
}

/// The meetings part of a contract page.
struct MeetingsOverview: Encodable {
    struct Row: Encodable { var href: String; var kind: String; var date: String; var hasMinutes: Bool }
    var rows: [Row]
    var canPlan: Bool

    static func make(for c: ContractModel, user: CurrentUser, on db: any Database) async throws -> MeetingsOverview {
        let kinds = Dictionary(uniqueKeysWithValues: ActionPlanService.meetingKinds)
        let meetings = try await MeetingModel.query(on: db).filter(\.$contract.$id == c.requireID()).sort(\.$plannedOn).all()
        return MeetingsOverview(rows: meetings.map { .init(href: PagePath.meeting(c.id!, $0.id!), kind: kinds[$0.kind] ?? $0.kind,
                                                           date: Day(iso: $0.plannedOn)?.dutch ?? $0.plannedOn, hasMinutes: !($0.minutes ?? "").isEmpty) },
                                canPlan: meetings.isEmpty && (try? ActionPlanAPIController.requireMeetingEditor(user, for: c)) != nil)
    }
}
