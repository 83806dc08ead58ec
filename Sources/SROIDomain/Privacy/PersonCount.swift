/// A count of persons as it may be shown to someone who does not see the persons themselves (AVG): 1 to 4 persons
/// read "< 5", and a count that would let a reader work out such a small count by subtraction from a total is
/// withheld ("afgeschermd").
public enum PersonCount: Sendable, Equatable {
    case exact(Int)
    case fewerThanFive
    case withheld

    /// The number, when it may be shown.
    public var value: Int? {
        if case .exact(let n) = self { return n }
        return nil
    }

    public var display: String {
        switch self {
        case .exact(let n): DutchNumberFormat.grouped(n)
        case .fewerThanFive: "< 5"
        case .withheld: "afgeschermd"
        }
    }
}

/// The "< 5" rule, in one place.
///
/// - A single count of 1 to 4 persons reads "< 5"; 0 and 5 or more are shown.
/// - A total with its parts (persons by target group, by building block; durable and not durable of those judged):
///   when exactly one part is hidden and the total is shown, the hidden part would follow from the total minus the
///   others, so the smallest other part that is not zero is withheld too (secondary suppression). Total 13 with parts
///   12 and 1 reads 13, "afgeschermd" and "< 5". With two or more parts hidden, their sum is known but not each.
/// - Someone who sees the persons one by one (the supplier, the buyer's reviewers of the contract) gets exact
///   counts: hiding them would not protect anyone and would contradict the list beside them.
public enum SmallCountRule {
    public static let threshold = 5

    public static func protect(_ n: Int) -> PersonCount {
        (1..<threshold).contains(n) ? .fewerThanFive : .exact(n)
    }

    public static func protect(total: Int, parts: [Int]) -> (total: PersonCount, parts: [PersonCount]) {
        let shownTotal = protect(total)
        var shown = parts.map(protect)
        let hidden = shown.filter { $0.value == nil }.count
        if hidden == 1, shownTotal.value.map({ $0 > 0 }) == true {
            let candidates = shown.indices.compactMap { i in shown[i].value.flatMap { $0 > 0 ? (i, $0) : nil } }
            if let smallest = candidates.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) {
                shown[smallest.0] = .withheld
            } else {
                // No other part to hide: the total itself would give the hidden part away.
                return (.withheld, shown)
            }
        }
        return (shownTotal, shown)
    }

    /// A part of a whole shown as "part of whole" (durable of judged): the part and the rest form the group.
    public static func protect(part: Int, of whole: Int) -> (part: PersonCount, whole: PersonCount) {
        let result = protect(total: whole, parts: [part, max(0, whole - part)])
        return (result.parts[0], result.total)
    }

    /// Exact for someone who sees the persons, protected otherwise.
    public static func count(_ n: Int, seesPersons: Bool) -> PersonCount {
        seesPersons ? .exact(n) : protect(n)
    }
}
