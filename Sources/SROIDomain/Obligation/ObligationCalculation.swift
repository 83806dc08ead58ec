/// Which rule of the policy set the amount.
public enum ObligationRule: String, Sendable, Codable {
    case notApplicable = "not_applicable"
    case standard
    case category
    case lowLabourShareOfValue = "low_labour_share_of_value"
    case lowLabourShareOfWageSum = "low_labour_share_of_wage_sum"
    case wageSum = "wage_sum"
}

/// The obligation a policy gives a contract, with the reasons in plain Dutch.
public struct ObligationCalculation: Sendable, Hashable {
    public var applicable: Bool
    public var amount: Money
    public var rule: ObligationRule
    public var percentage: Percentage?
    /// What the percentage was taken of.
    public var base: ObligationBasis?
    public var baseAmount: Money?
    /// Each step of the reasoning, one sentence per line.
    public var explanation: [String]
}
