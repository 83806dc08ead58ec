import Fluent
import Foundation
import SROIDomain

/// The supplier's account (SR-rekening): every obligation with every buyer on one page, each valued by its own
/// buyer's scheme, with what is owed, realised and pending, and where value is still free to credit elsewhere.
enum SupplierAccountService {
    struct Line: Sendable {
        var contractID: UUID
        var title: String
        var buyerID: UUID
        var buyerName: String
        var scheme: String
        var callOffs: Int
        var obligation: Money
        var realised: Money
        var pending: Money
        var remaining: Money
        var status: ProgressStatus
        /// An obligation in jobs, placements or effort, in its own unit: "1,5 van 2 banen" (no euros are owed).
        var target: String? = nil
    }

    struct BuyerTotal: Sendable {
        var buyerID: UUID
        var buyerName: String
        var obligation: Money
        var realised: Money
        var pending: Money
        var remaining: Money

        static func empty(_ id: UUID, _ name: String) -> BuyerTotal {
            BuyerTotal(buyerID: id, buyerName: name, obligation: .zero, realised: .zero, pending: .zero, remaining: .zero)
        }

        mutating func add(_ obligation: Money, _ realised: Money, _ pending: Money, _ remaining: Money) {
            self.obligation = self.obligation + obligation
            self.realised = self.realised + realised
            self.pending = self.pending + pending
            self.remaining = self.remaining + remaining
        }
    }

    /// Value not needed where it is: approved on a contract without an obligation, or approved above a contract's
    /// obligation. Value still in review is never free yet: it is shown apart, as what may become free.
    struct FreeValue: Sendable {
        var contractID: UUID
        var title: String
        /// Approved and not needed for this contract's obligation.
        var value: Money
        /// In review, and free once approved.
        var awaitingReview: Money
        var reason: String
    }

    struct Account: Sendable {
        var supplierID: UUID
        var supplierName: String
        var lines: [Line]
        var buyers: [BuyerTotal]
        var free: [FreeValue]
        var transfersWaiting: Int
        var total: BuyerTotal
    }

    /// "1,5 van 2 banen"
    static func inWords(_ t: TargetProgress) -> String {
        "\(TargetProgress.dutch(t.realisedThousandths)) van \(TargetProgress.dutch(t.targetThousandths)) \(t.unit)"
    }

    /// The one definition of free value, from a contract's progress.
    static func freeValue(_ p: ContractProgress, contractID: UUID, title: String) -> FreeValue? {
        let value = Money(cents: max(0, p.realised.cents - p.obligation.cents))
        let reachable = Money(cents: max(0, p.realised.cents + p.pending.cents - p.obligation.cents))
        let awaiting = reachable - value
        guard value.cents > 0 || awaiting.cents > 0 else { return nil }
        let reason = p.obligation.cents == 0 ? "contract zonder social-returnverplichting"
            : value.cents > 0 ? "meer goedgekeurd dan de verplichting" : "wordt vrij als de waarde in beoordeling wordt goedgekeurd"
        return FreeValue(contractID: contractID, title: title, value: value, awaitingReview: awaiting, reason: reason)
    }

    static func account(of supplierID: UUID?, for user: CurrentUser, today: Day, on db: any Database) async throws -> Account {
        guard let supplierID, user.isAdministrator || (user.isSupplier && user.organisationID == supplierID),
              let supplier = try await OrganisationModel.find(supplierID, on: db) else { throw AppError.notFound }
        let awarded = ContractStatus.awardedRawValues
        let contracts = try await ContractModel.query(on: db).filter(\.$supplier.$id == supplierID).filter(\.$statusRaw ~~ awarded)
            .with(\.$buyer).sort(\.$endDate).all()
        let callOffCounts = Dictionary(grouping: contracts.compactMap(\.frameworkID), by: { $0 }).mapValues(\.count)
        var lines: [Line] = []
        var free: [FreeValue] = []
        for contract in contracts where contract.frameworkID == nil {
            guard let id = contract.id, let report = try await ProgressService.report(for: contract, today: today, scope: .supplier(contract.$supplier.id ?? UUID()), on: db),
                  let obligation = try await ObligationService.obligation(for: contract, on: db) else { continue }
            let p = report.progress
            lines.append(Line(contractID: id, title: contract.title, buyerID: contract.$buyer.id, buyerName: contract.buyer.name,
                              scheme: obligation.policy.valuation.name, callOffs: callOffCounts[id] ?? 0, obligation: p.obligation,
                              realised: p.realised, pending: p.pending, remaining: Money(cents: max(0, p.obligation.cents - p.realised.cents)),
                              status: p.status, target: report.target.map(Self.inWords)))
            // The value on a contract with an obligation in jobs, placements or effort serves that obligation: none is free.
            if report.target == nil, let f = freeValue(p, contractID: id, title: contract.title) { free.append(f) }
        }
        var byBuyer: [UUID: BuyerTotal] = [:]
        for l in lines {
            byBuyer[l.buyerID, default: .empty(l.buyerID, l.buyerName)].add(l.obligation, l.realised, l.pending, l.remaining)
        }
        let buyers = byBuyer.values.sorted { $0.buyerName < $1.buyerName }
        var total = BuyerTotal.empty(supplierID, "Totaal")
        for b in buyers { total.add(b.obligation, b.realised, b.pending, b.remaining) }
        let waiting = try await TransferService.list(for: user, on: db).filter { $0.status == "proposed" && $0.contract.$supplier.id == supplierID }.count
        return Account(supplierID: supplierID, supplierName: supplier.name, lines: lines, buyers: buyers, free: free, transfersWaiting: waiting, total: total)
    }
}
