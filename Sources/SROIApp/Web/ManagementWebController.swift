import Fluent
import Foundation
import SROIDomain
import Vapor

/// Management information for a buyer: dashboard with filters in the URL, SVG charts with their tables, CSV and
/// JSON exports, a printable report, and the settings of the goal and the public transparency page.
struct ManagementWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("management", use: page)
        routes.get("management", "export", ":file", use: export)
        routes.get("management", "print", use: printable)
        routes.post("management", "settings", use: saveSettings)
    }

    /// Public, without login: the transparency page and its open data.
    func registerPublic(_ routes: any RoutesBuilder) {
        routes.get("openbaar", ":id", use: publicPage)
        routes.get("openbaar", ":id", "cijfers.csv", use: publicCSV)
        routes.get("openbaar", ":id", "cijfers.json", use: publicJSON)
    }

    struct Table: Encodable { var key: String; var title: String; var header: [String]; var rows: [[Cell]]; var query: String }
    struct Cell: Encodable { var text: String; var num: Bool }
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    typealias Card = FigureCard
    struct Check: Encodable { var value: String; var label: String; var checked: Bool }

    struct Page: Encodable {
        var layout: Layout
        var organisation: String
        var day: String
        var year: Int
        var query: String
        var years: [Option]
        var categories: [Option]
        var suppliers: [Option]
        var regions: [Option]
        var statuses: [Option]
        var cards: [Card]
        var tables: [String: Table]
        var timelineSVG: String
        var blocksSVG: String
        var goalSVG: String?
        var canSettle: Bool
        var goal: String
        var goalYear: String
        var published: [Check]
        var publicHref: String?
    }

    static func table(_ t: DashboardTable, query: String) -> Table {
        Table(key: t.key, title: t.title, header: t.header,
              rows: t.rows.map { $0.map { Cell(text: $0, num: $0.hasPrefix("€") || $0.first?.isNumber == true || $0.hasPrefix("<")) } }, query: query)
    }

    private func dashboard(_ req: Request) async throws -> Dashboard {
        let user = try req.currentUser()
        guard user.isBuyer else { throw AppError.notFound }
        let filter = try DashboardFilter.read(req.query, today: req.platform.today())
        return try await DashboardService.kept(organisation: user.organisationID, filter: filter, today: req.platform.today(),
                                               cache: req.application.dashboardCache, on: req.db).1
    }

    func page(req: Request) async throws -> View {
        let user = try req.currentUser()
        let d = try await dashboard(req)
        let f = d.filter
        let today = req.platform.today()
        var tables: [String: Table] = [:]
        for t in DashboardTables.all(d) { tables[t.key] = Self.table(t, query: f.query) }
        let t = d.totals
        let org = try await OrganisationModel.find(d.organisationID, on: req.db)
        let published = PublicFigure.parse(org?.publishedFiguresRaw) ?? []
        return try await req.view.render("management", Page(
            layout: Layout(request: req, active: "management"), organisation: d.organisationName, day: d.day.dutch, year: f.year, query: f.query,
            years: (today.year - 4...today.year + 1).reversed().map { Option(value: String($0), label: String($0), selected: $0 == f.year) },
            categories: d.categories.map { Option(value: $0.0, label: $0.1, selected: $0.0 == f.category) },
            suppliers: d.suppliers.map { Option(value: $0.0.uuidString, label: $0.1, selected: $0.0 == f.supplierID) },
            regions: d.regions.map { Option(value: $0, label: $0, selected: $0 == f.region) },
            statuses: [ContractStatus.awarded, .running, .ended].map { Option(value: $0.rawValue, label: $0.dutchLabel, selected: $0 == f.status) },
            cards: [Card(label: FigureWords.obligation, value: t.obligation.description), Card(label: FigureWords.realised, value: t.realised.description),
                    Card(label: FigureWords.pending, value: t.pending.description), Card(label: FigureWords.expected(on: d.day), value: t.expected.description),
                    Card(label: "Geplaatste personen in \(f.year)", value: d.personCounts.people.display),
                    Card(label: "Met een doelgroep vastgesteld door werkgeversdienstverlening", value: d.personCounts.verified.display),
                    Card(label: "Banenafspraakbanen in \(f.year)", value: BanenafspraakJobs.dutch(d.jobsThousandths), glossary: "banenafspraak"),
                    Card(label: "Ingekocht bij sociale ondernemingen in \(f.year)", value: d.socialPurchaseInYear.description),
                    Card(label: "Voorbehouden opdrachten (art. 2.82)", value: DutchNumberFormat.grouped(d.reservedContracts), glossary: "art282")],
            tables: tables, timelineSVG: SVGChart.timeline(d.timeline),
            blocksSVG: SVGChart.bars(d.valueByBlock.map { ($0.0.dutchLabel, $0.1) }, title: "Gerealiseerd per bouwblok in \(f.year)", id: "blocks"),
            goalSVG: d.jobsGoal.map { SVGChart.goal(jobsThousandths: d.jobsThousandths, goal: $0, year: d.jobsGoalYear) },
            canSettle: user.role == .coordinator, goal: org?.jobsGoal.map(String.init) ?? "", goalYear: org?.jobsGoalYear.map(String.init) ?? "",
            published: PublicFigure.allCases.map { Check(value: $0.rawValue, label: $0.dutchLabel, checked: published.contains($0)) },
            publicHref: org?.publishedFiguresRaw == nil ? nil : "/openbaar/\(d.organisationID)"))
    }

    /// `/management/export/contracten.csv?year=…` or `.json`; the export is in the audit log.
    func export(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["csv", "json"].contains(parts[1]) else { throw AppError.notFound }
        let d = try await dashboard(req)
        let user = try req.currentUser()
        try await AuditLog.record(.export, objectType: "dashboard", objectID: d.organisationID, by: user, before: Optional<String>.none,
                                  after: ["table": parts[0], "filter": d.filter.query], about: d.organisationID, on: req.db)
        return try await DashboardExport.file(d, table: parts[0], format: parts[1], for: req)
    }

    struct PrintPage: Encodable {
        struct ContractPage: Encodable {
            var title: String
            var details: [Card]
            var explanation: [String]
            var svg: String
        }
        var layout: Layout
        var organisation: String
        var day: String
        var year: Int
        var filterText: String
        var tables: [Table]
        var timelineSVG: String
        var contracts: [ContractPage]
    }

    /// The period report for the board and the progress meeting: the organisation's figures, then one page per
    /// contract (or only `?contract=ID`).
    func printable(req: Request) async throws -> View {
        let d = try await dashboard(req)
        let only = try? req.query.get(UUID.self, at: "contract")
        var pages: [PrintPage.ContractPage] = []
        for line in d.contracts where only == nil || line.id == only {
            guard let c = try await ContractModel.find(line.id, on: req.db),
                  let report = try await ProgressService.report(for: c, today: d.day, scope: .platform, on: req.db) else { continue }
            let p = report.progress
            let items = try await ReportItemModel.query(on: req.db).filter(\.$contractID == line.id).filter(\.$decisionRaw == LineDecision.approved.rawValue).with(\.$report).all()
            let timeline = ManagementFigures.timeline([(p.obligation, c.term!)], approved: items.compactMap { i in
                Day(iso: i.report.periodEnd).map { ($0, Money(cents: i.valueCents)) } }, year: d.filter.year, today: d.day)
            pages.append(.init(title: line.title, details: [
                Card(label: "Opdrachtnemer", value: line.supplier), Card(label: "Looptijd", value: "\(c.term!.start.dutch) – \(c.term!.end.dutch)"),
                Card(label: "Verplichting", value: p.obligation.description), Card(label: "Gerealiseerd", value: p.realised.description),
                Card(label: "In beoordeling", value: p.pending.description), Card(label: "Verwacht", value: p.expected.description),
                Card(label: "Status", value: p.status.dutchLabel),
                Card(label: "Banenafspraakbanen", value: BanenafspraakJobs.dutch(report.jobsThousandths)),
            ], explanation: p.explanation, svg: p.obligation.cents > 0 ? SVGChart.timeline(timeline, id: "c\(pages.count)") : ""))
        }
        let f = d.filter
        var filterText = ["jaar \(f.year)"]
        if let c = f.category { filterText.append("categorie \(d.categories.first { $0.0 == c }?.1 ?? c)") }
        if let s = f.supplierID { filterText.append("opdrachtnemer \(d.suppliers.first { $0.0 == s }?.1 ?? "")") }
        if let r = f.region { filterText.append("regio \(r)") }
        if let s = f.status { filterText.append("status \(s.dutchLabel)") }
        return try await req.view.render("management-print", PrintPage(
            layout: Layout(request: req, active: "management"), organisation: d.organisationName, day: d.day.dutch, year: f.year,
            filterText: filterText.joined(separator: ", "),
            tables: only == nil ? ["kerncijfers", "doelgroepen", "bouwblokken"].compactMap { DashboardTables.table($0, of: d) }.map { Self.table($0, query: f.query) } : [],
            timelineSVG: only == nil ? SVGChart.timeline(d.timeline) : "", contracts: pages))
    }

    struct SettingsForm: Content {
        var jobsGoal: String?
        var jobsGoalYear: String?
        var published: [String]?
        var publish: String?
    }

    func saveSettings(req: Request) async throws -> Response {
        let form = try req.content.decode(SettingsForm.self)
        do {
            let org = try await ManagementSettings.save(.init(jobsGoal: form.jobsGoal, jobsGoalYear: form.jobsGoalYear,
                                                              published: form.publish == "yes" ? (form.published ?? []) : nil),
                                                        by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = org.publishedFiguresRaw == nil ? "Instellingen opgeslagen. De openbare pagina staat uit."
                : "Instellingen opgeslagen. De openbare pagina toont alleen wat u heeft aangevinkt."
        } catch AppError.validation(let list) {
            let names = ["jobsGoal": "Doel banenafspraakbanen", "jobsGoalYear": "Doeljaar", "published": "Openbare kerncijfers"]
            req.session.data["flash"] = list.map { "\(names[$0.field] ?? $0.field): \($0.message)." }.joined(separator: " ")
        }
        return req.redirect(to: "/management#instellingen")
    }

    // MARK: Public

    struct PublicPage: Encodable {
        var organisation: String
        var year: Int
        var day: String
        var figures: [Card]
        var csvHref: String
        var jsonHref: String
        var loggedIn: Bool
        /// Published success stories, newest first.
        var stories: [Story]
        struct Story: Encodable { var title: String; var body: String }
    }

    func publicPage(req: Request) async throws -> View {
        let (d, figures) = try await PublishedFigures.of(req.parameters.get("id", as: UUID.self), year: try? req.query.get(Int.self, at: "year"), today: req.platform.today(),
                                                          kept: req.application.dashboardCache, on: req.db)
        let base = "/openbaar/\(d.organisationID)"
        return try await req.view.render("public", PublicPage(
            organisation: d.organisationName, year: d.filter.year, day: d.day.dutch, figures: figures.map { Card(label: $0.label, value: $0.value) },
            csvHref: base + "/cijfers.csv?year=\(d.filter.year)", jsonHref: base + "/cijfers.json?year=\(d.filter.year)",
            loggedIn: req.auth.has(CurrentUser.self),
            stories: try await SuccessStoryService.list(of: d.organisationID, publishedOnly: true, on: req.db).map { .init(title: $0.title, body: $0.body) }))
    }

    func publicCSV(req: Request) async throws -> Response {
        let (d, figures) = try await PublishedFigures.of(req.parameters.get("id", as: UUID.self), year: try? req.query.get(Int.self, at: "year"), today: req.platform.today(),
                                                          kept: req.application.dashboardCache, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "social-return-\(d.filter.year).csv")
        return Response(status: .ok, headers: headers, body: .init(string: DutchCSVWriter.csv(
            header: ["organisatie", "jaar", "peildatum", "kerncijfer", "sleutel", "waarde"],
            rows: figures.map { [d.organisationName, String(d.filter.year), d.day.iso, $0.label, $0.key, $0.csv] })))
    }

    func publicJSON(req: Request) async throws -> PublishedFigures.OpenData {
        try await PublishedFigures.openData(req.parameters.get("id", as: UUID.self), year: try? req.query.get(Int.self, at: "year"),
                                            today: req.platform.today(), kept: req.application.dashboardCache, on: req.db)
    }
}
