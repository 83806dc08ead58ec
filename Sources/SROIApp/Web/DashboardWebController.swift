import Fluent
import SROIDomain
import Vapor

/// The start page: the user's contracts with their obligation, and what needs attention.
struct DashboardWebController: Sendable {
    struct Page: Encodable {
        var layout: Layout
        var isBuyer: Bool
        var cards: [Card]
        var rows: [ContractRow]
        var alerts: [Alert]
        var canEdit: Bool
    }

    struct Card: Encodable {
        var label: String
        var value: String
    }

    struct Alert: Encodable {
        var href: String
        var title: String
        var note: String
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get(use: dashboard)
    }

    func dashboard(req: Request) async throws -> View {
        let user = try req.currentUser()
        let contracts = try await Access.contracts(for: user, on: req.db).sort(\.$endDate).all()
        let active = contracts.filter { $0.status == .awarded || $0.status == .running }
        let rows = try await ContractPages.rows(active, for: user, on: req.db)
        let obligations = try await ObligationService.obligations(for: active, on: req.db)
        let total = obligations.values.filter(\.effective.applicable).reduce(Money.zero) { $0 + $1.effective.amount }
        var cards = [
            Card(label: "Lopende en gegunde opdrachten", value: DutchNumberFormat.grouped(active.count)),
            Card(label: "Met social return", value: DutchNumberFormat.grouped(obligations.values.filter(\.effective.applicable).count)),
            Card(label: "Totale SR-verplichting", value: total.description),
        ]
        var alerts: [Alert] = []
        if user.isBuyer {
            let portfolio = try await PortfolioService.portfolio(for: user, today: req.platform.today(), on: req.db)
            alerts = portfolio.tenders.filter { $0.urgency == .actNow || $0.urgency == .overdue }.map {
                Alert(href: "/contracts/\($0.tender.id)", title: $0.tender.title, note: $0.note)
            }
            cards.append(Card(label: "Aanbestedingen in voorbereiding", value: DutchNumberFormat.grouped(portfolio.tenders.count)))
        }
        return try await req.view.render("dashboard", Page(
            layout: Layout(request: req, active: "dashboard"), isBuyer: user.isBuyer, cards: cards, rows: rows,
            alerts: alerts, canEdit: ContractPages.canEdit(user)))
    }
}
