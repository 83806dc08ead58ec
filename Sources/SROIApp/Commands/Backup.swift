import Fluent
import Foundation
import SQLKit
import SROIDomain
import Vapor

/// `sroi backup PATH`: a consistent copy of the SQLite database while the server runs. SQLite's
/// `VACUUM INTO` reads one snapshot in a single transaction, so writers go on and the copy is whole.
public enum Backup {
    public static func sqlite(_ app: Application, to path: String) async throws {
        guard case .sqlite = app.platformConfiguration.database, let sql = app.db as? any SQLDatabase else {
            throw CommandFailure(description: "sroi backup is voor SQLite; maak van PostgreSQL een back-up met pg_dump (zie de README).")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(description: "\(path) bestaat al; kies een nieuw bestand.")
        }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// `PRAGMA integrity_check` of the SQLite database: "ok" when it is sound.
    public static func integrityCheck(_ app: Application) async throws -> String {
        guard let sql = app.db as? any SQLDatabase else { return "ok" }
        struct Row: Decodable { var integrity_check: String }
        return try await sql.raw("PRAGMA integrity_check").all(decoding: Row.self).map(\.integrity_check).joined(separator: "; ")
    }
}

/// `sroi export organisation ID`: all of an organisation's data as JSON (AVG right of access and data
/// portability). Candidates appear only as pseudonyms; password and token hashes are left out.
public enum OrganisationExport {
    struct Document: Encodable {
        var exportedAt: Date
        var organisation: OrganisationDTO
        var users: [User]
        var policyVersions: [PolicyVersionDTO]
        var contracts: [Contract]
        var auditLog: [AccountAPIController.AuditEntryDTO]

        struct User: Encodable { var id: UUID; var email: String; var name: String; var role: String }
        struct Contract: Encodable {
            var contract: ContractDTO
            var placements: [PlacementDTO]
            var paidHours: [String: [PaidHoursDTO]]
            var activities: [ActivityDTO]
            var reports: [ReportDTO]
        }
    }

    public static func json(_ app: Application, organisation id: UUID) async throws -> Data {
        let db = app.db
        guard let org = try await OrganisationModel.find(id, on: db) else {
            throw CommandFailure(description: "geen organisatie met id \(id)")
        }
        let users = try await UserModel.query(on: db).filter(\.$organisation.$id == id).sort(\.$email).all()
        let contracts = try await ContractModel.query(on: db).group(.or) { $0.filter(\.$buyer.$id == id).filter(\.$supplier.$id == id) }
            .sort(\.$startDate).all()
        let obligations = try await ObligationService.obligations(for: contracts, on: db)
        var exported: [Document.Contract] = []
        for c in contracts {
            let cid = try c.requireID()
            let placements = try await PlacementModel.query(on: db).filter(\.$contract.$id == cid).all()
            var hours: [String: [PaidHoursDTO]] = [:]
            for p in placements {
                hours[Pseudonymizer.display(p.candidate)] = try await PaidHoursModel.query(on: db).filter(\.$placement.$id == p.requireID())
                    .sort(\.$periodStart).all().map(PaidHoursDTO.init)
            }
            let scheme = obligations[cid]?.policy.valuation ?? .haaglanden2023
            var reports: [ReportDTO] = []
            for r in try await ReportModel.query(on: db).filter(\.$contract.$id == cid).sort(\.$periodStart).all() {
                reports.append(try await ReportViews.dto(r, contract: c, withLines: true, on: db))
            }
            exported.append(Document.Contract(
                contract: try ContractDTO(c, obligation: obligations[cid]), placements: placements.map(PlacementDTO.init), paidHours: hours,
                activities: try await ActivityModel.query(on: db).filter(\.$contract.$id == cid).all().map { ActivityDTO($0, scheme: scheme) },
                reports: reports))
        }
        let document = Document(
            exportedAt: Date(), organisation: try OrganisationDTO(org),
            users: try users.map { .init(id: try $0.requireID(), email: $0.email, name: $0.name, role: $0.roleRaw) },
            policyVersions: try await PolicyStore.versions(of: id, on: db).map(PolicyVersionDTO.init),
            contracts: exported,
            auditLog: try await AuditEntryModel.query(on: db).filter(\.$organisationID == id).sort(\.$at).all().map(AccountAPIController.AuditEntryDTO.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(document)
        try await AuditLog.record(.export, objectType: "organisation", objectID: id, by: nil, before: Optional<String>.none,
                                  after: ["contracts": String(contracts.count)], on: db)
        return data
    }
}
