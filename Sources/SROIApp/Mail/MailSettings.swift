import Foundation
import SROIMail

/// How messages leave the platform, read once from the configuration.
struct MailSettings: Sendable {
    enum Transport: Sendable {
        case smtp(SMTPConfiguration)
        /// No relay configured: each message becomes a .eml file in this folder (the demo works offline, and a
        /// newcomer can read what would be sent).
        case directory(String)
    }

    let transport: Transport
    let from: MailAddress
    let baseURL: String

    init(_ c: AppConfiguration) throws {
        if let url = c.smtpURL {
            transport = .smtp(try SMTPConfiguration(url: url))
        } else {
            transport = .directory(c.mailDirectory)
        }
        from = try MailSettings.parseFrom(c.mailFrom)
        baseURL = c.baseURL
    }

    /// `naam <adres>` or just `adres`.
    static func parseFrom(_ text: String) throws -> MailAddress {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return try MailAddress(String(text[text.index(after: open)..<close]), name: name.isEmpty ? nil : name)
        }
        return try MailAddress(text)
    }

    /// A link into the platform.
    func link(_ path: String) -> String { baseURL + (path.hasPrefix("/") ? path : "/" + path) }

    /// Stands for the platform's address in a queued message; the sender writes `SROI_BASE_URL` in its place, so
    /// the code that queues a notification needs no configuration.
    static let basePlaceholder = "{{sroi-basis}}"

    static func relativeLink(_ path: String) -> String { basePlaceholder + (path.hasPrefix("/") ? path : "/" + path) }

    func resolvingLinks(_ text: String) -> String { text.replacingOccurrences(of: MailSettings.basePlaceholder, with: baseURL) }
}
