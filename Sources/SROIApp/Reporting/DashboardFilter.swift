import Foundation
import SROIDomain
import Vapor

/// The dashboard's filters, read from and written to the URL so a view can be shared.
struct DashboardFilter: Sendable, Hashable {
    var year: Int
    /// A category of the buyer's policy, by its leading CPV digits (e.g. "90" Schoonmaak); any two digits (a CPV
    /// division) are read too.
    var category: String?
    var supplierID: UUID?
    var region: String?
    var status: ContractStatus?

    /// Reads `?year=2026&category=90&supplier=…&region=…&status=running`; a wrong value names the field (400).
    static func read(_ query: URLQueryContainer, today: Day) throws -> DashboardFilter {
        func text(_ key: String) -> String? { (try? query.get(String?.self, at: key))??.trimmingCharacters(in: .whitespaces).nilIfEmpty }
        var filter = DashboardFilter(year: today.year)
        if let y = text("year") {
            guard let year = Int(y), (2000...2100).contains(year) else { throw AppError.badRequest(field: "year", message: "verwacht een jaartal, zoals \(today.year)") }
            filter.year = year
        }
        if let c = text("category") {
            guard (1...8).contains(c.count), c.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw AppError.badRequest(field: "category", message: "verwacht de categorie als de eerste cijfers van een CPV-code, zoals 90")
            }
            filter.category = c
        }
        if let s = text("supplier") {
            guard let id = UUID(uuidString: s) else { throw AppError.badRequest(field: "supplier", message: "verwacht het id van een opdrachtnemer") }
            filter.supplierID = id
        }
        if let r = text("region") {
            guard let region = LabourMarketRegion.canonical(r) else { throw AppError.badRequest(field: "region", message: LabourMarketRegion.message) }
            filter.region = region
        }
        if let s = text("status") {
            guard let status = ContractStatus(rawValue: s) else {
                throw AppError.badRequest(field: "status", message: "kies " + ContractStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            filter.status = status
        }
        return filter
    }

    /// The query string of this filter, for links and exports.
    var query: String {
        var parts = ["year=\(year)"]
        if let category { parts.append("category=\(category)") }
        if let supplierID { parts.append("supplier=\(supplierID.uuidString)") }
        if let region { parts.append("region=" + (region.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? region)) }
        if let status { parts.append("status=\(status.rawValue)") }
        return parts.joined(separator: "&")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
