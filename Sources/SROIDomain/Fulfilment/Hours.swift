/// A number of hours held as hundredths (24,5 hours = 2.450), so hours add up exactly.
public struct Hours: Sendable, Hashable, Comparable, Codable {
    public var hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }
    public init(whole: Int64) { self.hundredths = whole * 100 }

    public static let zero = Hours(hundredths: 0)
    public static func < (lhs: Hours, rhs: Hours) -> Bool { lhs.hundredths < rhs.hundredths }
    public static func + (lhs: Hours, rhs: Hours) -> Hours { Hours(hundredths: lhs.hundredths + rhs.hundredths) }

    /// Parses "24", "24,5", "1.326,25", "24.5".
    public init?(text: String) {
        guard let money = DutchNumberFormat.parseMoney(text) else { return nil }
        self.hundredths = money.cents
    }

    public init(from decoder: any Decoder) throws {
        hundredths = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hundredths)
    }
}

extension Hours: CustomStringConvertible {
    /// "24", "24,5", "1.326"
    public var description: String { DutchNumberFormat.decimal(hundredths, scale: 2) }
}
