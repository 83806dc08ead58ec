import Fluent
import Foundation
import Vapor

/// `sroi maintenance`: the daily housekeeping. Deletes evidence past its retention period and old login failures.
public enum Maintenance {
    public struct Result: Sendable {
        public let evidenceDeleted: Int
    }

    public static func run(_ app: Application) async throws -> Result {
        let deleted = try await EvidenceService.applyRetention(today: app.platform.today(), directory: app.platform.configuration.evidenceDirectory,
                                                               on: app.db)
        try await LoginFailureModel.query(on: app.db).filter(\.$at < Date().addingTimeInterval(-2 * LoginThrottle.window)).delete()
        return Result(evidenceDeleted: deleted)
    }
}
