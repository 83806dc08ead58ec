import Fluent
import Foundation
import SROIDomain
import Vapor

/// Attachments of a bid's plan of approach: added by whoever may enter the bid (the purchaser, or the bidder before the
/// closing date), read by the buyer's side and the bidder, every upload and download in the audit log.
enum BidAttachments {
    static let maximumSize = 20 * 1024 * 1024

    static func attach(_ bytes: ByteBuffer, filename: String, to bid: BidModel, of tender: ContractModel, by user: CurrentUser, today: Day,
                       directory: String, on db: any Database) async throws -> BidAttachmentModel {
        let buyerEditor = BidService.isBuyerSide(user, of: tender) && (try? Access.requireContractEditor(user)) != nil
        let bidder = user.isSupplier && bid.$supplier.id == user.organisationID && (user.role.reports || user.role == .supplierAdmin)
        guard buyerEditor || bidder else { throw AppError.forbidden("Alleen de inkoper of de inschrijver zelf voegt stukken toe.") }
        guard !tender.status.isAwarded else { throw AppError.conflict(field: "file", message: "De opdracht is gegund; de inschrijving staat vast.") }
        if bidder && !buyerEditor, let close = tender.bidsCloseOn.flatMap(Day.init(iso:)), today > close {
            throw AppError.conflict(field: "file", message: "De inschrijvingstermijn is gesloten op \(close.dutch).")
        }
        guard bytes.readableBytes > 0 else { throw AppError.validation([.init(field: "file", message: "het bestand is leeg")]) }
        guard bytes.readableBytes <= maximumSize else { throw AppError.validation([.init(field: "file", message: "een bijlage is hoogstens 20 MB")]) }
        let data = Data(bytes.readableBytesView)
        let stored = try StoredFiles.write(data, directory: directory)
        let a = BidAttachmentModel()
        a.$bid.id = try bid.requireID()
        a.filename = StoredFiles.cleanName(filename)
        a.size = Int64(data.count)
        a.sha256 = stored.sha256
        a.storageKey = stored.key
        a.uploadedBy = user.userID
        try await StoredFiles.keep(stored.key, in: directory) {
            try await db.writeTransaction { db in
                try await a.create(on: db)
                try await AuditLog.record(.create, objectType: "bid_attachment", objectID: a.id, by: user, before: Optional<String>.none,
                                          after: ["filename": a.filename, "size": String(a.size)], about: tender.$buyer.id, on: db)
            }
        }
        return a
    }

    static func list(of bid: BidModel, on db: any Database) async throws -> [BidAttachmentModel] {
        try await BidAttachmentModel.query(on: db).filter(\.$bid.$id == (try bid.requireID())).sort(\.$uploadedAt).all()
    }

    /// The file as a download, for whoever may see the bid; logged as an export.
    static func download(_ attachmentID: UUID?, of bid: BidModel, tender: ContractModel, by user: CurrentUser, directory: String,
                         on db: any Database) async throws -> Response {
        guard let attachmentID, let a = try await BidAttachmentModel.query(on: db).filter(\.$id == attachmentID).filter(\.$bid.$id == (try bid.requireID())).first(),
              let data = FileManager.default.contents(atPath: directory + "/" + a.storageKey) else { throw AppError.notFound }
        try await AuditLog.record(.export, objectType: "bid_attachment", objectID: a.id, by: user, about: tender.$buyer.id, on: db)
        var headers = HTTPHeaders()
        headers.contentType = .binary
        headers.contentDisposition = .init(.attachment, filename: a.filename)
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// The bids that did not win, with their attachments, are deleted as long after the contract's end as the policy keeps
    /// evidence (`evidenceRetentionMonths`); a tender never awarded counts from its planned end. The winner's bid stays
    /// with the contract's obligation. Safe to run daily; each deletion is audited.
    static func applyRetention(today: Day, directory: String, on db: any Database) async throws -> Int {
        let bids = try await BidModel.query(on: db).with(\.$contract).all()
        var deleted = 0
        for bid in bids {
            let contract = bid.contract
            guard contract.$supplier.id != bid.$supplier.id || !contract.status.isAwarded, let end = Day(iso: contract.endDate) else { continue }
            let months = try await PolicyStore.currentPolicy(of: contract.$buyer.id, on: db).evidenceRetentionMonths
            guard today > end.adding(months: months) else { continue }
            for a in try await list(of: bid, on: db) { try? FileManager.default.removeItem(atPath: directory + "/" + a.storageKey) }
            try await db.writeTransaction { db in
                try await bid.delete(on: db)
                try await AuditLog.record(.delete, objectType: "bid", objectID: bid.id, by: nil, before: ["supplier": bid.$supplier.id.uuidString],
                                          after: ["reason": "bewaartermijn van \(months) maanden na \(end.iso) verstreken"], about: contract.$buyer.id, on: db)
            }
            deleted += 1
        }
        return deleted
    }
}
