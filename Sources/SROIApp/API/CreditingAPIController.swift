import Fluent
import Foundation
import SROIDomain
import Vapor

/// One picture across contracts and buyers: transfers, joint tenders, stacked jobs, the social enterprise
/// register, shared regional policies and the supplier's account.
struct CreditingAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("transfers", use: transfers)
        routes.post("transfers", use: propose)
        routes.post("transfers", ":transferId", "accept", use: accept)
        routes.post("transfers", ":transferId", "decline", use: decline)
        routes.get("contracts", ":id", "participants", use: participants)
        routes.put("contracts", ":id", "participants", use: setParticipants)
        routes.get("stacked-jobs", use: stackedJobs)
        routes.get("stacked-jobs", "candidates", use: stackedJobCandidates)
        routes.post("stacked-jobs", use: createStackedJob)
        routes.get("social-enterprises", use: searchEnterprises)
        routes.post("social-enterprises", use: createEnterprise)
        routes.get("social-enterprises", "own", use: ownEnterprise)
        routes.put("social-enterprises", "own", use: saveOwnEnterprise)
        routes.get("social-enterprises", ":enterpriseId", use: enterprise)
        routes.patch("social-enterprises", ":enterpriseId", use: updateEnterprise)
        routes.get("social-enterprises", ":enterpriseId", "status-changes", use: statusChanges)
        routes.post("social-enterprises", ":enterpriseId", "status-changes", ":changeId", "approve", use: approveStatusChange)
        routes.post("social-enterprises", ":enterpriseId", "status-changes", ":changeId", "decline", use: declineStatusChange)
        routes.get("regional-policies", use: regionalPolicies)
        routes.put("organisations", ":id", "policy", "shared", use: sharePolicy)
        routes.post("organisations", ":id", "policy", "adopt", use: adoptPolicy)
        routes.get("organisations", ":id", "policy", "deviations", use: deviations)
        routes.get("suppliers", ":id", "account", use: supplierAccount)
    }

    // MARK: Transfers

    func transfers(req: Request) async throws -> [TransferDTO] {
        try await TransferService.list(for: try req.currentUser(), on: req.db).map(TransferDTO.init)
    }

    func propose(req: Request) async throws -> Response {
        let b = try req.content.decode(TransferRequest.self)
        let t = try await TransferService.propose(
            .init(sourceType: b.sourceType, sourceID: b.sourceId, targetContractID: b.targetContractId,
                  percentage: b.percentage.map { Percentage(basisPoints: PercentNumber.basisPoints($0)) }, amount: b.amountCents.map(Money.init(cents:)),
                  reason: b.reason), by: try req.currentUser(), today: req.platform.today(), on: req.db)
        try await t.$contract.load(on: req.db)
        return try await TransferDTO(t).encodeResponse(status: .created, for: req)
    }

    func accept(req: Request) async throws -> TransferDTO { try await decide(.accept, req) }
    func decline(req: Request) async throws -> TransferDTO { try await decide(.decline, req) }

    private func decide(_ d: TransferService.Decision, _ req: Request) async throws -> TransferDTO {
        let body = try? req.content.decode(DecisionRequest.self)
        return try TransferDTO(try await TransferService.decide(d, transferID: req.parameters.get("transferId", as: UUID.self), comment: body?.comment,
                                                              by: try req.currentUser(), today: req.platform.today(), on: req.db))
    }

    // MARK: Joint tenders

    func participants(req: Request) async throws -> [ParticipantDTO] {
        let c = try await JointTenderService.participatingContract(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        return try await JointTenderService.participants(of: c, on: req.db).map {
            ParticipantDTO(organisationId: $0.$organisation.id, organisationName: $0.organisation.name, valueCents: $0.valueCents)
        }
    }

    func setParticipants(req: Request) async throws -> [ParticipantDTO] {
        let user = try req.currentUser()
        let c = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(ParticipantsRequest.self)
        try await JointTenderService.setParticipants(body.participants.map { ($0.organisationId, $0.valueCents) }, on: c, by: user, on: req.db)
        return try await participants(req: req)
    }

    // MARK: Stacked jobs

    func stackedJobs(req: Request) async throws -> [StackedJobDTO] {
        try await StackedJobService.jobs(for: try req.currentUser(), on: req.db).map { job, parts in
            try StackedJobDTO(job, parts: parts)
        }
    }

    func stackedJobCandidates(req: Request) async throws -> [StackedJobCandidateDTO] {
        try await StackedJobService.candidates(for: try req.currentUser(), on: req.db).map {
            StackedJobCandidateDTO(candidate: Pseudonymizer.display($0.candidate), placements: $0.placements.map(PlacementDTO.init))
        }
    }

    func createStackedJob(req: Request) async throws -> Response {
        let body = try req.content.decode(StackedJobRequest.self)
        let user = try req.currentUser()
        let job = try await StackedJobService.create(title: body.title, placementIDs: body.placementIds, by: user, on: req.db)
        let parts = try await PlacementModel.query(on: req.db).filter(\.$stackedJobID == job.requireID()).all()
        return try await StackedJobDTO(job, parts: parts).encodeResponse(status: .created, for: req)
    }

    // MARK: Social enterprise register

    func searchEnterprises(req: Request) async throws -> [SocialEnterpriseDTO] {
        _ = try req.currentUser()
        let search = SocialEnterpriseRegister.Search(
            text: req.query["q"], region: req.query["region"], sector: req.query["sector"],
            article282: req.query["article282"].map { $0 == "true" || $0 == "1" },
            minimumStep: try req.query.get(String?.self, at: "minimumStatus").map { raw in
                guard let s = SocialEnterpriseStatus(rawValue: raw) else {
                    throw AppError.badRequest(field: "minimumStatus", message: "kies art_2_82, pso_highest, recognised of aspirant")
                }
                return s
            })
        return try await SocialEnterpriseRegister.search(search, on: req.db).map(SocialEnterpriseDTO.init)
    }

    private func enterpriseModel(_ req: Request) async throws -> SocialEnterpriseModel {
        _ = try req.currentUser()
        guard let id = req.parameters.get("enterpriseId", as: UUID.self), let e = try await SocialEnterpriseModel.find(id, on: req.db) else {
            throw AppError.notFound
        }
        return e
    }

    func enterprise(req: Request) async throws -> SocialEnterpriseDTO { try SocialEnterpriseDTO(try await enterpriseModel(req)) }

    func createEnterprise(req: Request) async throws -> Response {
        let body = try req.content.decode(SocialEnterpriseRequest.self)
        let e = try await SocialEnterpriseRegister.save(body.draft, existing: nil, by: try req.currentUser(), on: req.db).enterprise
        return try await SocialEnterpriseDTO(e).encodeResponse(status: .created, for: req)
    }

    /// 200 with the entry when the change is made; 202 with the entry and the proposal when a change of status of
    /// another organisation's entry waits for its decision.
    func updateEnterprise(req: Request) async throws -> Response {
        let existing = try await enterpriseModel(req)
        let body = try req.content.decode(SocialEnterpriseRequest.self)
        let outcome = try await SocialEnterpriseRegister.save(body.draft, existing: existing, by: try req.currentUser(), reason: body.reason, on: req.db)
        guard let proposal = outcome.proposal else { return try await SocialEnterpriseDTO(outcome.enterprise).encodeResponse(for: req) }
        return try await ProposedStatusChangeDTO(enterprise: SocialEnterpriseDTO(outcome.enterprise), statusChange: StatusChangeDTO(proposal))
            .encodeResponse(status: .accepted, for: req)
    }

    /// A social enterprise's own entry (404 before it made one).
    func ownEnterprise(req: Request) async throws -> SocialEnterpriseDTO {
        guard let entry = try await SocialEnterpriseRegister.ownEntry(of: try req.currentUser(), on: req.db).entry else { throw AppError.notFound }
        return try SocialEnterpriseDTO(entry)
    }

    /// The enterprise keeps its own entry: 200 when saved as it is; 202 with the proposal when a change of status waits
    /// for a buyer's coordinator or an administrator to verify it.
    func saveOwnEnterprise(req: Request) async throws -> Response {
        let body = try req.content.decode(SocialEnterpriseRequest.self)
        let outcome = try await SocialEnterpriseRegister.saveOwn(body.draft, by: try req.currentUser(), reason: body.reason, on: req.db)
        guard let proposal = outcome.proposal else { return try await SocialEnterpriseDTO(outcome.enterprise).encodeResponse(for: req) }
        return try await ProposedStatusChangeDTO(enterprise: SocialEnterpriseDTO(outcome.enterprise), statusChange: StatusChangeDTO(proposal))
            .encodeResponse(status: .accepted, for: req)
    }

    func statusChanges(req: Request) async throws -> [StatusChangeDTO] {
        try await SocialEnterpriseStatusChanges.list(for: try await enterpriseModel(req), on: req.db).map(StatusChangeDTO.init)
    }

    struct DecisionBody: Content { var comment: String? }

    func approveStatusChange(req: Request) async throws -> StatusChangeDTO { try await decideStatusChange(req, .approve) }
    func declineStatusChange(req: Request) async throws -> StatusChangeDTO { try await decideStatusChange(req, .decline) }

    private func decideStatusChange(_ req: Request, _ decision: SocialEnterpriseStatusChanges.Decision) async throws -> StatusChangeDTO {
        let e = try await enterpriseModel(req)
        let comment = req.body.data == nil ? nil : try req.content.decode(DecisionBody.self).comment
        return try StatusChangeDTO(try await SocialEnterpriseStatusChanges.decide(req.parameters.get("changeId", as: UUID.self), of: e, decision,
                                                                                 comment: comment, by: try req.currentUser(), on: req.db))
    }

    // MARK: Regional policy

    func regionalPolicies(req: Request) async throws -> [RegionalPolicyDTO] {
        _ = try req.currentUser()
        return try await RegionalPolicyService.shared(on: req.db).map {
            RegionalPolicyDTO(organisationId: try $0.0.requireID(), organisationName: $0.0.name, version: $0.1.number, name: try $0.1.policy().name)
        }
    }

    private func policyOwner(_ req: Request) async throws -> OrganisationModel {
        try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
    }

    func sharePolicy(req: Request) async throws -> RegionalPolicyDTO {
        let org = try await policyOwner(req)
        let body = try req.content.decode(ShareRequest.self)
        try await RegionalPolicyService.setShared(body.shared, organisation: org, by: try req.currentUser(), on: req.db)
        guard let v = try await PolicyStore.current(of: org.requireID(), on: req.db) else { throw AppError.notFound }
        return RegionalPolicyDTO(organisationId: try org.requireID(), organisationName: org.name, version: v.number, name: try v.policy().name)
    }

    func adoptPolicy(req: Request) async throws -> Response {
        let org = try await policyOwner(req)
        let body = try req.content.decode(AdoptRequest.self)
        let v = try await RegionalPolicyService.adopt(regionalID: body.regionalOrganisationId, for: org, note: body.note,
                                                      by: try req.currentUser(), on: req.db)
        return try await PolicyVersionDTO(v).encodeResponse(status: .created, for: req)
    }

    func deviations(req: Request) async throws -> DeviationsDTO {
        let org = try await policyOwner(req)
        guard let d = try await RegionalPolicyService.deviations(of: org.requireID(), on: req.db) else { return DeviationsDTO(basedOn: nil, deviations: []) }
        return DeviationsDTO(basedOn: RegionalPolicyDTO(organisationId: try d.regional.requireID(), organisationName: d.regional.name,
                                                        version: d.regionalVersion.number, name: try d.regionalVersion.policy().name),
                             deviations: d.deviations)
    }

    // MARK: Supplier's account

    func supplierAccount(req: Request) async throws -> SupplierAccountDTO {
        SupplierAccountDTO(try await SupplierAccountService.account(of: req.parameters.get("id", as: UUID.self), for: try req.currentUser(),
                                                                    today: req.platform.today(), on: req.db))
    }
}

/// Management information over the API: the dashboard (same filters as the page) and its tables as CSV or JSON;
/// the published figures of a buyer without login (open data).
struct DashboardAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("organisations", ":id", "dashboard", use: dashboard)
        routes.get("organisations", ":id", "dashboard", "tables", ":table", use: table)
    }

    func registerPublic(_ routes: any RoutesBuilder) {
        routes.get("public", "organisations", ":id", "figures", use: published)
    }

    private func load(_ req: Request) async throws -> Dashboard {
        let org = try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        return try await load(req, of: org, filter: try DashboardFilter.read(req.query, today: req.platform.today()))
    }

    private func load(_ req: Request, of org: OrganisationModel, filter: DashboardFilter) async throws -> Dashboard {
        return try await DashboardService.kept(organisation: try org.requireID(), filter: filter, today: req.platform.today(),
                                               cache: req.application.dashboardCache, on: req.db).1
    }

    /// Kept while nothing changes (`AnswerCache`), per filter.
    func dashboard(req: Request) async throws -> Response {
        let filter = try DashboardFilter.read(req.query, today: req.platform.today())
        return try await req.keptAnswer(dependingOn: filter.query) {
            let org = try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
            return DashboardDTO(try await load(req, of: org, filter: filter))
        }
    }

    func table(req: Request) async throws -> Response {
        let d = try await load(req)
        let key = req.parameters.get("table") ?? ""
        guard DashboardTables.keys.contains(key) else { throw AppError.notFound }
        let format = (try? req.query.get(String.self, at: "format")) ?? "csv"
        guard ["csv", "json"].contains(format) else { throw AppError.badRequest(field: "format", message: "kies csv of json") }
        try await AuditLog.record(.export, objectType: "dashboard", objectID: d.organisationID, by: try req.currentUser(), before: Optional<String>.none,
                                  after: ["table": key, "filter": d.filter.query], about: d.organisationID, on: req.db)
        return try await DashboardExport.file(d, table: key, format: format, for: req)
    }

    func published(req: Request) async throws -> PublishedFigures.OpenData {
        try await PublishedFigures.openData(req.parameters.get("id", as: UUID.self), year: try? req.query.get(Int.self, at: "year"),
                                            today: req.platform.today(), kept: req.application.dashboardCache, on: req.db)
    }
}
