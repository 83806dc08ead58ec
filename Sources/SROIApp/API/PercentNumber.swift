import SROIDomain

/// Percentages travel in the API as plain numbers (5, 66.7); inside they are basis points.
enum PercentNumber {
    static func basisPoints(_ number: Double) -> Int { Int((number * 100).rounded()) }
    static func number(_ percentage: Percentage) -> Double { Double(percentage.basisPoints) / 100 }
    static func number(basisPoints: Int) -> Double { Double(basisPoints) / 100 }
}
