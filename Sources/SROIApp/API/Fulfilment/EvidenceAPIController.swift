import Fluent
import Foundation
import SROIDomain
import Vapor

/// Evidence files of a contract's reports.
struct EvidenceAPIController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("evidence", use: evidenceList)
        c.on(.POST, "evidence", body: .collect(maxSize: "21mb"), use: uploadEvidence)
        c.get("evidence", ":evidenceId", use: downloadEvidence)
    }

    struct EvidenceDTO: Content {
        var id: UUID
        var reportId: UUID?
        var filename: String
        var size: Int64
        var sha256: String
        var uploadedAt: Date?
        var deleted: Bool

        init(_ f: EvidenceFileModel) {
            id = f.id!
            reportId = f.reportID
            filename = f.filename
            size = f.size
            sha256 = f.sha256
            uploadedAt = f.uploadedAt
            deleted = f.deletedAt != nil
        }
    }

    struct EvidenceUpload: Content {
        var file: File
        var reportId: UUID?
    }

    func evidenceList(req: Request) async throws -> [EvidenceDTO] {
        let c = try await req.contract()
        try EvidenceService.requireReader(try req.currentUser(), for: c)
        return try await EvidenceFileModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$uploadedAt).all().map(EvidenceDTO.init)
    }

    func uploadEvidence(req: Request) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        let upload = try req.content.decode(EvidenceUpload.self)
        let file = try await EvidenceService.store(upload.file.data, filename: upload.file.filename, reportID: upload.reportId, on: c,
                                                   by: try req.currentUser(), directory: req.platform.configuration.evidenceDirectory, on: req.db)
        return try await EvidenceDTO(file).encodeResponse(status: .created, for: req)
    }

    func downloadEvidence(req: Request) async throws -> Response {
        try await EvidenceService.download(req, contract: try await req.contract())
    }
}
