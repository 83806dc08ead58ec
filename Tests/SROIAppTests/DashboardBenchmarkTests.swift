import Foundation
import NIOConcurrencyHelpers
import SROIDomain
import Testing
import XCTVapor
@testable import SROIApp

extension AppTests {
/// `sroi bench dashboard` on a small data set: both hand-written references agree with the dashboard figure by
/// figure (the run stops at a difference), on SQLite and on PostgreSQL. The times it prints are not checked.
@Suite("Dashboard benchmark")
struct DashboardBenchmarkTests {
    @Test("A small run prints all four views, every figure of both references equal to the dashboard's")
    func smallRunAgrees() async throws {
        try await XCTVaporContext.$emitWarningIfCurrentTestInfoIsAvailable.withValue(false) {
            // Arrange: an empty database of its own.
            let world = try await TestWorld.make(loadFixtures: false)
            do {
                let lines = NIOLockedValueBox<[String]>([])
                // Act
                try await DashboardBenchmark.run(world.app, scale: .init(buyers: 4, suppliers: 3, contracts: 80, placements: 400, weeks: 6),
                                                 samples: 4) { line in lines.withLockedValue { $0.append(line) } }
                // Check: a line per view with both ratios.
                let printed = lines.withLockedValue { $0 }
                for view in ["2026, zonder filter", "2026, categorie 90", "2026, één opdrachtnemer", "2025, beëindigd"] {
                    let line = try #require(printed.first { $0.hasPrefix(view) }, "\(view) missing in \(printed)")
                    #expect(line.components(separatedBy: "×").count == 3, "\(line)")
                }
                try await world.shutdown()
            } catch {
                try? await world.shutdown()
                throw error
            }
        }
    }

    @Test("The comparison fails at one figure that differs")
    func checkFindsADifference() throws {
        // Arrange: a dashboard of nobody, and the SQL's figures for it, equal …
        let dashboard = Dashboard(organisationID: UUID(), organisationName: "Gemeente", filter: DashboardFilter(year: 2026),
                                  day: Day(iso: "2026-11-27")!, totals: ManagementFigures.totals([], on: Day(iso: "2026-11-27")!),
                                  contracts: [], peopleTotal: 7, peopleByTargetGroup: [(.banenafspraak, 7)], peopleByBlock: [],
                                  valueByBlock: [], jobsThousandths: 0, jobsGoal: nil, jobsGoalYear: nil,
                                  durability: .init(placements: 9, durable: 2, judged: 5, retention6: .init(eligible: 4, retained: 3),
                                                    retention12: .init(eligible: 2, retained: 1), revolvingDoors: 1),
                                  timeline: [], suppliers: [], categories: [], regions: [])
        var sql = DashboardBenchmark.Complete()
        sql.people = 7; sql.peopleByGroup = [TargetGroup.banenafspraak.rawValue: 7]
        sql.durable = 2; sql.judged = 5; sql.eligible6 = 4; sql.retained6 = 3; sql.eligible12 = 2; sql.retained12 = 1; sql.doors = 1
        try DashboardBenchmark.check(sql, against: dashboard, buyer: "Gemeente")
        // Act and check: … and one retained person fewer at 12 months is a failure that names the figure.
        sql.retained12 = 0
        let error = #expect(throws: CommandFailure.self) { try DashboardBenchmark.check(sql, against: dashboard, buyer: "Gemeente") }
        #expect(error?.description.contains("behoud na 12 maanden") == true)
    }
}
}
