import Fluent
import Foundation
import SROIDomain
import Vapor

/// The evaluation part of a contract page (step 4b), and its form.
struct EvaluationsOverview: Encodable {
    struct Row: Encodable {
        var id: String; var side: String; var date: String; var whatWorked: String; var lessons: String; var judgement: String?
        /// The supplier may share (or stop sharing) a buyer's judgement as a reference.
        var canShare: Bool; var shared: Bool
    }
    var rows: [Row]
    /// For the buyer: what other buyers said of this supplier, as the supplier shares it ("Gemeente X, Schoonmaak: 4: goed").
    var references: [String]
    /// The user may write one now.
    var canWrite: Bool
    var isBuyer: Bool
    /// When evaluating opens, for a contract not there yet.
    var opensOn: String?
    var judgements: [FormField.Option]

    static func make(for c: ContractModel, user: CurrentUser, today: Day, on db: any Database) async throws -> EvaluationsOverview? {
        guard c.status.isAwarded, let term = c.term else { return nil }
        let formatter = DateFormatter()
        formatter.dateFormat = "d-M-yyyy"
        let supplierSide = user.isSupplier && c.$supplier.id == user.organisationID && (user.role.reports || user.role == .supplierAdmin)
        let rows = try await EvaluationService.list(for: c, on: db).map { e in
            Row(id: e.id?.uuidString ?? "", side: e.side == "buyer" ? "Opdrachtgever" : "Opdrachtnemer", date: e.createdAt.map(formatter.string(from:)) ?? "",
                whatWorked: e.whatWorked, lessons: e.lessons, judgement: e.judgement.flatMap(Evaluation.label),
                canShare: supplierSide && e.side == "buyer" && e.judgement != nil, shared: e.sharedAsReference)
        }
        var references: [String] = []
        if user.isBuyer, let supplierID = c.$supplier.id {
            references = try await EvaluationService.references(of: supplierID, on: db)
                .filter { $0.contract != c.title || $0.buyer != user.organisationName }
                .map { "\($0.buyer), \($0.contract): \($0.judgement) (\(Evaluation.label($0.judgement) ?? "")). \($0.whatWorked)" }
        }
        let open = Evaluation.isOpen(term: term, ended: c.status == .ended, today: today)
        return EvaluationsOverview(rows: rows, references: references, canWrite: open && EvaluationService.mayEvaluate(user, c), isBuyer: user.isBuyer,
                                   opensOn: open ? nil : Evaluation.firstDay(of: term).dutch,
                                   judgements: Evaluation.judgements.map { .init(value: String($0.value), label: "\($0.value): \($0.label)", selected: false) })
    }
}

struct EvaluationWebController: Sendable {
    struct EvaluationForm: Content { var whatWorked: String?; var lessons: String?; var judgement: String? }

    func register(_ routes: any RoutesBuilder) {
        routes.grouped("contracts", ":id").post("evaluations", use: save)
        routes.grouped("contracts", ":id").post("evaluations", ":evaluationId", "share", use: share)
    }

    struct ShareForm: Content { var shared: String? }

    func share(req: Request) async throws -> Response {
        let c = try await req.contract()
        let shared = try req.content.decode(ShareForm.self).shared != "no"
        _ = try await EvaluationService.share(req.parameters.get("evaluationId", as: UUID.self), shared: shared, of: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = shared ? "Het oordeel is gedeeld als referentie: andere opdrachtgevers zien het." : "Het oordeel wordt niet meer gedeeld."
        return req.redirect(to: PagePath.contract(c.id!) + "#evaluatie")
    }

    func save(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(EvaluationForm.self)
        do {
            _ = try await EvaluationService.save(.init(whatWorked: form.whatWorked, lessons: form.lessons,
                                                       judgement: form.judgement.flatMap { Int($0) }),
                                                 for: c, by: try req.currentUser(), today: req.platform.today(), on: req.db)
            req.session.data["flash"] = "De evaluatie is opgeslagen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet opgeslagen: " + list.map(\.message).joined(separator: "; ") + "."
        }
        return req.redirect(to: PagePath.contract(c.id!) + "#evaluatie")
    }
}
