import SROIDomain
import Vapor

/// What every page's frame needs: who is logged in, the navigation, and the form token.
struct Layout: Encodable {
    struct NavItem: Encodable {
        var href: String
        var label: String
        var current: Bool
    }

    var loggedIn: Bool
    var userName: String
    var organisationName: String
    var roleLabel: String
    var csrf: String
    var nav: [NavItem]
    var flash: String?

    init(request: Request, active: String, flash: String? = nil) {
        let user = request.auth.get(CurrentUser.self)
        loggedIn = user != nil
        userName = user?.name ?? ""
        organisationName = user?.organisationName ?? ""
        roleLabel = user?.role.dutchLabel ?? ""
        // A page rendered before the sessions middleware ran (an early error) has no session: no token, no flash.
        let session = SessionAvailability.isAvailable(for: request)
        csrf = session ? CSRF.token(for: request) : ""
        var items: [(String, String, String)] = [("/", "Overzicht", "dashboard")]
        if user?.isJobService != true { items.append(("/contracts", "Opdrachten", "contracts")) }
        if user?.isJobService == true || user?.isSupplier == true || user?.isBuyer == true { items.append(("/vacatures", "Vacatures", "vacancies")) }
        if user?.isJobService == true { items.append(("/kandidaten", "Kandidaten", "candidates")) }
        if user?.isBuyer == true {
            items.append(("/portfolio", "Kansrijk", "portfolio"))
            items.append(("/policy", "Beleid", "policy"))
            items.append(("/action-plan", "Actieplan", "action-plan"))
            items.append(("/bundeling", "Bundeling", "bundeling"))
            items.append(("/management", "Cijfers", "management"))
        }
        if user?.isSupplier == true {
            items.append(("/bundeling", "SR-rekening", "bundeling"))
            items.append(("/aanbestedingen", "Aanbestedingen", "tenders"))
        }
        if user != nil { items.append(("/sociale-ondernemingen", "Register", "register")) }
        if user?.role == .coordinator || user?.isAdministrator == true { items.append(("/audit", "Auditlog", "audit")) }
        if user?.role.managesPeople == true { items.append(("/gebruikers", "Gebruikers", "people")) }
        let unread = request.storage[UnreadNotifications.Key.self] ?? 0
        items.append(("/meldingen", unread > 0 ? "Meldingen (\(unread))" : "Meldingen", "notifications"))
        items.append(("/uitleg", "Uitleg", "glossary"))
        items.append(("/account", "Account", "account"))
        nav = user == nil ? [] : items.map { NavItem(href: $0.0, label: $0.1, current: $0.2 == active) }
        self.flash = flash ?? (session ? request.session.data["flash"] : nil)
        if session, request.session.data["flash"] != nil { request.session.data["flash"] = nil }
    }
}
