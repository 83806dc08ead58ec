/// A placement partly transferred to other obligations counts for its own obligation only for what the transfers
/// leave, and a transfer counts from the day it took effect. A report period is therefore cut where a transfer took
/// effect; in each part the own obligation keeps 100% minus the shares transferred by then.
public enum TransferSplit {
    public struct Transfer: Sendable, Hashable {
        public var shareBasisPoints: Int
        /// The first day the transfer counts (a transfer effective before the period counts from its start).
        public var from: Day
        public init(shareBasisPoints: Int, from: Day) {
            self.shareBasisPoints = shareBasisPoints
            self.from = from
        }
    }

    public struct Part: Sendable, Hashable {
        public var window: Term
        /// What the own obligation keeps in this part, in basis points (10.000 = all).
        public var keptBasisPoints: Int
    }

    public static func ownParts(of period: Term, transfers: [Transfer]) -> [Part] {
        let cuts = Set(transfers.map(\.from).filter { $0 > period.start && $0 <= period.end }).sorted()
        var from = period.start
        var parts: [Part] = []
        for end in cuts.map({ $0.adding(days: -1) }) + [period.end] {
            guard let window = Term(start: from, end: end) else { continue }
            let given = transfers.filter { $0.from <= from }.reduce(0) { $0 + $1.shareBasisPoints }
            parts.append(Part(window: window, keptBasisPoints: max(0, 10_000 - given)))
            from = end.adding(days: 1)
        }
        return parts
    }
}
