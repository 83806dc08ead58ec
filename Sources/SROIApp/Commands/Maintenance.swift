import Fluent
import Foundation
import Vapor

/// `sroi maintenance`: the daily housekeeping. Deletes evidence and bids that did not win past their retention period,
/// and old login failures.
public enum Maintenance {
    public struct Result: Sendable {
        public let evidenceDeleted: Int
        /// Bids that did not win, deleted after the retention period.
        public var bidsDeleted: Int = 0
    }

    public static func run(_ app: Application) async throws -> Result {
        let deleted = try await EvidenceService.applyRetention(today: app.platform.today(), directory: app.platform.configuration.evidenceDirectory,
                                                               on: app.db)
        try await LoginFailureModel.query(on: app.db).filter(\.$at < Date().addingTimeInterval(-2 * LoginThrottle.window)).delete()
        let bids = try await BidAttachments.applyRetention(today: app.platform.today(), directory: app.platform.configuration.evidenceDirectory, on: app.db)
        return Result(evidenceDeleted: deleted, bidsDeleted: bids)
    }
}
