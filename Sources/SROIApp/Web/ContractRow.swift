import Foundation
import SROIDomain

/// A contract as a line in a table: everything already written the Dutch way.
struct ContractRow: Encodable {
    var id: String
    var title: String
    var buyerName: String
    var supplierName: String
    var statusKey: String
    var statusLabel: String
    var kindLabel: String
    var category: String
    var value: String
    var obligation: String
    var applicable: Bool
    var overridden: Bool
    var period: String

    init(_ c: some ContractFields, obligation: ContractObligation?, names: [UUID: String], categories: [CategoryRule]) {
        id = c.id?.uuidString ?? ""
        title = c.title
        buyerName = names[c.buyerID] ?? ""
        supplierName = c.supplierID.flatMap { names[$0] } ?? "nog niet gegund"
        statusKey = c.statusRaw
        statusLabel = c.status.dutchLabel
        kindLabel = c.kind.dutchLabel
        category = categories.categoryName(cpv: c.cpv)
        value = Money(cents: c.valueCents).description
        applicable = obligation?.effective.applicable ?? false
        self.obligation = applicable ? (obligation?.effective.amount.description ?? "") : "niet van toepassing"
        overridden = obligation?.effective.override != nil
        period = ContractRow.period(c)
    }

    static func period(_ c: some ContractFields) -> String {
        guard let s = Day(iso: c.startDate), let e = Day(iso: c.endDate) else { return "" }
        return "\(s.dutch) – \(e.dutch)"
    }
}
