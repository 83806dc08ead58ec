import Fluent
import Foundation
import SROIDomain
import Vapor

/// The action plan of a buyer, the meetings on a contract, and the tender annex.
struct ActionPlanAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("action-plan", use: plan)
        routes.put("action-plan", use: updateGoals)
        routes.post("action-plan", "members", use: addMember)
        routes.post("action-plan", "actions", use: addAction)
        routes.patch("action-plan", "actions", ":actionId", use: updateAction)
        let c = routes.grouped("contracts", ":id")
        c.get("meetings", use: meetings)
        c.post("meetings", "plan", use: planMeetings)
        c.patch("meetings", ":meetingId", use: updateMeeting)
        c.get("annex", use: annex)
    }

    struct PlanDTO: Content {
        struct Member: Content { var id: UUID; var name: String; var role: String }
        struct Action: Content {
            var id: UUID; var project: String; var description: String; var ownerUserId: UUID?; var deadline: String
            var contractId: UUID?; var done: Bool; var overdue: Bool
        }
        var goals: String
        var members: [Member]
        var actions: [Action]
    }

    static func planDTO(for user: CurrentUser, today: Day, on db: any Database) async throws -> PlanDTO {
        guard user.isBuyer else { throw AppError.forbidden("Het actieplan is er voor opdrachtgevers.") }
        let org = user.organisationID
        let goals = try await ActionPlanModel.query(on: db).filter(\.$organisationID == org).first()?.goals ?? ""
        let members = try await WorkingGroupMemberModel.query(on: db).filter(\.$organisationID == org).sort(\.$name).all()
        let actions = try await ActionItemModel.query(on: db).filter(\.$organisationID == org).sort(\.$deadline).all()
        return PlanDTO(goals: goals, members: members.map { .init(id: $0.id!, name: $0.name, role: $0.role) },
                       actions: actions.map { .init(id: $0.id!, project: $0.project, description: $0.summary, ownerUserId: $0.ownerUserID,
                                                    deadline: $0.deadline, contractId: $0.contractID, done: $0.doneAt != nil,
                                                    overdue: $0.doneAt == nil && $0.deadline < today.iso) })
    }

    func plan(req: Request) async throws -> PlanDTO {
        try await Self.planDTO(for: try req.currentUser(), today: req.platform.today(), on: req.db)
    }

    struct GoalsRequest: Content { var goals: String }

    func updateGoals(req: Request) async throws -> PlanDTO {
        let user = try req.currentUser()
        try await ActionPlanService.saveGoals(try req.content.decode(GoalsRequest.self).goals, by: user, on: req.db)
        return try await Self.planDTO(for: user, today: req.platform.today(), on: req.db)
    }

    struct MemberRequest: Content { var name: String; var role: String }

    func addMember(req: Request) async throws -> Response {
        let body = try req.content.decode(MemberRequest.self)
        let m = try await ActionPlanService.addMember(name: body.name, role: body.role, by: try req.currentUser(), on: req.db)
        return try await PlanDTO.Member(id: m.id!, name: m.name, role: m.role).encodeResponse(status: .created, for: req)
    }

    struct ActionRequest: Content {
        var project: String
        var description: String
        var ownerUserId: UUID?
        var deadline: String
        var contractId: UUID?
    }

    func addAction(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let b = try req.content.decode(ActionRequest.self)
        let a = try await ActionPlanService.addAction(project: b.project, description: b.description, owner: b.ownerUserId, deadline: b.deadline,
                                                      contractID: b.contractId, by: user, organisationID: user.organisationID, on: req.db)
        return try await PlanDTO.Action(id: a.id!, project: a.project, description: a.summary, ownerUserId: a.ownerUserID, deadline: a.deadline,
                                        contractId: a.contractID, done: false, overdue: a.deadline < req.platform.today().iso)
            .encodeResponse(status: .created, for: req)
    }

    struct ActionChange: Content { var done: Bool }

    func updateAction(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(ActionChange.self)
        try await ActionPlanService.setDone(req.parameters.get("actionId", as: UUID.self), done: body.done, by: try req.currentUser(), on: req.db)
        return .noContent
    }

    // MARK: Meetings

    struct MeetingDTO: Content {
        var id: UUID; var kind: String; var plannedOn: String; var agenda: String; var minutes: String?
        init(_ m: MeetingModel) { id = m.id!; kind = m.kind; plannedOn = m.plannedOn; agenda = m.agenda; minutes = m.minutes }
    }

    /// Both partners plan meetings and write minutes: the buyer's editors and the awarded supplier's reporters.
    static func requireMeetingEditor(_ user: CurrentUser, for c: ContractModel) throws {
        try PartnershipService.requireJobEditor(user, for: c)
    }

    func meetings(req: Request) async throws -> [MeetingDTO] {
        let c = try await req.contract()
        return try await MeetingModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$plannedOn).all().map(MeetingDTO.init)
    }

    struct PlanRequest: Content { var frequency: String; var from: String }

    func planMeetings(req: Request) async throws -> Response {
        let c = try await req.contract()
        let user = try req.currentUser()
        try Self.requireMeetingEditor(user, for: c)
        let b = try req.content.decode(PlanRequest.self)
        guard let frequency = MonitoringFrequency(rawValue: b.frequency) else {
            throw AppError.validation([.init(field: "frequency", message: "kies month, quarter of half_year")])
        }
        guard let from = Day(iso: b.from) else { throw AppError.validation([.init(field: "from", message: "verwacht een datum als JJJJ-MM-DD")]) }
        let planned = try await ActionPlanService.planSeries(for: c, frequency: frequency, from: from, by: user, on: req.db)
        return try await planned.map(MeetingDTO.init).encodeResponse(status: .created, for: req)
    }

    struct MeetingChange: Content { var minutes: String?; var agenda: String? }

    func updateMeeting(req: Request) async throws -> MeetingDTO {
        let c = try await req.contract()
        let user = try req.currentUser()
        try Self.requireMeetingEditor(user, for: c)
        guard let id = req.parameters.get("meetingId", as: UUID.self),
              let m = try await MeetingModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let body = try req.content.decode(MeetingChange.self)
        if let minutes = body.minutes { m.minutes = minutes }
        if let agenda = body.agenda { m.agenda = agenda }
        try await m.update(on: req.db)
        try await AuditLog.record(.update, objectType: "meeting", objectID: id, by: user, about: c.$buyer.id, on: req.db)
        return MeetingDTO(m)
    }

    // MARK: Annex

    func annex(req: Request) async throws -> Response {
        let c = try await req.contract()
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "leidraad-social-return.md")
        return Response(status: .ok, headers: headers, body: .init(string: try await TenderAnnexService.markdown(for: c, on: req.db)))
    }
}
