import Fluent
import Foundation
import SROIDomain

/// The right to erasure (AVG art. 17): on the candidate's request a coordinator removes every placement of that
/// pseudonym on the organisation's contracts, with its hours. Approved and submitted values stay in the reports,
/// so totals keep adding up, but no line points to the person any more.
enum ErasureService {
    struct Result: Codable, Sendable {
        var placementsRemoved: Int
        var hourRowsRemoved: Int
        var reportLinesAnonymised: Int
        var auditEntriesRedacted: Int
    }

    /// Empties before and after of every audit entry about these placements, their report lines and hour rows, and
    /// marks them redacted: the one change the audit log's database rule allows (M2026_11_30_04).
    static func redactAuditEntries(placements: [UUID], reportLines: [UUID], hourRows: [UUID], on db: any Database) async throws -> Int {
        let groups: [(String, [UUID])] = [("placement", placements), ("report_item", reportLines), ("paid_hours", hourRows)]
        var count = 0
        for (type, ids) in groups where !ids.isEmpty {
            let keys = ids.map(\.uuidString)
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let entries = try await AuditEntryModel.query(on: db).filter(\.$objectType == type).filter(\.$objectID ~~ chunk)
                    .filter(\.$redactedAt == nil).all()
                for entry in entries {
                    entry.before = nil
                    entry.after = nil
                    entry.redactedAt = Date()
                    try await entry.update(on: db)
                }
                count += entries.count
            }
        }
        return count
    }

    static func erase(candidateOf placement: PlacementModel, reason: String, by user: CurrentUser, on db: any Database) async throws -> Result {
        guard user.isAdministrator || (user.isBuyer && user.role == .coordinator) else {
            throw AppError.forbidden("Alleen een SR-coördinator van de opdrachtgever verwijdert gegevens van een kandidaat.")
        }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw AppError.validation([.init(field: "reason", message: "leg vast waarom (bijvoorbeeld: verzoek van de kandidaat)")]) }
        let candidate = placement.candidate
        let contracts = try await Access.contracts(for: user, on: db).all().compactMap(\.id)
        return try await db.writeTransaction { db in
            let placements = try await PlacementModel.query(on: db).filter(\.$candidate == candidate).filter(\.$contract.$id ~~ contracts).all()
            let ids = placements.compactMap(\.id)
            let hourRows = try await PaidHoursModel.query(on: db).filter(\.$placement.$id ~~ ids).all().compactMap(\.id)
            let hours = hourRows.count
            try await PaidHoursModel.query(on: db).filter(\.$placement.$id ~~ ids).delete()
            try await AllocationModel.query(on: db).filter(\.$sourceType == "placement").filter(\.$sourceID ~~ ids).delete()
            let lines = try await ReportItemModel.query(on: db).filter(\.$sourceType == "placement").filter(\.$sourceID ~~ ids).all()
            // Earlier audit entries about the person keep who did what and when, without its details.
            let redacted = try await redactAuditEntries(placements: ids, reportLines: lines.compactMap(\.id), hourRows: hourRows, on: db)
            for line in lines {
                line.explanation = "Verwijderd op verzoek van de kandidaat (AVG); de waarde blijft meetellen."
                line.sourceType = "erased"
                try await line.update(on: db)
            }
            try await PlacementModel.query(on: db).filter(\.$id ~~ ids).delete()
            let result = Result(placementsRemoved: ids.count, hourRowsRemoved: hours, reportLinesAnonymised: lines.count,
                                auditEntriesRedacted: redacted)
            try await AuditLog.record(.erase, objectType: "candidate", objectID: nil, by: user, before: Optional<String>.none,
                                      after: ["reason": why, "placements": String(ids.count), "hourRows": String(hours)], on: db)
            return result
        }
    }
}
