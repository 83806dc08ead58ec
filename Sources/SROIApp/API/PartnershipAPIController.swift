import Fluent
import Foundation
import SROIDomain
import Vapor

/// The brainstorm format and potential jobs of a contract, under /api/v1/contracts/{id}/.
struct PartnershipAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        c.get("brainstorms", use: brainstorms)
        c.post("brainstorms", use: saveBrainstorm)
        c.get("potential-jobs", use: jobs)
        c.post("potential-jobs", use: createJob)
        c.patch("potential-jobs", ":jobId", use: updateJob)
    }

    struct BrainstormDTO: Content {
        var id: UUID
        var version: Int
        var createdAt: Date?
        var situation: String
        var situationOther: String?
        var labourComponent: String
        var whoNeeded: String
        var willingness: String
        var desiredResults: String
        var policyFit: String
        var nextSteps: String

        init(_ b: BrainstormModel) {
            id = b.id!
            version = b.version
            createdAt = b.createdAt
            situation = b.situation
            situationOther = b.situationOther
            labourComponent = b.labourComponent
            whoNeeded = b.whoNeeded
            willingness = b.willingness
            desiredResults = b.desiredResults
            policyFit = b.policyFit
            nextSteps = b.nextSteps
        }
    }

    struct JobDTO: Content {
        var id: UUID
        var title: String
        var source: String
        var hoursPerWeek: Double?
        var status: String
        var placementId: UUID?
        var note: String?

        init(_ j: PotentialJobModel) {
            id = j.id!
            title = j.title
            source = j.source
            hoursPerWeek = j.hoursPerWeekHundredths.map { Double($0) / 100 }
            status = j.status
            placementId = j.placementID
            note = j.note
        }
    }

    struct JobRequest: Content {
        var title: String?
        var source: String?
        var hoursPerWeek: Double?
        var status: String?
        var placementId: UUID?
        var note: String?

        func draft(over job: PotentialJobModel?) -> PartnershipService.JobDraft {
            PartnershipService.JobDraft(
                title: title ?? job?.title, source: source ?? job?.source,
                hoursPerWeek: hoursPerWeek.map { Hours(hundredths: PercentNumber.hundredths($0)) } ?? job?.hoursPerWeekHundredths.map(Hours.init(hundredths:)),
                status: status ?? job?.status, placementId: placementId ?? job?.placementID, note: note ?? job?.note)
        }
    }

    func brainstorms(req: Request) async throws -> [BrainstormDTO] {
        let c = try await req.contract()
        try PartnershipService.requireBuyerReader(try req.currentUser(), for: c)
        return try await BrainstormModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$version, .descending).all().map(BrainstormDTO.init)
    }

    func saveBrainstorm(req: Request) async throws -> Response {
        let c = try await req.contract()
        let draft = try req.content.decode(PartnershipService.BrainstormDraft.self)
        let b = try await PartnershipService.saveBrainstorm(draft, for: c, by: try req.currentUser(), on: req.db)
        return try await BrainstormDTO(b).encodeResponse(status: .created, for: req)
    }

    func jobs(req: Request) async throws -> [JobDTO] {
        let c = try await req.contract()
        return try await PotentialJobModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$createdAt).all().map(JobDTO.init)
    }

    func createJob(req: Request) async throws -> Response {
        let c = try await req.contract()
        let body = try req.content.decode(JobRequest.self)
        let job = try await PartnershipService.saveJob(body.draft(over: nil), job: nil, for: c, by: try req.currentUser(), on: req.db)
        return try await JobDTO(job).encodeResponse(status: .created, for: req)
    }

    func updateJob(req: Request) async throws -> JobDTO {
        let c = try await req.contract()
        guard let id = req.parameters.get("jobId", as: UUID.self),
              let job = try await PotentialJobModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let body = try req.content.decode(JobRequest.self)
        return JobDTO(try await PartnershipService.saveJob(body.draft(over: job), job: job, for: c, by: try req.currentUser(), on: req.db))
    }
}
