/// An amount of euros, held as whole cents. Encoded in JSON as an integer number of cents.
public struct Money: Sendable, Hashable, Comparable, Codable {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }
    public init(euros: Int64) { self.cents = euros * 100 }

    public static let zero = Money(cents: 0)

    /// Rounded half up to whole euros (amounts owed are in whole euros).
    public var roundedToWholeEuros: Money {
        Money(cents: divideRoundingHalfUp(cents, by: 100) * 100)
    }

    /// This amount times a percentage, rounded half up to whole euros.
    public func applying(_ percentage: Percentage) -> Money {
        // cents × basis points / 10.000 = cents; / 100 more gives euros.
        let euros = divideRoundingHalfUp(cents * Int64(percentage.basisPoints), by: 10_000 * 100)
        return Money(euros: euros)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }

    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

extension Money: CustomStringConvertible {
    /// Dutch notation: "€ 1.200.000" for whole euros, "€ 20.091,32" otherwise.
    public var description: String { DutchNumberFormat.money(self) }
}
