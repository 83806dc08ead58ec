/// A coordinator's decision to deviate from the computed obligation. The computed value is kept beside it.
public struct ObligationOverride: Sendable, Hashable, Codable {
    /// Applicable or not, against the computation; nil keeps the computed applicability.
    public var applicable: Bool?
    /// Another amount; nil keeps the computed amount.
    public var amount: Money?
    /// Why: required, in the coordinator's words.
    public var reason: String

    public init(applicable: Bool? = nil, amount: Money? = nil, reason: String) {
        self.applicable = applicable
        self.amount = amount
        self.reason = reason
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if reason.trimming(" \n\t").isEmpty {
            errors.append(FieldError(field: "reason", message: "geef een reden voor de afwijking"))
        }
        if applicable == nil && amount == nil {
            errors.append(FieldError(field: "amountCents", message: "geef een bedrag of kies of social return van toepassing is"))
        }
        if let amount, amount.cents < 0 {
            errors.append(FieldError(field: "amountCents", message: "het bedrag mag niet negatief zijn"))
        }
        // Far above any obligation, and small enough that the expected share of it stays within 64 bits.
        if let amount, amount.cents > 10_000_000_000_000 {
            errors.append(FieldError(field: "amountCents", message: "hoogstens € 100.000.000.000"))
        }
        if applicable == false, let amount, amount.cents > 0 {
            errors.append(FieldError(field: "amountCents", message: "geen bedrag als social return niet van toepassing is"))
        }
        return errors
    }
}

/// The obligation that counts: the calculation, with the override applied when there is one.
public struct EffectiveObligation: Sendable, Hashable {
    public var computed: ObligationCalculation
    public var override: ObligationOverride?
    /// An obligation agreed in jobs, placements or effort instead of euros (`ObligationTarget`); its name in words.
    public var target: ObligationTarget?
    public var targetDescription: String?

    public init(computed: ObligationCalculation, override: ObligationOverride?, target: ObligationTarget? = nil, targetDescription: String? = nil) {
        self.computed = computed
        self.override = override
        self.target = target
        self.targetDescription = targetDescription
    }

    public var applicable: Bool {
        if let amount = override?.amount, amount.cents > 0 { return override?.applicable ?? true }
        return override?.applicable ?? computed.applicable
    }

    /// The euros owed: none where the obligation is agreed in another unit.
    public var amount: Money {
        guard applicable, target == nil else { return .zero }
        if let amount = override?.amount { return amount }
        return computed.amount
    }

    public var explanation: [String] {
        var lines = computed.explanation
        if let targetDescription {
            lines.append("De verplichting is afgesproken als \(targetDescription), in plaats van in euro's; de voortgang telt in die eenheid.")
        }
        guard let override else { return lines }
        var change: [String] = []
        if let a = override.applicable, a != computed.applicable {
            change.append(a ? "wel van toepassing verklaard" : "niet van toepassing verklaard")
        }
        if let amount = override.amount, amount != computed.amount {
            change.append("bedrag vastgesteld op \(amount) in plaats van \(computed.amount)")
        }
        let what = change.isEmpty ? "bevestigd" : joinDutch(change)
        lines.append("Aangepast door de coördinator: \(what). Reden: \(override.reason)")
        return lines
    }
}
