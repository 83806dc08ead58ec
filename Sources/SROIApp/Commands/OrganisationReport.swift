import Foundation
import SROIDomain
import Vapor

/// `sroi report organisation ID --year 2026 --format csv|json|text`: the figures of the management dashboard.
public enum OrganisationReport {
    public static let tables = DashboardTables.keys

    public static func render(_ app: Application, organisation id: UUID, year: Int?, format: String, table: String) async throws -> String {
        let today = app.platform.today()
        guard let org = try await OrganisationModel.find(id, on: app.db), org.kind == .buyer else {
            throw CommandFailure(description: "geen opdrachtgever met id \(id)")
        }
        let d = try await DashboardService.dashboard(organisation: try org.requireID(), filter: DashboardFilter(year: year ?? today.year), today: today, on: app.db)
        switch format {
        case "json":
            return String(decoding: try JSONEncoder.api.encode(DashboardDTO(d)), as: UTF8.self)
        case "csv":
            guard let t = DashboardTables.table(table, of: d) else { throw CommandFailure(description: "--table: kies " + tables.joined(separator: ", ")) }
            return DashboardTables.csv(t)
        default:
            guard let t = DashboardTables.table(table, of: d) else { throw CommandFailure(description: "--table: kies " + tables.joined(separator: ", ")) }
            return (["\(t.title): \(d.organisationName), \(d.filter.year), stand van \(d.day.dutch)", ""] + SupplierReport.table(t.header, t.rows))
                .joined(separator: "\n")
        }
    }
}
