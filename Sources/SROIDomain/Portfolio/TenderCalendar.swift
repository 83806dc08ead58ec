/// A planned tender as the tender calendar (aanbestedingskalender) sees it.
public struct PlannedTender: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The planned publication date of the tender, when known.
    public var publication: Day?

    public init(id: String, title: String, publication: Day?) {
        self.id = id
        self.title = title
        self.publication = publication
    }
}

public enum TenderUrgency: String, Sendable, Codable {
    /// Publication passed without the tender being published: check the planning.
    case overdue
    /// Less than 4 months before publication: the brainstorm and the social return ask are due now.
    case actNow = "act_now"
    /// 4 months or more before publication: time to prepare.
    case inTime = "in_time"
    /// No publication date yet.
    case unscheduled
}

public struct TenderCalendarEntry: Sendable, Hashable {
    public var tender: PlannedTender
    public var urgency: TenderUrgency
    public var note: String
}

/// Step 2A: a tender needs its social return worked out well before publication; less than
/// 4 months before it the working group must act now (appendix III: the brainstorm's kinds).
public enum TenderCalendar {
    public static let leadMonths = 4

    public static func entries(_ tenders: [PlannedTender], today: Day) -> [TenderCalendarEntry] {
        tenders.map { entry(for: $0, today: today) }.sorted {
            switch ($0.tender.publication, $1.tender.publication) {
            case let (a?, b?): return a == b ? $0.tender.title < $1.tender.title : a < b
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return $0.tender.title < $1.tender.title
            }
        }
    }

    public static func entry(for tender: PlannedTender, today: Day) -> TenderCalendarEntry {
        guard let publication = tender.publication else {
            return TenderCalendarEntry(tender: tender, urgency: .unscheduled, note: "nog geen publicatiedatum gepland")
        }
        if publication < today {
            return TenderCalendarEntry(tender: tender, urgency: .overdue,
                                       note: "publicatiedatum \(publication.dutch) is verstreken: werk de planning bij")
        }
        if publication < today.adding(months: leadMonths) {
            let days = publication.ordinal - today.ordinal
            return TenderCalendarEntry(tender: tender, urgency: .actNow,
                                       note: "minder dan \(leadMonths) maanden voor publicatie (nog \(days == 1 ? "1 dag" : "\(days) dagen")): neem social return nu op in de uitvraag")
        }
        return TenderCalendarEntry(tender: tender, urgency: .inTime,
                                   note: "publicatie op \(publication.dutch): tijd om social return voor te bereiden")
    }
}
