import Fluent
import Foundation
import SROIDomain

/// A job service proposes a candidate for a vacancy; the supplier plans an interview, accepts or declines. Accepting
/// creates the placement on the vacancy's contract with the target group as verified by that job service, and fills
/// the vacancy. The candidate is only ever a pseudonym: of the BSN (the same everywhere, so the person's placements
/// link up) or of the job service's client number.
enum ProposalService {
    enum Status: String, Sendable {
        case proposed, interview, accepted, declined
        var dutchLabel: String {
            switch self {
            case .proposed: "voorgedragen"
            case .interview: "gesprek gepland"
            case .accepted: "aangenomen"
            case .declined: "afgewezen"
            }
        }
    }

    struct Draft: Sendable {
        var bsn: String?
        /// The job service's own client number, when it does not enter a BSN.
        var clientNumber: String?
        var targetGroup: String?
        /// The day the job service established the target group.
        var establishedOn: String?
        var profile: String?
    }

    static func requireMatcher(_ user: CurrentUser) throws {
        guard user.isJobService, user.role.matches else {
            throw AppError.forbidden("Alleen een accountmanager of coördinator van werkgeversdienstverlening draagt kandidaten voor.")
        }
    }

    static func propose(_ d: Draft, to vacancy: VacancyModel, by user: CurrentUser, today: Day, platform: Platform, on db: any Database) async throws -> ProposalModel {
        try requireMatcher(user)
        guard vacancy.status == VacancyService.Status.open.rawValue else {
            throw AppError.conflict(field: nil, message: "Deze vacature is niet meer open.")
        }
        let contract = try await vacancy.$contract.get(on: db)
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        var errors: [FieldError] = []
        var pseudonym: String?
        let hasBSN = !(d.bsn ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        switch Pseudonymizer.identifier(bsn: hasBSN ? d.bsn : nil, reference: hasBSN ? nil : d.clientNumber, supplier: user.organisationID.uuidString) {
        case .success(let identifier): pseudonym = platform.pseudonymizer.pseudonym(for: identifier)
        case .failure(let error):
            errors.append(error.field == "reference" ? .init(field: "clientNumber", message: error.message.replacingOccurrences(of: "referentie", with: "klantnummer")) : error)
        }
        let group = d.targetGroup.flatMap { scheme.targetGroup(parsing: $0) }
        if group == nil { errors.append(.init(field: "targetGroup", message: "kies de doelgroep die u hebt vastgesteld: " + scheme.targetGroups.map(\.rawValue).joined(separator: ", "))) }
        if let group, !vacancy.targetGroups.isEmpty, !vacancy.targetGroups.contains(group) {
            errors.append(.init(field: "targetGroup", message: "deze vacature is voor " + vacancy.targetGroups.map(scheme.label(of:)).joined(separator: ", ")))
        }
        let established = d.establishedOn.flatMap(Day.init(iso:))
        if established == nil { errors.append(.init(field: "establishedOn", message: "op welke dag is de doelgroep vastgesteld (JJJJ-MM-DD)?")) }
        if let established, established > today { errors.append(.init(field: "establishedOn", message: "de datum ligt in de toekomst")) }
        let profile = d.profile?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if profile.isEmpty || profile.count > 1_000 {
            errors.append(.init(field: "profile", message: "beschrijf de kandidaat kort, zonder naam of contactgegevens (hoogstens 1.000 tekens)"))
        }
        for problem in PersonalDataCheck.problems(in: profile) {
            errors.append(.init(field: "profile", message: problem + "; het profiel bevat geen naam of contactgegevens"))
        }
        guard errors.isEmpty, let pseudonym, let group, let established else { throw AppError.validation(errors) }
        let vacancyID = try vacancy.requireID()
        if try await ProposalModel.query(on: db).filter(\.$vacancy.$id == vacancyID).filter(\.$candidate == pseudonym)
            .filter(\.$status != Status.declined.rawValue).first() != nil {
            throw AppError.conflict(field: hasBSN ? "bsn" : "clientNumber", message: "deze kandidaat is al voorgedragen voor deze vacature")
        }
        let p = ProposalModel()
        p.$vacancy.id = vacancyID
        p.$jobService.id = user.organisationID
        p.candidate = pseudonym
        p.targetGroupRaw = group.rawValue
        p.establishedOn = established.iso
        p.profile = profile
        p.status = Status.proposed.rawValue
        p.createdBy = user.userID
        try await db.writeTransaction { db in
            try await p.create(on: db)
            try await AuditLog.record(.create, objectType: "proposal", objectID: p.id, by: user, before: Optional<String>.none,
                                      after: ["vacancy": vacancy.title, "candidate": Pseudonymizer.display(pseudonym), "targetGroup": group.rawValue],
                                      about: contract.$buyer.id, on: db)
            try await EventNotifications.candidateProposed(vacancy, by: user, on: db)
        }
        return p
    }

    /// The proposals of a vacancy the user may see: all for the supplier and administrators, its own for a job service.
    static func list(for vacancy: VacancyModel, user: CurrentUser, on db: any Database) async throws -> [ProposalModel] {
        let q = ProposalModel.query(on: db).filter(\.$vacancy.$id == (try vacancy.requireID())).with(\.$jobService).sort(\.$createdAt)
        let supplier = (try? await requireSupplier(user, of: vacancy, on: db)) != nil
        if user.isAdministrator || supplier { return try await q.all() }
        if user.isJobService { return try await q.filter(\.$jobService.$id == user.organisationID).all() }
        return []
    }

    /// A proposal for whoever may act on it or see it; 404 otherwise.
    static func find(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> ProposalModel {
        guard let id, let p = try await ProposalModel.query(on: db).filter(\.$id == id).with(\.$vacancy).with(\.$jobService).first() else {
            throw AppError.notFound
        }
        let vacancy = try await VacancyService.find(p.$vacancy.id, for: user, on: db)
        let supplier = (try? await requireSupplier(user, of: vacancy, on: db)) != nil
        guard user.isAdministrator || supplier || (user.isJobService && p.$jobService.id == user.organisationID) else { throw AppError.notFound }
        return p
    }

    static func requireSupplier(_ user: CurrentUser, of vacancy: VacancyModel, on db: any Database) async throws {
        let contract = try await vacancy.$contract.get(on: db)
        try FulfilmentAccess.requireReporter(user, for: contract)
    }

    static func planInterview(_ p: ProposalModel, on day: String?, by user: CurrentUser, on db: any Database) async throws -> ProposalModel {
        try await requireSupplier(user, of: p.vacancy, on: db)
        try requireOpen(p)
        guard let when = day.flatMap(Day.init(iso:)) else { throw AppError.validation([.init(field: "interviewOn", message: "verwacht de datum van het gesprek als JJJJ-MM-DD")]) }
        p.status = Status.interview.rawValue
        p.interviewOn = when.iso
        try await save(p, by: user, change: ["status": p.status, "interviewOn": when.iso], on: db)
        try await EventNotifications.proposalDecided(p, vacancy: p.vacancy, what: "een gesprek gepland op \(when.dutch)", on: db)
        return p
    }

    static func decline(_ p: ProposalModel, reason: String?, by user: CurrentUser, on db: any Database) async throws -> ProposalModel {
        try await requireSupplier(user, of: p.vacancy, on: db)
        try requireOpen(p)
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !why.isEmpty, why.count <= 500 else {
            throw AppError.validation([.init(field: "reason", message: "geef de werkgeversdienstverlening een reden (hoogstens 500 tekens)")])
        }
        p.status = Status.declined.rawValue
        p.declineReason = why
        p.decidedAt = Date()
        p.decidedBy = user.userID
        try await save(p, by: user, change: ["status": p.status, "reason": why], on: db)
        try await EventNotifications.proposalDecided(p, vacancy: p.vacancy, what: "afgewezen", on: db)
        return p
    }

    /// Accepts: the placement on the vacancy's contract (the vacancy's hours, the given start or the vacancy's, the given
    /// block or the vacancy's first) with the target group verified by the job service; the vacancy is filled.
    static func accept(_ p: ProposalModel, start: String?, block: String?, by user: CurrentUser, on db: any Database) async throws -> (ProposalModel, PlacementModel) {
        let vacancy = p.vacancy
        try await requireSupplier(user, of: vacancy, on: db)
        try requireOpen(p)
        let contract = try await vacancy.$contract.get(on: db)
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        let chosen = block.flatMap { $0.isEmpty ? nil : scheme.buildingBlock(parsing: $0) } ?? vacancy.blocks.first ?? .employment
        let draft = PlacementDraft(reference: nil, bsn: nil, block: chosen.rawValue, targetGroup: p.targetGroupRaw, apprenticeshipLevel: nil,
                                   hoursPerWeek: Hours(hundredths: vacancy.hoursPerWeekHundredths),
                                   start: (start ?? "").isEmpty ? vacancy.startDate : start, end: nil, employmentKind: "temporary",
                                   doelgroepregister: nil, bonuses: [], evidence: "voorgedragen door werkgeversdienstverlening")
        let errors = draft.problems(contractTerm: contract.term, scheme: scheme)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let verification = PlacementService.Verification(jobServiceID: p.$jobService.id, on: Day(iso: p.establishedOn)!, vacancyID: try vacancy.requireID())
        let proposalID = try p.requireID()
        let userID = user.userID
        let placement = try await PlacementService.insert(draft, pseudonym: p.candidate, scheme: scheme, verification: verification, on: contract,
                                                          by: user, on: db) { db, pid in
            // In the placement's transaction: the proposal accepted and the vacancy filled, or nothing.
            guard let accepted = try await ProposalModel.find(proposalID, on: db), let filled = try await VacancyModel.find(verification.vacancyID, on: db) else {
                throw AppError.notFound
            }
            accepted.status = Status.accepted.rawValue
            accepted.decidedAt = Date()
            accepted.decidedBy = userID
            accepted.placementID = pid
            filled.status = VacancyService.Status.filled.rawValue
            filled.filledAt = Date()
            filled.placementID = pid
            try await accepted.update(on: db)
            try await filled.update(on: db)
            try await AuditLog.record(.approve, objectType: "proposal", objectID: proposalID, by: user, before: ["status": "proposed"],
                                      after: ["status": "accepted", "placement": pid.uuidString], about: contract.$buyer.id, on: db)
        }
        p.status = Status.accepted.rawValue
        p.placementID = placement.id
        try await EventNotifications.proposalDecided(p, vacancy: vacancy, what: "aangenomen", on: db)
        return (p, placement)
    }

    private static func requireOpen(_ p: ProposalModel) throws {
        guard p.status == Status.proposed.rawValue || p.status == Status.interview.rawValue else {
            throw AppError.conflict(field: nil, message: "over deze voordracht is al beslist (\(Status(rawValue: p.status)?.dutchLabel ?? p.status))")
        }
    }

    private static func save(_ p: ProposalModel, by user: CurrentUser, change: [String: String], on db: any Database) async throws {
        let buyer = try await p.vacancy.$contract.get(on: db).$buyer.id
        try await db.writeTransaction { db in
            try await p.update(on: db)
            try await AuditLog.record(.update, objectType: "proposal", objectID: p.id, by: user, before: Optional<String>.none, after: change,
                                      about: buyer, on: db)
        }
    }
}
