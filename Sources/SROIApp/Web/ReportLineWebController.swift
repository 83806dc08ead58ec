import Fluent
import Foundation
import SROIDomain
import Vapor

/// The supplier's answer on a report line, from the report page (the same service as the API).
struct ReportLineWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.post("contracts", ":id", "reports", ":reportId", "items", ":itemId", "answer", use: answer)
    }

    /// One step of a line's conversation as the page shows it.
    struct Step: Encodable {
        var who: String
        var what: String
        var text: String
        var at: String

        init(_ m: ReportItemMessageDTO) {
            who = m.side == "supplier" ? "Opdrachtnemer" : "Opdrachtgever"
            what = ["answer": "antwoordt", "reoffer": "antwoordt en biedt de regel opnieuw aan", "approved": "keurt goed", "rejected": "keurt af"][m.kind] ?? m.kind
            text = m.text
            at = m.at.map(MailTemplates.dutchDateTime) ?? ""
        }
    }

    struct Form: Content { var text: String?; var reoffer: String? }

    func answer(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let c = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        guard let rid = req.parameters.get("reportId", as: UUID.self),
              let r = try await ReportModel.query(on: req.db).filter(\.$id == rid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let form = try req.content.decode(Form.self)
        let base = PagePath.report(try c.requireID(), rid)
        do {
            _ = try await ReportLineThread.answer(.init(text: form.text, evidenceID: nil, reoffer: form.reoffer == "yes"),
                                                  itemID: req.parameters.get("itemId", as: UUID.self), report: r, contract: c, by: user, on: req.db)
            req.session.data["flash"] = form.reoffer == "yes" ? "Uw antwoord is verstuurd en de regel ligt opnieuw bij de beoordelaar."
                : "Uw antwoord is verstuurd naar de beoordelaar."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet verstuurd: " + (list.first?.message ?? "")
        } catch AppError.conflict(_, let message) {
            req.session.data["flash"] = "Niet verstuurd: " + message
        }
        return req.redirect(to: base)
    }
}
