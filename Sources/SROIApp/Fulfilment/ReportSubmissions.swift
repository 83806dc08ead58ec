import Fluent
import Foundation
import SROIDomain

/// Each submission of a report is kept as its lines, so a resubmitted report shows the reviewer what changed.
enum ReportSubmissions {
    static func lines(of reportID: UUID, on db: any Database) async throws -> [SubmittedLine] {
        try await ReportItemModel.query(on: db).filter(\.$report.$id == reportID).all().map {
            SubmittedLine(sourceType: $0.sourceType, sourceID: $0.sourceID.uuidString, block: $0.blockRaw, valueCents: $0.valueCents,
                          explanation: $0.explanation)
        }.sorted { ($0.sourceType, $0.sourceID) < ($1.sourceType, $1.sourceID) }
    }

    /// Keeps the report's lines as they are now as its next submission (called in the submission's transaction).
    static func record(_ report: ReportModel, on db: any Database) async throws {
        let id = try report.requireID()
        let number = try await ReportSubmissionModel.query(on: db).filter(\.$report.$id == id).count() + 1
        let s = ReportSubmissionModel()
        s.$report.id = id
        s.number = number
        s.lines = String(decoding: try JSONEncoder().encode(try await lines(of: id, on: db)), as: UTF8.self)
        s.submittedAt = Date()
        try await s.create(on: db)
    }

    /// What the last submission changed against the one before; nil for a first submission.
    static func changes(of reportID: UUID, on db: any Database) async throws -> SubmissionChanges? {
        let last = try await ReportSubmissionModel.query(on: db).filter(\.$report.$id == reportID).sort(\.$number, .descending).limit(2).all()
        guard last.count == 2 else { return nil }
        let decode = { (m: ReportSubmissionModel) in (try? JSONDecoder().decode([SubmittedLine].self, from: Data(m.lines.utf8))) ?? [] }
        return SubmissionChanges(previous: decode(last[1]), current: decode(last[0]))
    }
}
