import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's reports: the supplier drafts and submits, the buyer decides per line or asks more; evidence with it.
struct ReportWebController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.post("reports", use: createReport)
        c.get("reports", ":reportId", use: report)
        c.post("reports", ":reportId", "submit", use: submit)
        c.post("reports", ":reportId", "approve", use: approveAll)
        c.post("reports", ":reportId", "request-info", use: requestInfo)
        c.post("reports", ":reportId", "items", ":itemId", "decide", use: decideItem)
        c.post("reports", ":reportId", "evidence", use: uploadEvidence).upload(.reporters)
        c.get("evidence", ":evidenceId", use: downloadEvidence)
    }

    struct NewReportForm: Content {
        var period: String?
    }

    func createReport(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(NewReportForm.self)
        let parts = (form.period ?? "").split(separator: "/").map(String.init)
        guard parts.count == 2, let s = Day(iso: parts[0]), let e = Day(iso: parts[1]), let period = Term(start: s, end: e) else {
            throw AppError.validation([.init(field: "period", message: "kies een periode")])
        }
        let r = try await ReportService.create(period: period, note: nil, on: c, by: try req.currentUser(), on: req.db)
        return req.redirect(to: PagePath.report(c.id!, r.id!))
    }

    struct ReportPage: Encodable {
        struct Line: Encodable {
            var id: String; var block: String; var value: String; var explanation: String; var decision: String; var decisionLabel: String
            var comment: String?; var decidable: Bool
            /// The conversation on the line, and whether the supplier may answer (a rejected line, or more information asked).
            var thread: [ReportLineWebController.Step]; var answerable: Bool; var reofferable: Bool
        }
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var period: String
        var status: String
        var statusKey: String
        var supplierNote: String?
        var reviewComment: String?
        /// "Ingediend door Werkbedrijf De Brug, namens de opdrachtnemer" when a delegate submitted it.
        var submittedBy: String? = nil
        var lines: [Line]
        var total: String
        var approved: String
        var isDraft: Bool
        var canSubmit: Bool
        var canReview: Bool
        var base: String
        var showEvidence: Bool
        var evidence: [EvidenceRow]
        /// What the last submission changed, in words: the totals and one line per new, changed or removed line.
        var changes: [String] = []
        var changedTotals: String? = nil
    }

    struct EvidenceRow: Encodable { var href: String?; var filename: String; var size: String; var note: String }

    func report(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let user = try req.currentUser()
        let dto = try await ReportViews.dto(r, contract: c, for: user, on: req.db)
        let canReview = (try? FulfilmentAccess.requireReviewer(user, for: c)) != nil && r.status == .submitted
        let reporter = (try? FulfilmentAccess.requireReporter(user, for: c)) != nil
        let scheme = try await ObligationService.scheme(for: c, on: req.db)
        let page = ReportPage(
            layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: PagePath.contract(c.id!),
            period: r.period.map { "\($0.start.dutch) – \($0.end.dutch)" } ?? "", status: r.status.dutchLabel, statusKey: r.statusRaw,
            supplierNote: r.supplierNote, reviewComment: r.reviewComment,
            lines: dto.items.map { i in
                .init(id: i.id?.uuidString ?? "", block: scheme.label(of: BuildingBlock(stored: i.block)), value: Money(cents: i.valueCents).description,
                      explanation: i.explanation, decision: i.decision, decisionLabel: r.status == .draft ? "concept" : LineDecision(rawValue: i.decision)?.dutchLabel ?? i.decision,
                      comment: i.comment, decidable: canReview && i.decision == LineDecision.pending.rawValue,
                      thread: (i.thread ?? []).map(ReportLineWebController.Step.init),
                      answerable: reporter && r.status != .draft && (i.decision == LineDecision.rejected.rawValue || r.status == .infoRequested),
                      reofferable: reporter && i.decision == LineDecision.rejected.rawValue)
            },
            total: Money(cents: dto.totalCents).description, approved: Money(cents: dto.approvedCents).description,
            isDraft: r.status == .draft, canSubmit: r.status.isOpenForSupplier && (try? FulfilmentAccess.requireReporter(user, for: c)) != nil,
            canReview: canReview, base: PagePath.report(c.id!, r.id!),
            showEvidence: (try? EvidenceService.requireReader(user, for: c)) != nil,
            evidence: try await EvidenceFileModel.query(on: req.db).filter(\.$reportID == r.requireID()).sort(\.$uploadedAt).all().map { f in
                EvidenceRow(href: f.deletedAt == nil ? PagePath.evidence(c.id!, f.id!) : nil, filename: f.filename,
                            size: "\(DutchNumberFormat.grouped(Int(max(1, f.size / 1024)))) kB",
                            note: f.deletedAt == nil ? "" : "verwijderd na de bewaartermijn")
            })
        var shown = page
        if let by = dto.submittedByOrganisation {
            shown.submittedBy = "Ingediend door \(by)" + (dto.submittedOnBehalf == true ? ", namens de opdrachtnemer (gemachtigd)" : "")
        }
        if let c = dto.changes {
            let money = { (cents: Int64) in Money(cents: cents).description }
            shown.changedTotals = "Totaal \(money(c.previousTotalCents)) → \(money(c.totalCents))"
            shown.changes = c.added.map { "Nieuw: \($0.explanation) (\(money($0.valueCents)))" }
                + c.changed.map { "Gewijzigd: \($0.explanation): \(money($0.beforeCents)) → \(money($0.afterCents))" }
                + c.removed.map { "Vervallen: \($0.explanation) (\(money($0.valueCents)))" }
        }
        return try await req.page("report", shown)
    }

    private func loadReport(_ req: Request, _ c: ContractModel) async throws -> ReportModel {
        guard let id = req.parameters.get("reportId", as: UUID.self),
              let r = try await ReportModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        return r
    }

    struct EvidenceForm: Content { var file: File? }

    func uploadEvidence(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        guard let file = (try? req.content.decode(EvidenceForm.self))?.file, file.data.readableBytes > 0 else {
            req.session.data["flash"] = "Kies een bestand om toe te voegen."
            return req.redirect(to: PagePath.report(c.id!, r.id!))
        }
        do {
            _ = try await EvidenceService.store(file.data, filename: file.filename, reportID: r.id, on: c, by: try req.currentUser(),
                                                directory: req.platform.configuration.evidenceDirectory, on: req.db)
            req.session.data["flash"] = "Het bewijsstuk \(file.filename) is toegevoegd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first.map { "Niet toegevoegd: \($0.message)." }
        }
        return req.redirect(to: PagePath.report(c.id!, r.id!))
    }

    func downloadEvidence(req: Request) async throws -> Response {
        try await EvidenceService.download(req, contract: try await req.contract())
    }

    struct CommentForm: Content {
        var comment: String?
        var decision: String?
    }

    func submit(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        try await ReportService.submit(r, note: form.comment, on: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = "De rapportage is ingediend. De opdrachtgever beoordeelt hem."
        return req.redirect(to: PagePath.report(c.id!, r.id!))
    }

    func approveAll(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        try await ReportService.decide(.approved, items: nil, comment: form.comment, report: r, on: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = "Alle openstaande regels zijn goedgekeurd."
        return req.redirect(to: PagePath.report(c.id!, r.id!))
    }

    func decideItem(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        guard let item = req.parameters.get("itemId", as: UUID.self),
              let decision = form.decision.flatMap(ReportService.Decision.init(rawValue:)) else { throw AppError.notFound }
        do {
            try await ReportService.decide(decision, items: [item], comment: form.comment, report: r, on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = decision == .approved ? "De regel is goedgekeurd." : "De regel is afgekeurd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first.map { "Niet opgeslagen: \($0.message)." }
        }
        return req.redirect(to: PagePath.report(c.id!, r.id!))
    }

    func requestInfo(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        do {
            try await ReportService.requestInformation(r, comment: form.comment, on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De vraag is naar de opdrachtnemer gestuurd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first.map { "Niet verstuurd: \($0.message)." }
        }
        return req.redirect(to: PagePath.report(c.id!, r.id!))
    }
}
