import Fluent
import Foundation
import SROIDomain
import Vapor

/// Reading the audit log as people do: which entries (filters by person, kind of object, action and period, the
/// same for the page, the API and the CSV), and each entry in words (Dutch actions and objects, a change as a list
/// of "field: before → after").
enum AuditReading {
    struct Filter: Sendable, Equatable {
        var userID: UUID?
        var objectType: String?
        var action: String?
        var from: Day?
        var to: Day?

        /// Reads `?user=…&type=…&action=…&from=JJJJ-MM-DD&to=JJJJ-MM-DD`; a wrong value names its field (400).
        static func from(_ query: URLQueryContainer) throws -> Filter {
            func text(_ key: String) -> String? {
                (try? query.get(String.self, at: key)).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            }
            var f = Filter()
            if let u = text("user") {
                guard let id = UUID(uuidString: u) else { throw AppError.badRequest(field: "user", message: "verwacht het id van een gebruiker") }
                f.userID = id
            }
            if let t = text("type") {
                guard objectTypes[t] != nil else { throw AppError.badRequest(field: "type", message: "onbekende soort; kies " + objectTypes.keys.sorted().joined(separator: ", ")) }
                f.objectType = t
            }
            if let a = text("action") {
                guard actions[a] != nil else { throw AppError.badRequest(field: "action", message: "onbekende actie; kies " + actions.keys.sorted().joined(separator: ", ")) }
                f.action = a
            }
            for (key, path) in [("from", \Filter.from), ("to", \Filter.to)] {
                if let d = text(key) {
                    guard let day = Day(iso: d) else { throw AppError.badRequest(field: key, message: "verwacht een datum als JJJJ-MM-DD") }
                    f[keyPath: path] = day
                }
            }
            if let a = f.from, let b = f.to, b < a { throw AppError.badRequest(field: "to", message: "de einddatum ligt voor de begindatum") }
            return f
        }

        var isEmpty: Bool { self == Filter() }

        var query: String {
            var parts: [String] = []
            if let u = userID { parts.append("user=\(u.uuidString)") }
            if let t = objectType { parts.append("type=\(t)") }
            if let a = action { parts.append("action=\(a)") }
            if let d = from { parts.append("from=\(d.iso)") }
            if let d = to { parts.append("to=\(d.iso)") }
            return parts.joined(separator: "&")
        }
    }

    static func apply(_ f: Filter, to query: QueryBuilder<AuditEntryModel>) -> QueryBuilder<AuditEntryModel> {
        var q = query
        if let u = f.userID { q = q.filter(\.$userID == u) }
        if let t = f.objectType { q = q.filter(\.$objectType == t) }
        if let a = f.action { q = q.filter(\.$action == a) }
        if let d = f.from { q = q.filter(\.$at >= start(of: d)) }
        if let d = f.to { q = q.filter(\.$at < start(of: d.adding(days: 1))) }
        return q
    }

    /// Midnight in Amsterdam at the start of a day.
    static func start(of day: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date.distantPast
    }

    static let actions: [String: String] = [
        "create": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd", "override": "verplichting aangepast",
        "remove_override": "aanpassing verwijderd", "login": "ingelogd", "logout": "uitgelogd", "login_failed": "mislukte inlogpoging",
        "approve": "goedgekeurd", "reject": "afgewezen", "revoke": "ingetrokken", "export": "gedownload", "erase": "gewist (AVG)",
        "policy_change": "beleid gewijzigd",
    ]

    static let objectTypes: [String: String] = [
        "action": "actie", "action_plan": "actieplan", "activity": "activiteit", "api_token": "API-token", "audit_log": "auditlog",
        "brainstorm": "brainstormformat", "candidate": "kandidaat", "contract": "opdracht", "contract_participants": "deelnemers",
        "dashboard": "cijfers", "evidence": "bewijsstuk", "hours_import": "urenimport", "invitation": "uitnodiging",
        "meeting": "gesprek", "meetings": "gesprekken", "notification_preferences": "meldingsvoorkeuren", "obligation": "verplichting",
        "organisation": "organisatie", "paid_hours": "verloonde uren", "password_reset": "wachtwoordherstel", "placement": "plaatsing",
        "policy": "beleid", "policy_text": "beleidstekst", "potential_job": "mogelijke baan", "report": "rapportage",
        "report_item": "rapportageregel", "sessions": "sessies", "social_enterprise": "sociale onderneming",
        "social_enterprise_status_change": "statuswijziging register", "stacked_job": "stapelbaan", "transfer": "overdracht",
        "user": "gebruiker", "working_group_member": "werkgroeplid",
    ]

    /// The fields and values that occur most, in Dutch; others are shown as stored.
    static let fieldLabels: [String: String] = [
        "comment": "toelichting", "decision": "besluit", "status": "status", "title": "titel", "name": "naam", "role": "rol",
        "active": "actief", "email": "e-mailadres", "reason": "reden", "hoursPerWeek": "uren per week", "start": "begin", "end": "einde",
        "targetGroup": "doelgroep", "block": "bouwblok", "region": "regio", "outcome": "uitstroom", "valueCents": "opdrachtwaarde (cent)",
        "supplier": "opdrachtnemer", "share": "deel", "source": "bron", "target": "naar", "lines": "regels", "rows": "regels",
        "filename": "bestand", "description": "omschrijving", "evidence": "bewijs", "password": "wachtwoord", "filter": "filter",
    ]
    static let valueLabels: [String: String] = [
        "approved": "goedgekeurd", "rejected": "afgekeurd", "pending": "open", "proposed": "voorgesteld", "accepted": "geaccepteerd",
        "declined": "afgewezen", "submitted": "ingediend", "open": "open", "info_requested": "meer informatie gevraagd",
        "true": "ja", "false": "nee",
    ]

    static func actionLabel(_ raw: String) -> String { actions[raw] ?? raw }
    static func objectLabel(_ raw: String) -> String { objectTypes[raw] ?? raw }

    /// The change of an entry in words: for a change, each field that differs as "field: before → after"; for a
    /// new object, its fields; long values cut at 120 characters; a redacted entry says so.
    static func change(_ e: AuditEntryModel) -> [String] {
        if e.redactedAt != nil { return ["persoonsgegevens verwijderd op verzoek van de kandidaat (AVG)"] }
        let before = fields(e.before), after = fields(e.after)
        func show(_ raw: String) -> String {
            let v = valueLabels[raw] ?? raw
            return v.isEmpty ? "(leeg)" : (v.count > 120 ? String(v.prefix(119)) + "…" : v)
        }
        func label(_ k: String) -> String { fieldLabels[k] ?? k }
        if before.isEmpty && after.isEmpty { return [e.before, e.after].compactMap { $0 }.filter { !$0.isEmpty }.map(show) }
        let keys = Set(before.keys).union(after.keys).sorted()
        return keys.compactMap { k in
            let b = before[k], a = after[k]
            if let b, let a { return b == a ? nil : "\(label(k)): \(show(b)) → \(show(a))" }
            if let a { return "\(label(k)): \(show(a))" }
            return "\(label(k)): \(show(b ?? "")) → (weg)"
        }
    }

    /// A stored JSON object as field → text; a plain value as "waarde".
    static func fields(_ json: String?) -> [String: String] {
        guard let json, let data = json.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return json.map { ["waarde": $0] } ?? [:]
        }
        func text(_ v: Any) -> String {
            switch v {
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            case is NSNull: return ""
            default:
                let d = (try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
                return String(decoding: d, as: UTF8.self)
            }
        }
        if let dict = value as? [String: Any] { return dict.mapValues(text) }
        return ["waarde": text(value)]
    }
}
