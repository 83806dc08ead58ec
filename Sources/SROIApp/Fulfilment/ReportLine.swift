import Fluent
import Foundation
import SQLKit
import SROIDomain

/// A report line with the status of the report it is in: what a contract's progress needs of its lines, read in one
/// statement (issue 20: the lines and their reports were two).
struct ReportLine: Sendable {
    var item: ReportItemModel
    var reportStatus: ReportStatus

    /// A line counts as pending value while it waits for the buyer's decision in a report that was submitted; in a
    /// draft it counts for nothing yet.
    static func awaitsReview(decision: LineDecision, reportStatus: ReportStatus) -> Bool {
        decision == .pending && reportStatus == .submitted
    }

    var awaitsReview: Bool { Self.awaitsReview(decision: item.decision, reportStatus: reportStatus) }

    /// Every line on the contract, with its report's status.
    static func of(contract id: UUID, on db: any Database) async throws -> [ReportLine] {
        guard let sql = db as? any SQLDatabase else { throw AppError.badRequest(field: nil, message: "database zonder SQL") }
        return try await sql.modelRows(ReportLinesRead(contractID: id), as: ReportItemModel.self).map { item, row in
            let raw = try row.string("report_status")
            guard let status = ReportStatus(rawValue: raw) else { throw RowColumnError(column: "report_status", expected: "een rapportagestatus") }
            return ReportLine(item: item, reportStatus: status)
        }
    }
}
