import Foundation
import SROIDomain
import Vapor

/// `sroi report supplier ID`: the supplier's account as a table for the terminal, or as JSON.
public enum SupplierReport {
    public static func render(_ app: Application, supplier id: UUID, json: Bool) async throws -> String {
        guard let org = try await OrganisationModel.find(id, on: app.db), org.kind.canBeAwarded else {
            throw CommandFailure(description: "geen opdrachtnemer met id \(id)")
        }
        let platform = CurrentUser(userID: UUID(), name: "sroi report", email: "", role: .administrator, organisationID: UUID(),
                                   organisationName: "platform", organisationKind: .platform)
        let account = try await SupplierAccountService.account(of: id, for: platform, today: app.platform.today(), on: app.db)
        if json { return String(decoding: try JSONEncoder.api.encode(SupplierAccountDTO(account)), as: UTF8.self) }
        var out = ["SR-rekening van \(account.supplierName) op \(app.platform.today().dutch)", ""]
        let header = ["Opdrachtgever", "Contract", "Verplichting", "Gerealiseerd", "In beoordeling", "Nog te doen", "Status"]
        var rows = account.lines.map { l in
            [l.buyerName, l.title + (l.callOffs > 0 ? " (+\(l.callOffs) nadere opdr.)" : ""), "\(l.obligation)", "\(l.realised)", "\(l.pending)",
             "\(l.remaining)", l.status.dutchLabel]
        }
        for b in account.buyers + [account.total] {
            rows.append([b.buyerName, b.buyerName == "Totaal" ? "" : "totaal", "\(b.obligation)", "\(b.realised)", "\(b.pending)", "\(b.remaining)", ""])
        }
        out += table(header, rows)
        if !account.free.isEmpty {
            out += ["", "Vrije waarde (toe te rekenen aan een andere verplichting):"]
            out += account.free.map { "  \($0.title): \($0.value) vrij, \($0.awaitingReview) in beoordeling – \($0.reason)" }
        }
        if account.transfersWaiting > 0 { out.append("\nOverdrachten die wachten op de opdrachtgever: \(account.transfersWaiting)") }
        return out.joined(separator: "\n")
    }

    /// Columns padded to the widest cell; amounts aligned right.
    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return (2...5).contains(i) ? pad + c : c + pad
            }.joined(separator: "  ")
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }
}
