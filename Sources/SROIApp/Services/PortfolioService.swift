import Fluent
import Foundation
import SROIDomain

/// The buyer's portfolio (kansrijke contracten) and tender calendar, from its stored contracts.
struct Portfolio: Sendable {
    let entries: [PortfolioEntry]
    let tenders: [TenderCalendarEntry]
    let today: Day

    var top: ArraySlice<PortfolioEntry> { entries.prefix(3) }
}

enum PortfolioService {
    static func portfolio(for user: CurrentUser, today: Day, on db: any Database) async throws -> Portfolio {
        guard user.isBuyer else {
            throw AppError.forbidden("Het portfolio is er voor opdrachtgevers.")
        }
        let contracts = try await Access.contracts(for: user, on: db).all()
        let policy = try await PolicyStore.currentPolicy(of: user.organisationID, on: db)
        let running = contracts.filter { $0.status == .awarded || $0.status == .running }.compactMap { c -> PortfolioContract? in
            guard let id = c.id, let term = c.term else { return nil }
            return PortfolioContract(id: id.uuidString, title: c.title, value: Money(cents: c.valueCents),
                                     cpv: c.cpv.flatMap(CPVCode.init), term: term,
                                     extensionUntil: c.extensionUntil.flatMap(Day.init(iso:)))
        }
        let tenders = contracts.filter(\.status.isTender).compactMap { c -> PlannedTender? in
            guard let id = c.id else { return nil }
            return PlannedTender(id: id.uuidString, title: c.title, publication: c.publicationDate.flatMap(Day.init(iso:)))
        }
        return Portfolio(entries: PortfolioRanking.rank(running, policy: policy, today: today),
                         tenders: TenderCalendar.entries(tenders, today: today), today: today)
    }
}
