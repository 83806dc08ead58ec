import Foundation
import SROIDomain
import Testing
@testable import SROIApp

extension AppTests {
/// The dashboard's filter choices are the year's contracts, before a filter narrows them. Without a filter they are
/// taken from the contracts the dashboard reads anyway; with one, from a query of their own: both must give the same.
@Suite("The dashboard's filter choices")
struct DashboardChoicesTests {
    @Test("Without a filter, by supplier, region or category: the same suppliers, categories and regions to choose from")
    func choicesDoNotNarrow() async throws {
        try await withWorld { world in
            // Arrange: 2026 contracts of two suppliers in two regions and two categories; one planned (no choice).
            _ = try await world.createContract(["title": "Schoonmaak", "status": "running", "cpv": "90910000", "region": "Haaglanden",
                                                "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Groen", "status": "awarded", "cpv": "77310000", "region": "Rijnmond",
                                                "supplierId": .string(world.supplierB.uuidString)])
            _ = try await world.createContract(["title": "Gepland", "status": "planned", "cpv": "45000000", "region": "Drechtsteden",
                                                "supplierId": nil])
            let buyer = try #require(world.buyer)
            let today = try #require(Day(iso: "2026-11-27"))
            let views = [DashboardFilter(year: 2026), DashboardFilter(year: 2026, supplierID: world.supplierA),
                         DashboardFilter(year: 2026, region: "Rijnmond"), DashboardFilter(year: 2026, category: "909")]

            // Act
            var dashboards: [Dashboard] = []
            for filter in views {
                dashboards.append(try await DashboardService.dashboard(organisation: buyer, filter: filter, today: today, on: world.app.db))
            }

            // Check: both suppliers, both regions, the policy's categories holding a contract (Groenonderhoud 7731,
            // Schoonmaak 909, by name); never the planned one's (Bouw 45)
            let first = dashboards[0]
            #expect(Set(first.suppliers.map(\.0)) == [world.supplierA, world.supplierB])
            #expect(first.regions == ["Haaglanden", "Rijnmond"])
            #expect(first.categories.map(\.0) == ["7731", "909"])
            #expect(first.contracts.count == 2)
            for (filter, d) in zip(views, dashboards).dropFirst() {
                #expect(d.suppliers.map(\.0) == first.suppliers.map(\.0) && d.suppliers.map(\.1) == first.suppliers.map(\.1), "\(filter)")
                #expect(d.regions == first.regions, "\(filter)")
                #expect(d.categories.map(\.0) == first.categories.map(\.0), "\(filter)")
                #expect(d.contracts.count == 1, "\(filter)")
            }
        }
    }
}
}
