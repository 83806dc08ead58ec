/// Where a progress report stands.
public enum ReportStatus: String, Codable, CaseIterable, Sendable {
    case draft
    case submitted
    case infoRequested = "info_requested"
    case approved
    case partiallyApproved = "partially_approved"
    case rejected

    public var dutchLabel: String {
        switch self {
        case .draft: "concept"
        case .submitted: "ingediend, wacht op beoordeling"
        case .infoRequested: "meer informatie gevraagd"
        case .approved: "goedgekeurd"
        case .partiallyApproved: "deels goedgekeurd"
        case .rejected: "afgekeurd"
        }
    }

    /// The supplier may still change and (re)submit it.
    public var isOpenForSupplier: Bool { self == .draft || self == .infoRequested }

    /// A submitted report once its lines are decided: approved when every line is, rejected when none is, partly
    /// approved otherwise; nil while a line is still pending (the report stays submitted).
    public static func settled(_ decisions: [LineDecision]) -> ReportStatus? {
        guard !decisions.contains(.pending) else { return nil }
        let approved = decisions.filter { $0 == .approved }.count
        return approved == decisions.count ? .approved : approved == 0 ? .rejected : .partiallyApproved
    }
}

/// The reviewer's decision on one line of a report.
public enum LineDecision: String, Codable, CaseIterable, Sendable {
    case pending
    case approved
    case rejected

    public var dutchLabel: String {
        switch self {
        case .pending: "wacht op beoordeling"
        case .approved: "goedgekeurd"
        case .rejected: "afgekeurd"
        }
    }
}
