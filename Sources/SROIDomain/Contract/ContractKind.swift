/// The type of a public contract under Dutch procurement law.
public enum ContractKind: String, Sendable, Codable, CaseIterable {
    /// Werk: construction works.
    case werk
    /// Dienst: services.
    case dienst
    /// Levering: supplies.
    case levering

    public var dutchLabel: String {
        switch self {
        case .werk: "werk"
        case .dienst: "dienst"
        case .levering: "levering"
        }
    }
}
