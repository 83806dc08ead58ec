/// What counts as realised on a contract: the approved value of every line, with social contributions counted only
/// up to the policy's share of the obligation (docs/rules.md). Progress, dashboards and exports all use this.
public enum RealisedValue {
    public struct Result: Sendable, Hashable {
        public var value: Money
        /// How the social contributions were counted; empty when there were none.
        public var contributionNote: [String]
    }

    public static func of(approved: [(block: BuildingBlock, value: Money)], obligation: Money, contributionCap: Percentage) -> Result {
        var others = Money.zero, contributions = Money.zero
        for line in approved {
            if line.block == .socialContribution { contributions = contributions + line.value } else { others = others + line.value }
        }
        guard contributions.cents > 0 else { return Result(value: others, contributionNote: []) }
        let capped = ActivityValuation.capContributions(contributions, obligation: obligation, cap: contributionCap)
        return Result(value: others + capped.value, contributionNote: capped.explanation)
    }
}
