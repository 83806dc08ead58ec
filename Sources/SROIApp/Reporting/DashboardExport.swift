import Fluent
import Foundation
import Prometheus
import SQLKit
import SROIDomain
import Vapor

/// A dashboard table as a file (CSV as Dutch Excel reads it, or JSON), for the management page and the API alike.
enum DashboardExport {
    static func file(_ d: Dashboard, table key: String, format: String, for req: Request) async throws -> Response {
        if format == "json" {
            if key == "dashboard" { return try await DashboardDTO(d).encodeResponse(for: req) }
            guard let t = DashboardTables.table(key, of: d) else { throw AppError.notFound }
            let rows = t.csvRows.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) }
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: try JSONEncoder.api.encode(rows)))
        }
        guard let t = DashboardTables.table(key, of: d) else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "\(key)-\(d.filter.year).csv")
        return Response(status: .ok, headers: headers, body: .init(string: DashboardTables.csv(t)))
    }
}

/// The figures a buyer chose to publish (off by default), for the public page, its CSV and the open-data API.
enum PublishedFigures {
    struct OpenData: Content {
        struct Figure: Content { var key: String; var label: String; var value: String }
        var organisation: String
        var year: Int
        var reportingDay: String
        var figures: [Figure]
    }

    struct Key: Hashable, Sendable {
        var organisation: UUID
        var year: Int
        var today: Day
    }

    struct Figures: Sendable {
        var dashboard: Dashboard
        var figures: [(key: String, label: String, value: String, csv: String)]

        /// Roughly the bytes it holds: a dashboard's lines and lists, a few hundred bytes each.
        var size: Int { 2_000 + 300 * (dashboard.contracts.count + dashboard.lateReports.count + dashboard.reviewBacklog.count + figures.count) }
    }

    /// The transparency page and its open data are anyone's to ask, without logging in, and each computed a whole
    /// dashboard: they are kept under the data generation (`GenerationCache`), the same for everyone, per
    /// organisation, year and day.
    typealias Cache = GenerationCache<Key, Figures>

    static func cache(limit: Int, registry: PrometheusCollectorRegistry) -> Cache {
        Cache(name: "published", limit: limit, registry: registry) { _, figures in figures.size }
    }

    /// The organisation's published dashboard for a year (this year when none or an odd one is asked); 404 when it
    /// publishes nothing. Kept in `kept` while the data stays the same.
    static func of(_ organisationID: UUID?, year: Int?, today: Day, kept: Cache? = nil, on db: any Database) async throws
        -> (Dashboard, [(key: String, label: String, value: String, csv: String)]) {
        guard let id = organisationID else { throw AppError.notFound }
        var filter = DashboardFilter(year: today.year)
        if let year, (2000...2100).contains(year) { filter.year = year }
        let compute = { () async throws -> Figures in
            guard let org = try await OrganisationModel.find(id, on: db), org.kind == .buyer,
                  let chosen = PublicFigure.parse(org.publishedFiguresRaw) else { throw AppError.notFound }
            let d = try await DashboardService.dashboard(of: org, filter: filter, today: today, on: db)
            return Figures(dashboard: d, figures: PublicFigure.figures(chosen, of: d))
        }
        let figures: Figures
        if let kept, kept.isOn, let sql = db as? any SQLDatabase {
            // The generation first: the organisation's choice and its data are read after it.
            let generation = try await DataGeneration.current(on: sql)
            figures = try await kept.value(for: Key(organisation: id, year: filter.year, today: today), at: generation, on: db.eventLoop, compute: compute)
        } else {
            figures = try await compute()
        }
        return (figures.dashboard, figures.figures)
    }

    static func openData(_ organisationID: UUID?, year: Int?, today: Day, kept: Cache? = nil, on db: any Database) async throws -> OpenData {
        let (d, figures) = try await of(organisationID, year: year, today: today, kept: kept, on: db)
        return OpenData(organisation: d.organisationName, year: d.filter.year, reportingDay: d.day.iso,
                        figures: figures.map { .init(key: $0.key, label: $0.label, value: $0.csv) })
    }
}
