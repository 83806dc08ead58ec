import Fluent
import Foundation
import SROIDomain

/// The action plan (step 1d) and the conversations with the supplier (step 2Bb, table 2, step 4a).
enum ActionPlanService {
    /// The roles of the working group (appendix II).
    static let roles: [(String, String)] = [
        ("project_coordinator", "projectcoördinator"), ("hr_expert", "HR-deskundige"), ("purchasing_expert", "inkoopdeskundige"),
        ("category_manager", "categoriemanager"), ("contract_manager", "contractmanager"), ("internal_client", "interne opdrachtgever"),
        ("sr_coordinator", "SR-coördinator"), ("supplier", "opdrachtnemer"),
    ]

    static func requirePlanEditor(_ user: CurrentUser) throws {
        guard user.isBuyer, user.role != .viewer else { throw AppError.forbidden("Alleen de werkgroep van de opdrachtgever werkt het actieplan bij.") }
    }

    /// The plan's goals (one text per organisation), with the old and new text in the audit log.
    @discardableResult
    static func saveGoals(_ goals: String, by user: CurrentUser, on db: any Database) async throws -> ActionPlanModel {
        try requirePlanEditor(user)
        let plan = try await ActionPlanModel.query(on: db).filter(\.$organisationID == user.organisationID).first() ?? ActionPlanModel()
        let before = plan.id == nil ? nil : plan.goals
        plan.organisationID = user.organisationID
        plan.goals = goals
        try await db.writeTransaction { db in
            try await plan.save(on: db)
            try await AuditLog.record(.update, objectType: "action_plan", objectID: plan.id, by: user, before: before, after: goals, on: db)
        }
        return plan
    }

    /// A member of the working group, with a role of appendix II.
    static func addMember(name: String, role: String, by user: CurrentUser, on db: any Database) async throws -> WorkingGroupMemberModel {
        try requirePlanEditor(user)
        var errors: [FieldError] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "name", message: "vul een naam in")) }
        if !roles.contains(where: { $0.0 == role }) { errors.append(.init(field: "role", message: "kies een rol uit bijlage II")) }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let m = WorkingGroupMemberModel()
        m.organisationID = user.organisationID
        m.name = name
        m.role = role
        try await db.writeTransaction { db in
            try await m.create(on: db)
            try await AuditLog.record(.create, objectType: "working_group_member", objectID: m.id, by: user, before: Optional<String>.none,
                                      after: ["name": name, "role": role], on: db)
        }
        return m
    }

    /// Marks an action of the user's organisation done, or open again; another organisation's action is not found.
    static func setDone(_ actionID: UUID?, done: Bool, by user: CurrentUser, on db: any Database) async throws {
        try requirePlanEditor(user)
        guard let actionID, let a = try await ActionItemModel.query(on: db).filter(\.$id == actionID)
            .filter(\.$organisationID == user.organisationID).first() else { throw AppError.notFound }
        let wasDone = a.doneAt != nil
        a.doneAt = done ? (a.doneAt ?? Date()) : nil
        try await db.writeTransaction { db in
            try await a.update(on: db)
            try await AuditLog.record(.update, objectType: "action", objectID: actionID, by: user, before: ["done": String(wasDone)],
                                      after: ["done": String(done)], on: db)
        }
    }

    /// An action with an owner of the user's own organisation.
    static func addAction(project: String, description: String, owner: UUID?, deadline: String, contractID: UUID?, by user: CurrentUser,
                          organisationID: UUID, on db: any Database) async throws -> ActionItemModel {
        try requirePlanEditor(user)
        if let contractID { _ = try await Access.contract(contractID, for: user, on: db) }
        var errors: [FieldError] = []
        if project.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "project", message: "bij welk doel of project hoort de actie?")) }
        if description.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "description", message: "beschrijf de actie SMART: wat, wie, wanneer")) }
        if Day(iso: deadline) == nil { errors.append(.init(field: "deadline", message: "verwacht een datum als JJJJ-MM-DD")) }
        if let owner, try await UserModel.query(on: db).filter(\.$id == owner).filter(\.$organisation.$id == organisationID).first() == nil {
            errors.append(.init(field: "ownerUserId", message: "de eigenaar moet een gebruiker van uw organisatie zijn"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let item = ActionItemModel()
        item.organisationID = organisationID
        item.contractID = contractID
        item.project = project
        item.summary = description
        item.ownerUserID = owner
        item.deadline = deadline
        item.createdBy = user.userID
        try await db.writeTransaction { db in
            try await item.create(on: db)
            try await AuditLog.record(.create, objectType: "action", objectID: item.id, by: user, before: Optional<String>.none,
                                      after: ["description": description, "deadline": deadline], about: organisationID, on: db)
        }
        return item
    }

    /// Actions past their deadline and not done, of this owner.
    static func overdue(for user: CurrentUser, today: Day, on db: any Database) async throws -> [ActionItemModel] {
        try await ActionItemModel.query(on: db).filter(\.$ownerUserID == user.userID).filter(\.$doneAt == nil)
            .filter(\.$deadline < today.iso).sort(\.$deadline).all()
    }

    // MARK: Meetings

    static let meetingKinds: [(String, String)] = [("first", "eerste gesprek"), ("second", "tweede gesprek"), ("progress", "voortgangsgesprek")]

    /// Agenda templates for the first and second meeting and the progress meeting (step 2Bb, table 2; step 4a).
    static func agenda(for kind: String) -> String {
        switch kind {
        case "first":
            return """
            1. Kennismaking en wederzijdse verwachtingen
            2. Wat betekent social return voor dit contract: de verplichting en de spelregels
            3. Welke taken en functies zijn geschikt? (personeelsschouw, nieuwe taken, stapelbanen)
            4. Welke partners hebben we nodig (WSP, UWV, gemeente, sociale onderneming)?
            5. Afspraken en vervolgstappen, wie doet wat
            """
        case "second":
            return """
            1. Terugblik op de afspraken van het eerste gesprek
            2. Uitgewerkte mogelijke banen en leerplekken
            3. Kandidaten en begeleiding (jobcoaching, opleiding)
            4. Planning en de rapportage in het platform
            5. Afspraken en vervolgstappen
            """
        default:
            return """
            1. Voortgang: gerealiseerd, verwacht en de prognose
            2. Geplaatste kandidaten: hoe gaat het, is het werk duurzaam?
            3. Knelpunten en oplossingen
            4. Nieuwe kansen (verlenging, extra taken, bundelen met andere opdrachtgevers)
            5. Afspraken en vervolgstappen
            """
        }
    }

    /// The most meetings one request plans: monthly for ten years.
    static let maximumSeries = 120

    /// Plans the first meeting, then progress meetings every `frequency` until the contract's end. The first date
    /// lies within the contract's term, and a series holds at most `maximumSeries` meetings.
    static func planSeries(for contract: ContractModel, frequency: MonitoringFrequency, from start: Day, by user: CurrentUser,
                           on db: any Database) async throws -> [MeetingModel] {
        guard let term = contract.term, term.start <= start, start <= term.end else {
            let span = contract.term.map { " (\($0.start.dutch) tot en met \($0.end.dutch))" } ?? ""
            throw AppError.validation([.init(field: "from", message: "de eerste datum moet binnen de looptijd van het contract vallen\(span)")])
        }
        var count = 0
        var probe = start
        while probe <= term.end {
            count += 1
            probe = start.adding(months: frequency.months * count)
        }
        guard count <= maximumSeries else {
            throw AppError.validation([.init(field: "frequency", message: "dit zouden \(count) gesprekken worden; plan er hoogstens \(maximumSeries) tegelijk (kies een lagere frequentie of een latere begindatum)")])
        }
        var meetings: [MeetingModel] = []
        var date = start
        var index = 0
        while date <= term.end {
            let m = MeetingModel()
            m.$contract.id = try contract.requireID()
            m.kind = index == 0 ? "first" : index == 1 ? "second" : "progress"
            m.plannedOn = date.iso
            m.agenda = agenda(for: m.kind)
            m.createdBy = user.userID
            meetings.append(m)
            index += 1
            date = start.adding(months: frequency.months * index)
        }
        let planned = meetings
        try await db.writeTransaction { db in
            for m in planned { try await m.create(on: db) }
            try await AuditLog.record(.create, objectType: "meetings", objectID: contract.id, by: user, before: Optional<String>.none,
                                      after: ["count": String(planned.count), "frequency": frequency.rawValue], about: contract.$buyer.id, on: db)
            try await EventNotifications.meetingsPlanned(planned, contract: contract, on: db)
        }
        return planned
    }
}
