import Fluent
import Foundation
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

    /// The organisation's published dashboard for a year (this year when none or an odd one is asked); 404 when it
    /// publishes nothing. Anyone may ask, without a login, so the dashboard is the kept one (`DashboardService.kept`).
    static func of(_ organisationID: UUID?, year: Int?, today: Day, kept: DashboardService.Cache, on db: any Database) async throws
        -> (Dashboard, [(key: String, label: String, value: String, csv: String)]) {
        guard let id = organisationID else { throw AppError.notFound }
        var filter = DashboardFilter(year: today.year)
        if let year, (2000...2100).contains(year) { filter.year = year }
        let (org, d) = try await DashboardService.kept(organisation: id, filter: filter, today: today, cache: kept, on: db) { org in
            guard org.kind == .buyer, org.publishedFiguresRaw != nil else { throw AppError.notFound }
        }
        return (d, PublicFigure.figures(PublicFigure.parse(org.publishedFiguresRaw) ?? [], of: d))
    }

    static func openData(_ organisationID: UUID?, year: Int?, today: Day, kept: DashboardService.Cache, on db: any Database) async throws -> OpenData {
        let (d, figures) = try await of(organisationID, year: year, today: today, kept: kept, on: db)
        return OpenData(organisation: d.organisationName, year: d.filter.year, reportingDay: d.day.iso,
                        figures: figures.map { .init(key: $0.key, label: $0.label, value: $0.csv) })
    }
}
