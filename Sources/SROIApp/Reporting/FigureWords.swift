import SROIDomain

/// The words for the figures of social return, the same on every page, export and e-mail: a figure has one
/// definition (computed in `ProgressCalculator`, `SupplierAccountService`, `ManagementFigures`) and one name.
enum FigureWords {
    /// The social return owed (after a coordinator's override, if any).
    static let obligation = "Verplichting"
    /// Value approved by the buyer.
    static let realised = "Gerealiseerd (goedgekeurd)"
    /// Value in submitted reports not yet decided.
    static let pending = "In beoordeling"
    /// Obligation minus approved value, never below zero.
    static let remaining = "Nog te realiseren"
    static let forecast = "Prognose op de einddatum"
    static let recordedWithoutObligation = "Gerealiseerd zonder verplichting"
    /// Approved value above a contract's obligation, or value on a contract without one: may count elsewhere.
    static let free = "Vrije waarde"

    static func expected(on day: Day) -> String { "Verwacht op \(day.dutch)" }

    /// The obligation over a set of contracts, saying which: "SR-verplichting, alle gegunde opdrachten".
    static let supplierTotalObligation = "SR-verplichting, alle gegunde opdrachten"

    /// Persons of a group that count, written "3 van 4" (durable of those judged, still at work of those placed long
    /// enough ago). With nobody to judge yet it says so: "0 van 0" read as a result.
    static func part(_ part: PersonCount, of whole: PersonCount) -> String {
        whole == .exact(0) ? notYet : "\(part.display) van \(whole.display)"
    }

    static let notYet = "nog niet te zeggen"
}
