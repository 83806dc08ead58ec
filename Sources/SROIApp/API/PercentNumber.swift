import SROIDomain

/// Percentages travel in the API as plain numbers (5, 66.7); inside they are basis points.
enum PercentNumber {
    static func basisPoints(_ number: Double) -> Int { Int(hundredths(number)) }

    /// A number from JSON in hundredths (hours, percentages). Out-of-range input (1e308, infinity) is clamped to a
    /// value every check refuses by name, instead of trapping the server on the conversion.
    static func hundredths(_ number: Double) -> Int64 {
        let scaled = (number * 100).rounded()
        guard scaled.isFinite else { return number.sign == .minus ? -1_000_000_000_000 : 1_000_000_000_000 }
        return Int64(max(-1e12, min(1e12, scaled)))
    }
    static func number(_ percentage: Percentage) -> Double { Double(percentage.basisPoints) / 100 }
    static func number(basisPoints: Int) -> Double { Double(basisPoints) / 100 }
}
