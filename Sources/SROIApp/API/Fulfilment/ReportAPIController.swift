import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's reports: drafted and submitted by the supplier, decided per line by the buyer, answered per line.
struct ReportAPIController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("reports", use: reports)
        c.post("reports", use: createReport)
        c.get("reports", ":reportId", use: report)
        c.post("reports", ":reportId", "submit", use: submit)
        c.post("reports", ":reportId", "approve", use: approve)
        c.post("reports", ":reportId", "reject", use: reject)
        c.post("reports", ":reportId", "request-info", use: requestInfo)
        c.post("reports", ":reportId", "items", ":itemId", "answer", use: answerLine)
    }

    func reports(req: Request) async throws -> [ReportDTO] {
        let c = try await req.contract()
        var result: [ReportDTO] = []
        for r in try await ReportModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$periodStart).all() {
            result.append(try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db))
        }
        return result
    }

    func report(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        return try await ReportViews.dto(try await report(req, of: c), contract: c, for: try req.currentUser(), on: req.db)
    }

    private func report(_ req: Request, of contract: ContractModel) async throws -> ReportModel {
        guard let id = req.parameters.get("reportId", as: UUID.self),
              let r = try await ReportModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == contract.requireID()).first()
        else { throw AppError.notFound }
        return r
    }

    func createReport(req: Request) async throws -> Response {
        let c = try await req.contract()
        let body = try req.content.decode(CreateReportRequest.self)
        var errors: [FieldError] = []
        let start = Day(iso: body.periodStart), end = Day(iso: body.periodEnd)
        if start == nil { errors.append(.init(field: "periodStart", message: "verwacht een datum als JJJJ-MM-DD")) }
        if end == nil { errors.append(.init(field: "periodEnd", message: "verwacht een datum als JJJJ-MM-DD")) }
        guard errors.isEmpty, let start, let end else { throw AppError.validation(errors) }
        guard let period = Term(start: start, end: end) else {
            throw AppError.validation([.init(field: "periodEnd", message: "het einde van de periode ligt voor het begin")])
        }
        let r = try await ReportService.create(period: period, note: body.note, on: c, by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db).encodeResponse(status: .created, for: req)
    }

    struct DecisionRequest: Content {
        var comment: String?
        /// The lines to decide; all pending lines when left out.
        var itemIds: [UUID]?
        var note: String?
    }

    func submit(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try? req.content.decode(DecisionRequest.self)
        try await ReportService.submit(r, note: body?.note, on: c, by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    func approve(req: Request) async throws -> ReportDTO { try await decide(req, .approved) }
    func reject(req: Request) async throws -> ReportDTO { try await decide(req, .rejected) }

    private func decide(_ req: Request, _ decision: ReportService.Decision) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try req.content.decode(DecisionRequest.self)
        try await ReportService.decide(decision, items: body.itemIds, comment: body.comment, report: r, on: c,
                                       by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    struct AnswerRequest: Content { var text: String?; var evidenceId: UUID?; var reoffer: Bool? }

    /// The supplier answers a rejected line (or any line when more information is asked), and may offer it again.
    func answerLine(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try req.content.decode(AnswerRequest.self)
        _ = try await ReportLineThread.answer(.init(text: body.text, evidenceID: body.evidenceId, reoffer: body.reoffer ?? false),
                                              itemID: req.parameters.get("itemId", as: UUID.self), report: r, contract: c,
                                              by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    func requestInfo(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try req.content.decode(ReviewRequest.self)
        try await ReportService.requestInformation(r, comment: body.comment, on: c, by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }
}
