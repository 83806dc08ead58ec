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

    typealias Card = FigureCard

    struct Alert: Encodable {
        var href: String
        var title: String
        var note: String
    }

    /// What is due: for the buyer, reports awaiting review; for the supplier, questions and late reports.
    private func reportAlerts(for user: CurrentUser, contracts: [ContractModel], today: Day, on db: any Database) async throws -> [Alert] {
        let ids = contracts.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let titles = Dictionary(uniqueKeysWithValues: contracts.compactMap { c in c.id.map { ($0, c.title) } })
        let reports = try await ReportModel.query(on: db).filter(\.$contract.$id ~~ ids).all()
        var alerts: [Alert] = []
        for r in reports {
            let period = r.period.map { "\($0.start.dutch) – \($0.end.dutch)" } ?? ""
            let href = PagePath.report(r.$contract.id, r.id!)
            if user.isBuyer && r.status == .submitted {
                alerts.append(Alert(href: href, title: titles[r.$contract.id] ?? "", note: "rapportage \(period) wacht op uw beoordeling"))
            }
            if user.isSupplier && r.status == .infoRequested {
                alerts.append(Alert(href: href, title: titles[r.$contract.id] ?? "", note: "de opdrachtgever vraagt meer informatie over \(period)"))
            }
        }
        if user.isSupplier {
            // The same calendar as the reminders and the buyer's overview: a draft does not count as reported.
            let calendars = try await ReportCalendarService.open(for: contracts, today: today, on: db)
            for c in contracts {
                let open = c.id.flatMap { calendars[$0] } ?? []
                let late = open.filter { $0.state == .overdue }
                if let first = late.first {
                    let count = late.count == 1 ? "1 rapportage is te laat" : "\(late.count) rapportages zijn te laat"
                    alerts.append(Alert(href: PagePath.contract(c.id!) + "#rapportages", title: c.title,
                                        note: "\(count): de eerste over \(first.period.start.dutch) – \(first.period.end.dutch), uiterlijk \(first.dueDate.dutch)"))
                }
                for entry in open where entry.state == .due {
                    alerts.append(Alert(href: PagePath.contract(c.id!) + "#rapportages", title: c.title,
                                        note: "rapportage over \(entry.period.start.dutch) – \(entry.period.end.dutch) uiterlijk \(entry.dueDate.dutch) indienen"))
                }
            }
        }
        if user.isBuyer {
            // Late reports by supplier, and reports waiting longer for review than the policy allows.
            let overview = try await ReportCalendarService.overview(for: user.organisationID, today: today, on: db)
            // One line per contract: how many are late, and the oldest.
            let lateByContract = Dictionary(grouping: overview.late, by: \.contractID)
            for late in lateByContract.values.compactMap({ $0.min { $0.dueDate < $1.dueDate }.map { ($0, lateByContract[$0.contractID]!.count) } })
                .sorted(by: { ($0.0.supplier, $0.0.contract) < ($1.0.supplier, $1.0.contract) }) {
                let (oldest, count) = late
                let what = count == 1 ? "rapportage over \(oldest.period.start.dutch) – \(oldest.period.end.dutch) is te laat (uiterlijk \(oldest.dueDate.dutch))"
                    : "\(count) rapportages te laat, de oudste over \(oldest.period.start.dutch) – \(oldest.period.end.dutch)"
                alerts.append(Alert(href: PagePath.contract(oldest.contractID) + "#rapportages", title: oldest.contract, note: "\(oldest.supplier): \(what)"))
            }
            for w in overview.waiting {
                alerts.append(Alert(href: PagePath.report(w.contractID, w.reportID), title: w.contract,
                                    note: "rapportage van \(w.supplier) wacht al \(w.days) dagen op beoordeling (ingediend \(w.submittedOn.dutch))"))
            }
        }
        return alerts
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get(use: dashboard)
    }

    func dashboard(req: Request) async throws -> Response {
        let user = try req.currentUser()
        // A job service starts at the vacancies of its region.
        if user.isJobService { return req.redirect(to: "/vacatures") }
        let contracts = try await Access.contracts(for: user, on: req.db).sort(\.$endDate).all()
        let active = contracts.filter { $0.status == .awarded || $0.status == .running }
        let rows = try await ContractPages.rows(active, for: user, on: req.db)
        let obligations = try await ObligationService.obligations(for: active, on: req.db)
        var cards = [
            Card(label: "Lopende en gegunde opdrachten", value: DutchNumberFormat.grouped(active.count)),
            Card(label: "Met social return", value: DutchNumberFormat.grouped(obligations.values.filter(\.effective.applicable).count)),
        ]
        if user.isSupplier {
            // The same figures, words and contracts as the SR-rekening: computed there, once.
            let account = try await SupplierAccountService.account(of: user.organisationID, for: user, today: req.platform.today(), on: req.db)
            cards += [
                Card(label: FigureWords.supplierTotalObligation, value: account.total.obligation.description, href: "/bundeling"),
                Card(label: FigureWords.realised, value: account.total.realised.description, href: "/bundeling"),
                Card(label: FigureWords.remaining, value: account.total.remaining.description, href: "/bundeling"),
            ]
        } else {
            let total = obligations.values.filter(\.effective.applicable).reduce(Money.zero) { $0 + $1.effective.amount }
            cards.append(Card(label: "SR-verplichting, lopende en gegunde opdrachten", value: total.description))
        }
        var alerts: [Alert] = []
        if user.isBuyer {
            let portfolio = try await PortfolioService.portfolio(for: user, today: req.platform.today(), on: req.db)
            alerts = portfolio.tenders.filter { $0.urgency == .actNow || $0.urgency == .overdue }.map {
                Alert(href: PagePath.contract($0.tender.id), title: $0.tender.title, note: $0.note)
            }
            cards.append(Card(label: "Aanbestedingen in voorbereiding", value: DutchNumberFormat.grouped(portfolio.tenders.count)))
        }
        alerts += try await reportAlerts(for: user, contracts: active, today: req.platform.today(), on: req.db)
        for action in try await ActionPlanService.overdue(for: user, today: req.platform.today(), on: req.db) {
            alerts.append(Alert(href: "/action-plan", title: "Actie: \(action.summary)",
                                note: "uw actie had klaar moeten zijn op \(Day(iso: action.deadline)?.dutch ?? action.deadline)"))
        }
        return try await req.view.render("dashboard", Page(
            layout: Layout(request: req, active: "dashboard"), isBuyer: user.isBuyer, cards: cards, rows: rows,
            alerts: alerts, canEdit: ContractPages.canEdit(user))).encodeResponse(for: req)
    }
}
