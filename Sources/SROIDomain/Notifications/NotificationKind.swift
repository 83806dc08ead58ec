/// What the platform tells people, and how each person wants to hear of it by e-mail. Invitations and password
/// resets are not notifications: they always go out, to the address they are for.
public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    case reportDueSoon = "report_due_soon"
    case reportOverdue = "report_overdue"
    case reportSubmitted = "report_submitted"
    case reportDecided = "report_decided"
    case transferProposed = "transfer_proposed"
    case transferDecided = "transfer_decided"
    case actionOverdue = "action_overdue"
    case meetingPlanned = "meeting_planned"
    case statusChangeProposed = "status_change_proposed"
    case candidateProposed = "candidate_proposed"
    case proposalDecided = "proposal_decided"

    public var dutchLabel: String {
        switch self {
        case .reportDueSoon: "een rapportage moet binnen 14 dagen worden ingediend"
        case .reportOverdue: "een rapportage is te laat"
        case .reportSubmitted: "een rapportage is ingediend en wacht op beoordeling"
        case .reportDecided: "een rapportage is beoordeeld, of er wordt meer informatie gevraagd"
        case .transferProposed: "een overdracht van waarde wordt voorgesteld"
        case .transferDecided: "over een voorgestelde overdracht is beslist"
        case .actionOverdue: "een actie uit het actieplan is over de termijn"
        case .meetingPlanned: "een gesprek is gepland (met agenda-uitnodiging)"
        case .statusChangeProposed: "een statuswijziging in het register wacht op uw beslissing"
        case .candidateProposed: "werkgeversdienstverlening draagt een kandidaat voor op uw vacature"
        case .proposalDecided: "een opdrachtnemer plant een gesprek met, neemt aan of wijst af wie u voordroeg"
        }
    }
}

/// How a person wants a kind of notification by e-mail. In the app every notification is shown either way.
public enum DeliveryMode: String, Sendable, Codable, CaseIterable {
    case immediately
    case dailyDigest = "daily_digest"
    case off

    public var dutchLabel: String {
        switch self {
        case .immediately: "direct per e-mail"
        case .dailyDigest: "in een dagelijks overzicht"
        case .off: "niet per e-mail"
        }
    }

    /// Until a person chooses: by e-mail at once.
    public static let `default` = DeliveryMode.immediately
}
