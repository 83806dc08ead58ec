import Fluent
import Foundation
import SROIDomain
import Vapor

/// `sroi import hours`: a payroll file from disk into a contract, as the named reporter, read in pieces like an
/// upload. Nothing is imported when a row is wrong; the problems are returned to print.
public enum HoursImportFromFile {
    public enum Outcome: Sendable {
        case imported(rows: Int, placementsCreated: Int)
        case refused(problems: [String], total: Int)
    }

    public static func run(_ app: Application, contract id: UUID, email: String, path: String) async throws -> Outcome {
        guard FileManager.default.isReadableFile(atPath: path) else { throw CommandFailure(description: "bestand niet gevonden of niet leesbaar: \(path)") }
        guard let contract = try await ContractModel.find(id, on: app.db) else { throw CommandFailure(description: "onbekend contract: \(id)") }
        guard let model = try await UserModel.query(on: app.db).filter(\.$email == email.lowercased()).first(),
              let user = try await UserLookup.currentUser(userID: model.requireID(), on: app.db)
        else { throw CommandFailure(description: "onbekende gebruiker: \(email)") }
        do {
            let summary = try await HoursImportService.importFile(FilePieces(path: path), into: contract, by: user, platform: app.platform, on: app.db)
            return .imported(rows: summary.hourRows, placementsCreated: summary.placementsCreated)
        } catch let refused as ImportProblems {
            return .refused(problems: refused.sorted.map(\.dutch), total: refused.total)
        } catch let error as AppError {
            throw CommandFailure(description: error.message)
        }
    }
}
