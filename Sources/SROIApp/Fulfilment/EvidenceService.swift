import Crypto
import Fluent
import Foundation
import SROIDomain
import Vapor

/// Evidence files: uploaded by the awarded supplier, readable by that supplier and the buyer's SR coordinators
/// only, deleted a policy-set time after the contract ends (`sroi maintenance`).
enum EvidenceService {
    static let maximumSize = 20 * 1024 * 1024

    static func requireReader(_ user: CurrentUser, for contract: ContractModel) throws {
        let supplier = user.isSupplier && contract.$supplier.id == user.organisationID
        let coordinator = user.isBuyer && contract.$buyer.id == user.organisationID && user.role == .coordinator
        guard user.isAdministrator || supplier || coordinator else {
            throw AppError.forbidden("Bewijsstukken zijn alleen zichtbaar voor de opdrachtnemer en de SR-coördinatoren van de opdrachtgever.")
        }
    }

    /// Stores the file: written to a temporary name and then renamed, so a failure (a full disk) leaves nothing half-written.
    static func store(_ bytes: ByteBuffer, filename: String, reportID: UUID?, on contract: ContractModel, by user: CurrentUser,
                      directory: String, on db: any Database) async throws -> EvidenceFileModel {
        try FulfilmentAccess.requireReporter(user, for: contract)
        guard bytes.readableBytes > 0 else { throw AppError.validation([.init(field: "file", message: "het bestand is leeg")]) }
        guard bytes.readableBytes <= maximumSize else {
            throw AppError.validation([.init(field: "file", message: "een bewijsstuk is hoogstens 20 MB")])
        }
        let contractID = try contract.requireID()
        if let reportID, try await ReportModel.query(on: db).filter(\.$id == reportID).filter(\.$contract.$id == contractID).first() == nil {
            throw AppError.validation([.init(field: "reportId", message: "onbekende rapportage van dit contract")])
        }
        let data = Data(bytes.readableBytesView)
        let stored = try StoredFiles.write(data, directory: directory)
        let key = stored.key
        let file = EvidenceFileModel()
        file.$contract.id = contractID
        file.reportID = reportID
        file.filename = StoredFiles.cleanName(filename)
        file.size = Int64(data.count)
        file.sha256 = stored.sha256
        file.storageKey = key
        file.uploadedBy = user.userID
        try await StoredFiles.keep(key, in: directory) {
            try await db.writeTransaction { db in
                try await file.create(on: db)
                try await AuditLog.record(.create, objectType: "evidence", objectID: file.id, by: user, before: Optional<String>.none,
                                          after: ["filename": file.filename, "size": String(file.size)], about: contract.$buyer.id, on: db)
            }
        }
        return file
    }

    /// A full disk is told apart from other write failures: the first passes when space is made, the second
    /// needs the administrator.
    static func storageError(_ error: any Error) -> AppError {
        let full = (error as? CocoaError)?.code == .fileWriteOutOfSpace
            || [Int(ENOSPC), Int(EDQUOT)].contains((error as NSError).code) && (error as NSError).domain == NSPOSIXErrorDomain
            || ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { $0.domain == NSPOSIXErrorDomain && [Int(ENOSPC), Int(EDQUOT)].contains($0.code) } == true
        return full
            ? .storage(full: true, field: "file", message: "De opslag voor bewijsstukken is vol; er is niets bewaard. Probeer het later opnieuw of meld het de beheerder.")
            : .storage(full: false, field: "file", message: "Het bestand kon niet worden opgeslagen; er is niets bewaard. Probeer het later opnieuw of meld het de beheerder.")
    }

    /// The file of a contract as a download for a reader, logged as an export. Shared by the API and the pages.
    static func download(_ req: Request, contract: ContractModel) async throws -> Response {
        let user = try req.currentUser()
        try requireReader(user, for: contract)
        guard let id = req.parameters.get("evidenceId", as: UUID.self),
              let file = try await EvidenceFileModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == contract.requireID()).first()
        else { throw AppError.notFound }
        let data = try read(file, directory: req.platform.configuration.evidenceDirectory)
        try await AuditLog.record(.export, objectType: "evidence", objectID: id, by: user, about: contract.$buyer.id, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = .binary
        headers.contentDisposition = .init(.attachment, filename: file.filename)
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    static func read(_ file: EvidenceFileModel, directory: String) throws -> Data {
        guard file.deletedAt == nil, let data = FileManager.default.contents(atPath: directory + "/" + file.storageKey) else {
            throw AppError.notFound
        }
        return data
    }

    /// Deletes the evidence of contracts that ended longer ago than their policy's retention period. Safe to run
    /// daily: what is deleted stays deleted, and each deletion is in the audit log.
    static func applyRetention(today: Day, directory: String, on db: any Database) async throws -> Int {
        let files = try await EvidenceFileModel.query(on: db).filter(\.$deletedAt == nil).with(\.$contract).all()
        var deleted = 0
        for file in files {
            let contract = file.contract
            guard let end = Day(iso: contract.endDate),
                  let policy = try await ObligationService.obligation(for: contract, on: db)?.policy else { continue }
            let until = end.adding(months: policy.evidenceRetentionMonths)
            guard today > until else { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + file.storageKey)
            file.deletedAt = Date()
            try await db.writeTransaction { db in
                try await file.update(on: db)
                try await AuditLog.record(.delete, objectType: "evidence", objectID: file.id, by: nil, before: ["filename": file.filename],
                                          after: ["reason": "bewaartermijn van \(policy.evidenceRetentionMonths) maanden na \(end.iso) verstreken"], about: contract.$buyer.id, on: db)
            }
            deleted += 1
        }
        return deleted
    }
}
