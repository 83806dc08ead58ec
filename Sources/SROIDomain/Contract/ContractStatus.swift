/// Where a tender or contract stands in its life.
public enum ContractStatus: String, Sendable, Codable, CaseIterable {
    case planned
    case inTender = "in_tender"
    case awarded
    case running
    case ended

    public var dutchLabel: String {
        switch self {
        case .planned: "gepland"
        case .inTender: "in aanbesteding"
        case .awarded: "gegund"
        case .running: "lopend"
        case .ended: "beëindigd"
        }
    }

    /// From award on, the contract keeps the policy version it was awarded under.
    public var isAwarded: Bool {
        switch self {
        case .planned, .inTender: false
        case .awarded, .running, .ended: true
        }
    }

    /// The stored values of the awarded statuses, for a query.
    public static let awardedRawValues: [String] = allCases.filter(\.isAwarded).map(\.rawValue)

    /// Still a tender (aanbesteding): shown on the tender calendar.
    public var isTender: Bool { !isAwarded }
}
