/// Splits an amount over shares so that the parts add up to the amount exactly (largest remainder, ties to the
/// first). Used where one value is credited to several obligations: pro-rata booking of a joint tender, the
/// parts of a stacked job. Rounding each part on its own could create or lose a cent, i.e. count value twice.
public enum ProRataSplit {
    public static func split(_ amount: Money, weights: [Int64]) -> [Money] {
        let total = weights.reduce(0, +)
        guard total > 0, !weights.contains(where: { $0 < 0 }) else { return weights.map { _ in .zero } }
        let sign: Int64 = amount.cents < 0 ? -1 : 1
        let cents = amount.cents * sign
        var parts = weights.map { cents * $0 / total }
        var remainders = weights.enumerated().map { (index: $0.offset, rest: cents * $0.element % total) }
        var left = cents - parts.reduce(0, +)
        remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }
        for r in remainders where left > 0 {
            parts[r.index] += 1
            left -= 1
        }
        return parts.map { Money(cents: $0 * sign) }
    }
}
