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
        /// What evaluations of earlier contracts in the same category said to take into the next tender.
        var lessons: [String]
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
        let contracts = try await Access.contracts(for: user, on: req.db).all()
        let reserved = Set(contracts.filter(\.reserved).compactMap { $0.id?.uuidString })
        let categories = try await ContractPages.categories(for: user, on: req.db)
        let categoryOf = Dictionary(uniqueKeysWithValues: contracts.compactMap { c in c.id.map { ($0.uuidString, categories.categoryName(cpv: c.cpv)) } })
        let lessons = user.isBuyer ? try await EvaluationService.lessonsByCategory(of: user.organisationID, categories: categories, on: req.db) : [:]
        let tenders = portfolio.tenders.map { t in
            Tender(href: PagePath.contract(t.tender.id), title: t.tender.title, publication: t.tender.publication?.dutch ?? "onbekend",
                   urgency: t.urgency.rawValue, urgencyLabel: Self.label(t.urgency), note: t.note, reserved: reserved.contains(t.tender.id),
                   lessons: Array((categoryOf[t.tender.id].flatMap { lessons[$0] } ?? []).prefix(3)))
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
