import Fluent
import Foundation
import SROIDomain
import Vapor

/// The evaluation part of a contract page (step 4b), and its form.
struct EvaluationsOverview: Encodable {
    struct Row: Encodable { var side: String; var date: String; var whatWorked: String; var lessons: String; var judgement: String? }
    var rows: [Row]
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
        let rows = try await EvaluationService.list(for: c, on: db).map { e in
            Row(side: e.side == "buyer" ? "Opdrachtgever" : "Opdrachtnemer", date: e.createdAt.map(formatter.string(from:)) ?? "",
                whatWorked: e.whatWorked, lessons: e.lessons, judgement: e.judgement.flatMap(Evaluation.label))
        }
        let open = Evaluation.isOpen(term: term, ended: c.status == .ended, today: today)
        return EvaluationsOverview(rows: rows, canWrite: open && EvaluationService.mayEvaluate(user, c), isBuyer: user.isBuyer,
                                   opensOn: open ? nil : Evaluation.firstDay(of: term).dutch,
                                   judgements: Evaluation.judgements.map { .init(value: String($0.value), label: "\($0.value): \($0.label)", selected: false) })
    }
}

struct EvaluationWebController: Sendable {
    struct EvaluationForm: Content { var whatWorked: String?; var lessons: String?; var judgement: String? }

    func register(_ routes: any RoutesBuilder) {
        routes.grouped("contracts", ":id").post("evaluations", use: save)
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
