/// What the obligation of a contract is computed from.
public struct ContractTerms: Sendable, Hashable {
    /// Opdrachtwaarde, excluding VAT.
    public var value: Money
    /// Loonsom, when known.
    public var wageSum: Money?
    /// Arbeidsaandeel, when given; otherwise derived from wage sum / value.
    public var labourShare: Percentage?
    public var kind: ContractKind
    public var cpv: CPVCode?
    public var term: Term
    /// The awarded supplier's number of employees, when known: a policy may set a lighter regime for small firms.
    public var supplierEmployees: Int?

    public init(value: Money, wageSum: Money? = nil, labourShare: Percentage? = nil, kind: ContractKind,
                cpv: CPVCode? = nil, term: Term, supplierEmployees: Int? = nil) {
        self.value = value
        self.wageSum = wageSum
        self.labourShare = labourShare
        self.kind = kind
        self.cpv = cpv
        self.term = term
        self.supplierEmployees = supplierEmployees
    }

    /// The labour share used by the rules: as given, or wage sum / value.
    public var effectiveLabourShare: Percentage? {
        if let labourShare { return labourShare }
        if let wageSum { return Percentage.ratio(wageSum, of: value) }
        return nil
    }
}
