import Fluent
import Foundation
import SROIDomain

/// Durability of placements and revolving doors (draaideur), found by pseudonym across every contract and buyer.
/// A buyer learns only that a placement is flagged, never where else the person worked.
enum DurabilityService {
    struct Summary: Sendable {
        var placements: Int
        var durable: Int
        var judged: Int
        var retention6: Durability.Retention
        var retention12: Durability.Retention
        var revolvingDoors: Int
    }

    /// The placements among `placements` that are revolving doors, judged against every placement of the same people.
    static func revolvingDoors(among placements: [PlacementModel], today: Day, on db: any Database) async throws -> Set<UUID> {
        let candidates = Set(placements.map(\.candidate))
        guard !candidates.isEmpty else { return [] }
        var all: [PlacementModel] = []
        // Chunked: a database limits the number of bound parameters.
        let list = Array(candidates)
        for start in stride(from: 0, to: list.count, by: 500) {
            all += try await PlacementModel.query(on: db).filter(\.$candidate ~~ Array(list[start..<min(start + 500, list.count)])).all()
        }
        // Parts of one stacked job are one job, not a door.
        var seenJobs: Set<UUID> = []
        let spans = all.filter { p in p.stackedJobID.map { seenJobs.insert($0).inserted || placements.contains { $0.id == p.id } } ?? true }.compactMap(\.span)
        let flagged = Durability.revolvingDoors(spans, on: today)
        return Set(placements.compactMap(\.id).filter { flagged.contains($0.uuidString) })
    }

    static func summary(of placements: [PlacementModel], today: Day, on db: any Database) async throws -> Summary {
        let spans = placements.compactMap(\.span)
        let share = Durability.durableShare(spans, on: today)
        return Summary(placements: spans.count, durable: share.durable, judged: share.judged,
                       retention6: Durability.retention(spans, months: 6, on: today),
                       retention12: Durability.retention(spans, months: 12, on: today),
                       revolvingDoors: try await revolvingDoors(among: placements, today: today, on: db).count)
    }
}
