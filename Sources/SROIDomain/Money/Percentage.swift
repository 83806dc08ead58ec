/// A percentage held as basis points (1% = 100), so 5% and 66,7% are exact and never floating point.
public struct Percentage: Sendable, Hashable, Comparable, Codable {
    public var basisPoints: Int

    public init(basisPoints: Int) { self.basisPoints = basisPoints }
    public static func percent(_ whole: Int) -> Percentage { Percentage(basisPoints: whole * 100) }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.basisPoints < rhs.basisPoints }

    /// part / whole as a percentage, rounded half up to basis points (0,01%).
    public static func ratio(_ part: Money, of whole: Money) -> Percentage? {
        guard whole.cents > 0 else { return nil }
        return Percentage(basisPoints: Int(divideRoundingHalfUp(part.cents * 10_000, by: whole.cents)))
    }

    /// Parses "5", "5,5", "66.7", "2,25%".
    public init?(text: String) {
        var s = text.trimming(" %")
        s = String(s.map { $0 == "," ? "." : $0 })
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || (1...2).contains(parts[1].count),
              parts[0].count <= 5 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.count < 2 { fraction += "0" }
        self.basisPoints = Int(parts[0])! * 100 + Int(fraction)!
    }

    public init(from decoder: any Decoder) throws {
        basisPoints = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(basisPoints)
    }
}

extension Percentage: CustomStringConvertible {
    /// Dutch notation: "5%", "66,7%".
    public var description: String { DutchNumberFormat.decimal(Int64(basisPoints), scale: 2) + "%" }
}
