import Foundation
import SROIDomain

/// The dashboard's person counts as every page, export and API answer shows them: the dashboard aggregates across
/// contracts and travels (printed, exported, published), so the "< 5" rule with secondary suppression applies to
/// every reader. Persons by target group and by block are each a group with the total of persons placed.
struct DashboardPersonCounts: Sendable {
    var people: PersonCount
    var byTargetGroup: [(TargetGroup, PersonCount)]
    var byBlock: [BuildingBlock: PersonCount]
    var durable: PersonCount
    var judged: PersonCount
    var revolvingDoors: PersonCount
    /// Persons with a target group a job service established, of the persons placed.
    var verified: PersonCount
    /// Names the buyer's own target groups and blocks.
    var scheme: ValuationScheme

    init(_ d: Dashboard) {
        scheme = d.scheme
        let groups = SmallCountRule.protect(total: d.peopleTotal, parts: d.peopleByTargetGroup.map(\.1))
        let blocks = SmallCountRule.protect(total: d.peopleTotal, parts: d.peopleByBlock.map(\.1))
        // The total is withheld when either breakdown would give a hidden part away through it.
        people = groups.total == .withheld || blocks.total == .withheld ? .withheld : groups.total
        byTargetGroup = zip(d.peopleByTargetGroup.map(\.0), groups.parts).map { ($0, $1) }
        byBlock = Dictionary(zip(d.peopleByBlock.map(\.0), blocks.parts).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        (durable, judged) = SmallCountRule.protect(part: d.durability.durable, of: d.durability.judged)
        revolvingDoors = SmallCountRule.protect(d.durability.revolvingDoors)
        verified = SmallCountRule.protect(part: d.peopleVerified, of: d.peopleTotal).part
    }
}

extension Dashboard {
    var personCounts: DashboardPersonCounts { DashboardPersonCounts(self) }
}
