/// What the percentage of an obligation is taken of.
public enum ObligationBasis: String, Sendable, Codable, CaseIterable {
    /// Opdrachtwaarde: the usual municipal rule.
    case contractValue = "contract_value"
    /// Loonsom: the national government's rule (Rijk).
    case wageSum = "wage_sum"

    public var dutchLabel: String {
        switch self {
        case .contractValue: "opdrachtwaarde"
        case .wageSum: "loonsom"
        }
    }
}
