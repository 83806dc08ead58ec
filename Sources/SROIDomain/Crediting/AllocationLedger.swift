/// The shares of one placement or activity credited to obligations (toerekening). The own obligation keeps
/// whatever the others do not take; proposals waiting for an answer are reserved, so that two proposals
/// together can never hand out more than the whole value.
public struct AllocationLedger: Sendable, Hashable {
    /// A share for another obligation: a percentage, or for an activity a fixed amount in euros.
    public enum Share: Sendable, Hashable {
        case percentage(Percentage)
        case amount(Money)
    }

    /// Shares given or promised to other obligations (accepted or still proposed).
    public var others: [Share]
    /// The value of the source under its own obligation's scheme; nil for a placement, whose value grows
    /// with time and can only be split in percentages.
    public var value: Money?

    public init(others: [Share], value: Money?) {
        self.others = others
        self.value = value
    }

    /// What the others take, in cents of `value` (or in basis points for a placement).
    private var takenBasisPoints: Int64 {
        others.reduce(0) { sum, share in
            switch share {
            case .percentage(let p): sum + Int64(p.basisPoints)
            case .amount(let m): sum + (value.map { $0.cents > 0 ? (m.cents * 10_000 + $0.cents - 1) / $0.cents : 10_000 } ?? 10_000)
            }
        }
    }

    private var takenCents: Int64 {
        guard let value else { return 0 }
        return others.reduce(0) { sum, share in
            switch share {
            case .percentage(let p): sum + divideRoundingHalfUp(value.cents * Int64(p.basisPoints), by: 10_000)
            case .amount(let m): sum + m.cents
            }
        }
    }

    /// The share left for the own obligation, in basis points.
    public var remainingBasisPoints: Int { max(0, 10_000 - Int(min(takenBasisPoints, 10_000))) }

    /// What the own obligation keeps of `value`.
    public var remaining: Money? { value.map { Money(cents: max(0, $0.cents - takenCents)) } }

    /// Checks a new share against what is left; the error names the field and says how much is left.
    public func problems(adding share: Share) -> [FieldError] {
        switch share {
        case .percentage(let p):
            if p.basisPoints <= 0 || p.basisPoints > 10_000 {
                return [FieldError(field: "percentage", message: "verwacht een percentage groter dan 0 en hoogstens 100")]
            }
            if let value {
                let cents = divideRoundingHalfUp(value.cents * Int64(p.basisPoints), by: 10_000)
                if cents > value.cents - takenCents {
                    return [FieldError(field: "percentage", message: "er is nog \(Money(cents: max(0, value.cents - takenCents))) van \(value) vrij; \(p) is \(Money(cents: cents))")]
                }
            } else if Int64(p.basisPoints) > 10_000 - takenBasisPoints {
                return [FieldError(field: "percentage", message: "er is nog \(Percentage(basisPoints: remainingBasisPoints)) vrij om toe te rekenen")]
            }
        case .amount(let m):
            guard let value else {
                return [FieldError(field: "amountCents", message: "een plaatsing verdeelt u in procenten: haar waarde groeit met de tijd")]
            }
            if m.cents <= 0 { return [FieldError(field: "amountCents", message: "verwacht een bedrag groter dan 0")] }
            if m.cents > value.cents - takenCents {
                return [FieldError(field: "amountCents", message: "er is nog \(Money(cents: max(0, value.cents - takenCents))) van \(value) vrij; gevraagd \(m)")]
            }
        }
        return []
    }
}
