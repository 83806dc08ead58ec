import Fluent
import Foundation
import SROIDomain
import Vapor

struct BidDTO: Content {
    var id: UUID
    var contractId: UUID
    var supplierId: UUID
    var supplierName: String
    /// Cents, or jobs in thousandths, as `offerUnit` says.
    var offer: Int64
    var offerUnit: String
    var offerDisplay: String
    var plan: String

    init(_ b: BidModel, tender: ContractModel) throws {
        id = try b.requireID()
        contractId = b.$contract.id
        supplierId = b.$supplier.id
        supplierName = b.$supplier.value?.name ?? ""
        offer = b.offer
        offerUnit = BidService.unit(of: tender)
        offerDisplay = BidService.describe(b.offer, tender: tender)
        plan = b.plan
    }
}

struct RankingDTO: Content {
    struct Line: Content {
        var bidId: String
        var bidder: String
        var rank: Int
        var offerPoints: Double
        var planPoints: Double
        var totalPoints: Double
        var weightedPoints: Double
        var explanation: [String]
    }
    var complete: Bool
    var assessors: Int
    var assessorsDone: Int
    var weightPercent: Double
    var offerSharePercent: Double
    var criteria: [PlanCriterion]
    var ranking: [Line]
    /// The reader's own points per bid and criterion (an assessor before all have scored).
    var ownScores: [String: [String: Int]]

    init(_ r: TenderRanking.Ranking) {
        complete = r.complete
        assessors = r.assessors
        assessorsDone = r.assessorsDone
        weightPercent = PercentNumber.number(r.weight)
        offerSharePercent = PercentNumber.number(r.offerShare)
        criteria = r.criteria
        ranking = r.results.map {
            Line(bidId: $0.id, bidder: $0.bidder, rank: $0.rank, offerPoints: Double($0.offerPoints) / 100, planPoints: Double($0.planPoints) / 100,
                 totalPoints: Double($0.total) / 100, weightedPoints: Double($0.weighted) / 100, explanation: $0.explanation)
        }
        ownScores = Dictionary(uniqueKeysWithValues: r.ownScores.map { ($0.key.uuidString, $0.value) })
    }
}

struct MarketConsultationDTO: Content {
    var contractId: UUID
    var title: String
    var buyerName: String
    var category: String
    var region: String?
    var publicationDate: String?
    /// How the buyer expects to ask for social return.
    var srAsk: String?
    var ideas: Int
}

/// Bids, scores, the ranking, the award on a bid, and market consultations (`/api/v1`).
struct TenderAPIController: Sendable {
    struct BidRequest: Content { var supplierId: UUID?; var offerCents: Int64?; var offerJobs: Double?; var plan: String? }
    struct ScoreRequest: Content { var points: [String: Int]?; var note: String? }
    struct IdeaRequest: Content { var text: String? }

    func register(_ routes: any RoutesBuilder) {
        routes.get("contracts", ":id", "bids", use: bids)
        routes.post("contracts", ":id", "bids", use: enter)
        routes.get("contracts", ":id", "ranking", use: ranking)
        routes.post("bids", ":bidId", "scores", use: score)
        routes.post("bids", ":bidId", "award", use: award)
        routes.get("bids", ":bidId", "attachments", use: attachments)
        routes.on(.POST, "bids", ":bidId", "attachments", body: .collect(maxSize: "21mb"), use: attach)
        routes.get("bids", ":bidId", "attachments", ":attachmentId", use: download)
        routes.get("market-consultations", use: consultations)
        routes.post("market-consultations", ":id", "ideas", use: idea)
    }

    private func tender(_ req: Request) async throws -> ContractModel {
        try await BidService.tender(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
    }

    func bids(req: Request) async throws -> [BidDTO] {
        let t = try await tender(req)
        return try await BidService.list(for: t, user: try req.currentUser(), on: req.db).map { try BidDTO($0, tender: t) }
    }

    func enter(req: Request) async throws -> Response {
        let t = try await tender(req)
        let b = try req.content.decode(BidRequest.self)
        // Jobs in thousandths; a number beyond any real offer (1e308) is clamped so the check refuses it by name.
        let offer = BidService.unit(of: t) == "jobs" ? b.offerJobs.map { PercentNumber.hundredths($0) * 10 } : b.offerCents
        let bid = try await BidService.enter(.init(supplierID: b.supplierId, offer: offer, plan: b.plan), on: t, by: try req.currentUser(),
                                             today: req.platform.today(), on: req.db)
        bid.$supplier.value = try await OrganisationModel.find(bid.$supplier.id, on: req.db)
        return try await BidDTO(bid, tender: t).encodeResponse(status: .created, for: req)
    }

    func ranking(req: Request) async throws -> RankingDTO {
        RankingDTO(try await TenderRanking.ranking(of: try await tender(req), for: try req.currentUser(), on: req.db))
    }

    func score(req: Request) async throws -> RankingDTO {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(ScoreRequest.self)
        try await BidService.score(bid, of: t, points: body.points ?? [:], note: body.note, by: user, on: req.db)
        return RankingDTO(try await TenderRanking.ranking(of: t, for: user, on: req.db))
    }

    func award(req: Request) async throws -> ContractDTO {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        try await TenderRanking.award(bid, of: t, by: user, today: req.platform.today(), on: req.db)
        return try ContractDTO(t, obligation: try await ObligationService.obligation(for: t, on: req.db))
    }

    struct AttachmentDTO: Content {
        var id: UUID
        var filename: String
        var size: Int64
        var sha256: String
        var uploadedAt: Date?
        init(_ a: BidAttachmentModel) throws {
            id = try a.requireID()
            filename = a.filename
            size = a.size
            sha256 = a.sha256
            uploadedAt = a.uploadedAt
        }
    }
    struct AttachmentUpload: Content { var file: File }

    func attachments(req: Request) async throws -> [AttachmentDTO] {
        let (bid, _) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: try req.currentUser(), on: req.db)
        return try await BidAttachments.list(of: bid, on: req.db).map(AttachmentDTO.init)
    }

    func attach(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        let upload = try req.content.decode(AttachmentUpload.self)
        let a = try await BidAttachments.attach(upload.file.data, filename: upload.file.filename, to: bid, of: t, by: user, today: req.platform.today(),
                                                directory: req.platform.configuration.evidenceDirectory, on: req.db)
        return try await AttachmentDTO(a).encodeResponse(status: .created, for: req)
    }

    func download(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        return try await BidAttachments.download(req.parameters.get("attachmentId", as: UUID.self), of: bid, tender: t, by: user,
                                                 directory: req.platform.configuration.evidenceDirectory, on: req.db)
    }

    func consultations(req: Request) async throws -> [MarketConsultationDTO] {
        try await MarketConsultationService.list(for: try req.currentUser(), on: req.db).map { c in
            MarketConsultationDTO(contractId: try c.contract.requireID(), title: c.contract.title, buyerName: c.buyerName, category: c.category,
                                  region: c.contract.region, publicationDate: c.contract.publicationDate, srAsk: c.contract.srAskRaw, ideas: c.ideas)
        }
    }

    func idea(req: Request) async throws -> HTTPStatus {
        _ = try await MarketConsultationService.sendIdea(try req.content.decode(IdeaRequest.self).text, to: req.parameters.get("id", as: UUID.self),
                                                        by: try req.currentUser(), on: req.db)
        return .created
    }
}
