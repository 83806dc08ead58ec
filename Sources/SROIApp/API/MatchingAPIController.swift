import Fluent
import Foundation
import SROIDomain
import Vapor

struct VacancyDTO: Content {
    var id: UUID
    var contractId: UUID
    var contractTitle: String
    var title: String
    var tasks: String
    var hoursPerWeek: Double
    var place: String?
    var region: String
    var start: String
    var blocks: [String]
    var targetGroups: [String]
    var requirements: String?
    var contact: String
    /// open, filled or closed.
    var status: String
    var placementId: UUID?
    var createdAt: Date?
    var filledAt: Date?

    init(_ v: VacancyModel) throws {
        id = try v.requireID()
        contractId = v.$contract.id
        contractTitle = v.$contract.value?.title ?? ""
        title = v.title
        tasks = v.tasks
        hoursPerWeek = Double(v.hoursPerWeekHundredths) / 100
        place = v.place
        region = v.region
        start = v.startDate
        blocks = v.blocks.map(\.rawValue)
        targetGroups = v.targetGroups.map(\.rawValue)
        requirements = v.requirements
        contact = v.contact
        status = v.status
        placementId = v.placementID
        createdAt = v.createdAt
        filledAt = v.filledAt
    }
}

struct ProposalDTO: Content {
    var id: UUID
    var vacancyId: UUID
    var jobServiceId: UUID
    var jobServiceName: String
    /// The candidate's pseudonym as shown ("K-1A2B3C4D"); never a BSN or client number.
    var candidate: String
    var targetGroup: String
    var establishedOn: String
    var profile: String
    /// proposed, interview, accepted or declined.
    var status: String
    var interviewOn: String?
    var declineReason: String?
    var placementId: UUID?

    init(_ p: ProposalModel) throws {
        id = try p.requireID()
        vacancyId = p.$vacancy.id
        jobServiceId = p.$jobService.id
        jobServiceName = p.$jobService.value?.name ?? ""
        candidate = Pseudonymizer.display(p.candidate)
        targetGroup = p.targetGroupRaw
        establishedOn = p.establishedOn
        profile = p.profile
        status = p.status
        interviewOn = p.interviewOn
        declineReason = p.declineReason
        placementId = p.placementID
    }
}

struct PathStepDTO: Content {
    var placementId: UUID
    var block: String
    var rung: String
    var targetGroup: String
    var hoursPerWeek: Double
    var start: String
    var end: String?
    var outcome: String?
    var supplier: String
    var buyer: String
    var contract: String
    var targetGroupVerifiedBy: String?
    var progression: Bool
    var revolvingDoor: Bool

    init(_ s: CandidatePathService.Step) {
        placementId = s.placementID
        block = s.block
        rung = s.rung
        targetGroup = s.targetGroup
        hoursPerWeek = Double(s.hoursPerWeek.hundredths) / 100
        start = s.start.iso
        end = s.end?.iso
        outcome = s.outcome?.rawValue
        supplier = s.supplier
        buyer = s.buyer
        contract = s.contract
        targetGroupVerifiedBy = s.verifiedBy
        progression = s.progression
        revolvingDoor = s.revolvingDoor
    }
}

struct MatchingFiguresDTO: Content {
    struct Count: Content { var count: Int?; var display: String }
    var openVacancies: Int
    var vacancies: Int
    var proposals: Count
    var interviews: Count
    var placements: Count
    var averageDaysToFill: Int?
    var retained6: Count
    var eligible6: Count
    var retained12: Count
    var eligible12: Count

    init(_ f: MatchingFigures.Figures) {
        func c(_ n: PersonCount) -> Count { Count(count: n.value, display: n.display) }
        openVacancies = f.openVacancies
        vacancies = f.vacancies
        proposals = c(f.proposals)
        interviews = c(f.interviews)
        placements = c(f.placements)
        averageDaysToFill = f.averageDaysToFill
        retained6 = c(f.retention6.retained)
        eligible6 = c(f.retention6.eligible)
        retained12 = c(f.retention12.retained)
        eligible12 = c(f.retention12.eligible)
    }
}

/// Vacancies, proposals, the candidate's path and the matching figures (`/api/v1`).
struct MatchingAPIController: Sendable {
    struct VacancyRequest: Content {
        var contractId: UUID?
        var title: String?
        var tasks: String?
        var hoursPerWeek: Double?
        var place: String?
        var region: String?
        var start: String?
        var blocks: [String]?
        var targetGroups: [String]?
        var requirements: String?
        var contact: String?
        var potentialJobId: UUID?
        var status: String?

        var draft: VacancyService.Draft {
            .init(title: title, tasks: tasks, hoursPerWeek: hoursPerWeek.map { Hours(hundredths: PercentNumber.hundredths($0)) }, place: place,
                  region: region, start: start, blocks: blocks, targetGroups: targetGroups, requirements: requirements, contact: contact,
                  potentialJobID: potentialJobId, status: status)
        }
    }
    struct ProposalRequest: Content { var bsn: String?; var clientNumber: String?; var targetGroup: String?; var establishedOn: String?; var profile: String? }
    struct AcceptRequest: Content { var start: String?; var block: String? }
    struct DeclineRequest: Content { var reason: String? }
    struct InterviewRequest: Content { var interviewOn: String? }
    struct ListQuery: Content { var region: String?; var status: String?; var contractId: UUID? }

    func register(_ routes: any RoutesBuilder) {
        routes.post("vacancies", use: createVacancy)
        routes.get("vacancies", use: listVacancies)
        routes.get("vacancies", ":vacancyId", use: vacancy)
        routes.patch("vacancies", ":vacancyId", use: updateVacancy)
        routes.post("vacancies", ":vacancyId", "proposals", use: propose)
        routes.get("vacancies", ":vacancyId", "proposals", use: proposals)
        routes.post("proposals", ":proposalId", "accept", use: accept)
        routes.post("proposals", ":proposalId", "decline", use: decline)
        routes.post("proposals", ":proposalId", "interview", use: interview)
        routes.get("candidates", ":pseudonym", "path", use: path)
        routes.get("organisations", ":id", "matching", use: figures)
    }

    func createVacancy(req: Request) async throws -> Response {
        let body = try req.content.decode(VacancyRequest.self)
        let contract = try await Access.contract(body.contractId, for: try req.currentUser(), on: req.db)
        let v = try await VacancyService.create(body.draft, on: contract, by: try req.currentUser(), on: req.db)
        v.$contract.value = contract
        return try await VacancyDTO(v).encodeResponse(status: .created, for: req)
    }

    func listVacancies(req: Request) async throws -> [VacancyDTO] {
        let q = try req.query.decode(ListQuery.self)
        return try await VacancyService.visible(for: try req.currentUser(), filter: .init(region: q.region, status: q.status, contractID: q.contractId),
                                                on: req.db).map(VacancyDTO.init)
    }

    func vacancy(req: Request) async throws -> VacancyDTO {
        try VacancyDTO(try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: try req.currentUser(), on: req.db))
    }

    func updateVacancy(req: Request) async throws -> VacancyDTO {
        let v = try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: try req.currentUser(), on: req.db)
        return try VacancyDTO(try await VacancyService.update(v, with: try req.content.decode(VacancyRequest.self).draft, by: try req.currentUser(), on: req.db))
    }

    func propose(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let v = try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: user, on: req.db)
        let b = try req.content.decode(ProposalRequest.self)
        let p = try await ProposalService.propose(.init(bsn: b.bsn, clientNumber: b.clientNumber, targetGroup: b.targetGroup, establishedOn: b.establishedOn,
                                                        profile: b.profile), to: v, by: user, today: req.platform.today(), platform: req.platform, on: req.db)
        p.$jobService.value = try await OrganisationModel.find(user.organisationID, on: req.db)
        return try await ProposalDTO(p).encodeResponse(status: .created, for: req)
    }

    func proposals(req: Request) async throws -> [ProposalDTO] {
        let user = try req.currentUser()
        let v = try await VacancyService.find(req.parameters.get("vacancyId", as: UUID.self), for: user, on: req.db)
        return try await ProposalService.list(for: v, user: user, on: req.db).map(ProposalDTO.init)
    }

    private func proposal(_ req: Request) async throws -> ProposalModel {
        try await ProposalService.find(req.parameters.get("proposalId", as: UUID.self), for: try req.currentUser(), on: req.db)
    }

    func accept(req: Request) async throws -> Response {
        let b = try req.content.decode(AcceptRequest.self)
        let (p, placement) = try await ProposalService.accept(try await proposal(req), start: b.start, block: b.block, by: try req.currentUser(), on: req.db)
        struct Accepted: Content { var proposal: ProposalDTO; var placement: PlacementDTO }
        return try await Accepted(proposal: ProposalDTO(p), placement: PlacementDTO(placement)).encodeResponse(for: req)
    }

    func decline(req: Request) async throws -> ProposalDTO {
        try ProposalDTO(try await ProposalService.decline(try await proposal(req), reason: try req.content.decode(DeclineRequest.self).reason,
                                                          by: try req.currentUser(), on: req.db))
    }

    func interview(req: Request) async throws -> ProposalDTO {
        try ProposalDTO(try await ProposalService.planInterview(try await proposal(req), on: try req.content.decode(InterviewRequest.self).interviewOn,
                                                                by: try req.currentUser(), on: req.db))
    }

    /// The path of a candidate this job service proposed, by the pseudonym as shown ("K-1A2B3C4D") or in full.
    func path(req: Request) async throws -> [PathStepDTO] {
        let user = try req.currentUser()
        let pseudonym = try await CandidatePathService.pseudonym(shown: req.parameters.get("pseudonym") ?? "", for: user, on: req.db)
        return try await CandidatePathService.path(of: pseudonym, for: user, today: req.platform.today(), on: req.db).map(PathStepDTO.init)
    }

    func figures(req: Request) async throws -> MatchingFiguresDTO {
        MatchingFiguresDTO(try await MatchingFigures.of(try req.currentUser(), organisation: req.parameters.get("id", as: UUID.self) ?? UUID(),
                                                        today: req.platform.today(), on: req.db))
    }
}
