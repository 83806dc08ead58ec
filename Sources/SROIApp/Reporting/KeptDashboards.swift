import Fluent
import Foundation
import Prometheus
import SQLKit
import SROIDomain

/// A buyer's dashboard kept under the data generation (`GenerationCache`, issue 20), per buyer, filter and day. A
/// dashboard is computed from those alone, so every user who may see the buyer's dashboard gets the same one: the
/// management pages, the dashboard over the API (when its own kept answer is stale) and the public figures.
extension DashboardService {
    struct Key: Hashable, Sendable {
        var organisation: UUID
        var filter: DashboardFilter
        var today: Day
    }

    typealias Cache = GenerationCache<Key, Dashboard>

    static func cache(limit: Int, registry: PrometheusCollectorRegistry) -> Cache {
        // Roughly the bytes a dashboard holds: its lines and lists, a few hundred bytes each.
        Cache(name: "dashboards", limit: limit, registry: registry) { _, d in
            2_000 + 300 * (d.contracts.count + d.lateReports.count + d.reviewBacklog.count)
        }
    }

    /// Reads the data generation, then the buyer (`check` may refuse it), then its dashboard: kept while nothing
    /// changes. The buyer is read after the generation because the dashboard holds its name and jobs goal.
    static func kept(organisation id: UUID, filter: DashboardFilter, today: Day, cache: Cache, on db: any Database,
                     check: (OrganisationModel) throws -> Void = { _ in }) async throws -> (OrganisationModel, Dashboard) {
        guard cache.isOn, let sql = db as? any SQLDatabase else {
            guard let org = try await OrganisationModel.find(id, on: db) else { throw AppError.notFound }
            try check(org)
            return (org, try await dashboard(of: org, filter: filter, today: today, on: db))
        }
        let generation = try await DataGeneration.current(on: sql)
        guard let org = try await OrganisationModel.find(id, on: db) else { throw AppError.notFound }
        try check(org)
        let d = try await cache.value(for: Key(organisation: id, filter: filter, today: today), at: generation, on: db.eventLoop) {
            try await dashboard(of: org, filter: filter, today: today, on: db)
        }
        return (org, d)
    }
}
