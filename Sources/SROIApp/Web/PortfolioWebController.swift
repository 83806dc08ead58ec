import SROIDomain
import Vapor

/// Kansrijke contracten and the tender calendar.
struct PortfolioWebController: Sendable {
    struct Page: Encodable {
        var layout: Layout
        var today: String
        var top: [Entry]
        var entries: [Entry]
        var tenders: [Tender]
    }

    struct Entry: Encodable {
        var rank: Int
        var href: String
        var title: String
        var score: Int
        var annualValue: String
        var end: String
        var reasons: [String]
    }

    struct Tender: Encodable {
        var href: String
        var title: String
        var publication: String
        var urgency: String
        var urgencyLabel: String
        var note: String
        /// Reserved for social enterprises (art. 2.82).
        var reserved: Bool
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("portfolio", use: page)
    }

    func page(req: Request) async throws -> View {
        let user = try req.currentUser()
        let portfolio = try await PortfolioService.portfolio(for: user, today: req.platform.today(), on: req.db)
        let entries = portfolio.entries.enumerated().map { index, e in
            Entry(rank: index + 1, href: PagePath.contract(e.contract.id), title: e.contract.title, score: e.score,
                  annualValue: e.annualValue.description, end: e.contract.term.end.dutch, reasons: e.reasons)
        }
        let reservedContracts = try await Access.contracts(for: user, on: req.db).all().filter(\.reserved)
        let reserved = Set(reservedContracts.compactMap { $0.id?.uuidString })
        let tenders = portfolio.tenders.map { t in
            Tender(href: PagePath.contract(t.tender.id), title: t.tender.title, publication: t.tender.publication?.dutch ?? "onbekend",
                   urgency: t.urgency.rawValue, urgencyLabel: Self.label(t.urgency), note: t.note, reserved: reserved.contains(t.tender.id))
        }
        return try await req.view.render("portfolio", Page(
            layout: Layout(request: req, active: "portfolio"), today: portfolio.today.dutch,
            top: Array(entries.prefix(3)), entries: entries, tenders: tenders))
    }

    static func label(_ urgency: TenderUrgency) -> String {
        switch urgency {
        case .overdue: "verstreken"
        case .actNow: "nu actie"
        case .inTime: "op tijd"
        case .unscheduled: "geen datum"
        }
    }
}
