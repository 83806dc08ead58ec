import Foundation
import SROIDomain

/// The words of every e-mail, in Dutch, plain text and HTML. A message names a contract, an organisation or a
/// period and links to the page; it never carries a candidate's data, not even a pseudonym.
enum MailTemplates {
    struct Content: Sendable {
        var subject: String
        var text: String
        var html: String
    }

    static func invitation(organisation: String, role: Role, invitedBy: String, link: String, expires: Date) -> Content {
        let until = dutchDateTime(expires)
        let lines = [
            "Goedendag,",
            "",
            "\(invitedBy) nodigt u uit voor sroi, het platform voor social return, als \(role.dutchLabel) bij \(organisation).",
            "",
            "Maak uw account aan met deze link (u kiest zelf uw wachtwoord):",
            link,
            "",
            "De link werkt één keer en is geldig tot \(until). Verlopen? Vraag \(invitedBy) om een nieuwe uitnodiging.",
            "Verwacht u deze uitnodiging niet, dan kunt u dit bericht negeren.",
        ]
        return make(subject: "Uitnodiging voor sroi van \(organisation)", lines: lines, link: link, button: "Account aanmaken")
    }

    static func passwordReset(name: String, link: String) -> Content {
        let lines = [
            "Goedendag \(name),",
            "",
            "Iemand heeft gevraagd om een nieuw wachtwoord voor uw sroi-account. Was u dat, kies dan hier een nieuw wachtwoord:",
            link,
            "",
            "De link werkt één keer en is een uur geldig. Daarna worden al uw sessies en API-tokens beëindigd.",
            "Heeft u niets gevraagd, dan kunt u dit bericht negeren: uw wachtwoord blijft wat het was.",
        ]
        return make(subject: "Nieuw wachtwoord voor sroi", lines: lines, link: link, button: "Nieuw wachtwoord kiezen")
    }

    /// One notification: its title as subject, its text, and the link to the page.
    static func notification(title: String, body: String, link: String, preferencesLink: String) -> Content {
        let lines = [body, "", "Bekijk het in sroi:", link, "",
                     "U krijgt dit bericht omdat u dit soort meldingen per e-mail ontvangt. Wijzigen kan hier: \(preferencesLink)"]
        return make(subject: title, lines: lines, link: link, button: "Openen in sroi")
    }

    /// The day's notifications in one message.
    static func digest(items: [(title: String, link: String)], day: Day, preferencesLink: String) -> Content {
        var lines = ["Goedendag,", "", "Dit gebeurde er voor u in sroi (overzicht van \(day.dutch)):", ""]
        for item in items { lines += ["- \(item.title)", "  \(item.link)"] }
        lines += ["", "Wijzigen hoe u meldingen krijgt: \(preferencesLink)"]
        let html = "<p>Dit gebeurde er voor u in sroi (overzicht van \(escape(day.dutch))):</p><ul>"
            + items.map { "<li><a href=\"\(escape($0.link))\">\(escape($0.title))</a></li>" }.joined()
            + "</ul><p><a href=\"\(escape(preferencesLink))\">Wijzigen hoe u meldingen krijgt</a></p>"
        let subject = items.count == 1 ? "sroi: 1 melding" : "sroi: \(items.count) meldingen"
        return Content(subject: subject, text: lines.joined(separator: "\n"), html: page(html))
    }

    private static func make(subject: String, lines: [String], link: String, button: String) -> Content {
        let paragraphs = lines.split(separator: "", omittingEmptySubsequences: true).map { group in
            group.map { $0 == link ? "<a href=\"\(escape(link))\">\(escape(button))</a>" : escape($0) }.joined(separator: "<br>")
        }
        let html = paragraphs.map { "<p>\($0)</p>" }.joined()
        return Content(subject: subject, text: lines.joined(separator: "\n"), html: page(html))
    }

    private static func page(_ body: String) -> String {
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>sroi</title></head>"
            + "<body style=\"font-family: sans-serif; line-height: 1.5; color: #1b1b1b\">\(body)</body></html>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func dutchDateTime(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "nl_NL")
        f.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        f.dateFormat = "d MMMM yyyy 'om' HH:mm"
        return f.string(from: date)
    }
}
