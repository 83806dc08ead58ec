import Foundation
import SROIDomain

/// The person counts of one contract as one viewer may see them (`SmallCountRule`): exact for whoever sees the
/// persons one by one (`FulfilmentAccess.seesPersons`), otherwise "< 5" with secondary suppression, so that no
/// figure on the page or in the API can be subtracted from another to reveal a small one.
struct ContractPersonCounts: Sendable {
    var byTargetGroup: [(TargetGroup, PersonCount)]
    var byBlock: [(BuildingBlock, PersonCount)]
    var placements: PersonCount
    var judged: PersonCount
    var durable: PersonCount
    var eligible6: PersonCount
    var retained6: PersonCount
    var eligible12: PersonCount
    var retained12: PersonCount
    var revolvingDoors: PersonCount
    /// Names the contract's own target groups and blocks.
    var scheme: ValuationScheme

    init(_ r: ContractProgressReport, seesPersons: Bool) {
        scheme = r.scheme
        func group<K>(_ parts: [(K, Int)]) -> [(K, PersonCount)] {
            guard !seesPersons else { return parts.map { ($0.0, .exact($0.1)) } }
            let shown = SmallCountRule.protect(total: r.peopleTotal, parts: parts.map(\.1)).parts
            return zip(parts.map(\.0), shown).map { ($0, $1) }
        }
        func pair(_ part: Int, of whole: Int) -> (PersonCount, PersonCount) {
            guard !seesPersons else { return (.exact(part), .exact(whole)) }
            return SmallCountRule.protect(part: part, of: whole)
        }
        byTargetGroup = group(r.peopleByTargetGroup)
        byBlock = group(r.peopleByBlock)
        let d = r.durability
        placements = SmallCountRule.count(d?.placements ?? 0, seesPersons: seesPersons)
        (durable, judged) = pair(d?.durable ?? 0, of: d?.judged ?? 0)
        (retained6, eligible6) = pair(d?.retention6.retained ?? 0, of: d?.retention6.eligible ?? 0)
        (retained12, eligible12) = pair(d?.retention12.retained ?? 0, of: d?.retention12.eligible ?? 0)
        revolvingDoors = SmallCountRule.count(d?.revolvingDoors ?? 0, seesPersons: seesPersons)
    }

    /// A share as a percentage, only where both counts are shown and the whole is at least 5 persons: a percentage of
    /// fewer would reveal them as well as a count does.
    static func percent(_ part: PersonCount, of whole: PersonCount) -> Double? {
        guard let p = part.value, let w = whole.value, w >= SmallCountRule.threshold else { return nil }
        return PercentNumber.number(Percentage(basisPoints: Int(divideRoundingHalfUp(Int64(p) * 10_000, by: Int64(w)))))
    }
}
