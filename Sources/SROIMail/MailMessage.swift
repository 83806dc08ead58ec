import Foundation

/// An e-mail address with an optional display name. Refuses what would break a header (line breaks, angle
/// brackets, quotes) or is not an address at all.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let name: String?

    public struct Invalid: Error, CustomStringConvertible {
        public let value: String
        public var description: String { "geen geldig e-mailadres: \(value)" }
    }

    public init(_ address: String, name: String? = nil) throws {
        let a = address.trimmingCharacters(in: .whitespaces)
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden: Set<Character> = ["<", ">", "\"", "\r", "\n", " ", ",", ";", "(", ")", "\\"]
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              a.count <= 254, !a.contains(where: { forbidden.contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false })
        else { throw Invalid(value: address) }
        self.address = a
        let cleanName = name?.filter { !$0.isNewline }.trimmingCharacters(in: .whitespaces)
        self.name = (cleanName?.isEmpty ?? true) ? nil : cleanName
    }

    /// As a header writes it: `"Naam" <adres>` with the name encoded when it is not plain ASCII.
    public var header: String {
        guard let name else { return "<\(address)>" }
        let plain = name.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" }
        return (plain ? "\"\(name)\"" : MIMEEncoding.encodedWord(name)) + " <\(address)>"
    }

    public var description: String { address }
}

/// A file sent with a message, such as a calendar invitation (`.ics`).
public struct MailAttachment: Sendable, Hashable {
    public var filename: String
    /// e.g. `text/calendar; method=REQUEST; charset=utf-8`
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename.filter { $0 != "\"" && !$0.isNewline }
        self.contentType = contentType.filter { !$0.isNewline }
        self.data = data
    }
}

/// An e-mail in plain text and, optionally, HTML, with attachments, written as RFC 5322 / MIME with CRLF line ends.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String?
    public var attachments: [MailAttachment]
    public var messageID: String
    public var date: Date

    public init(from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil,
                attachments: [MailAttachment] = [], messageID: String? = nil, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject.filter { !$0.isNewline }
        self.text = text
        self.html = html
        self.attachments = attachments
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "sroi.local"
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
        self.date = date
    }

    /// The whole message as sent after DATA (without the final dot), lines ending in CRLF.
    public func rendered(boundarySeed: String = UUID().uuidString.lowercased()) -> String {
        var lines: [String] = [
            "From: \(from.header)",
            "To: \(to.map(\.header).joined(separator: ", "))",
            "Subject: \(MIMEEncoding.header(subject))",
            "Date: \(MIMEEncoding.date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        let alternative = "alt-" + boundarySeed
        let mixed = "mix-" + boundarySeed
        func textPart(_ body: String, _ type: String) -> [String] {
            ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""] + MIMEEncoding.base64Lines(Array(body.utf8))
        }
        var body: [String]
        if let html {
            body = ["Content-Type: multipart/alternative; boundary=\"\(alternative)\"", "", "--\(alternative)"]
                + textPart(text, "text/plain") + ["--\(alternative)"] + textPart(html, "text/html") + ["--\(alternative)--"]
        } else {
            body = textPart(text, "text/plain")
        }
        if !attachments.isEmpty {
            var parts = ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--\(mixed)"] + body
            for a in attachments {
                parts += ["--\(mixed)", "Content-Type: \(a.contentType)", "Content-Transfer-Encoding: base64",
                          "Content-Disposition: attachment; filename=\"\(a.filename)\"", ""] + MIMEEncoding.base64Lines(a.data)
            }
            body = parts + ["--\(mixed)--"]
        }
        lines += body
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// The small parts of MIME the messages need.
public enum MIMEEncoding {
    /// A header value: as it is when plain printable ASCII, otherwise RFC 2047 encoded words (UTF-8, base64),
    /// each at most 75 characters, on folded lines.
    public static func header(_ value: String) -> String {
        if value.allSatisfy({ $0.isASCII && ($0 == " " || !$0.isWhitespace) && !($0.asciiValue.map { $0 < 32 } ?? true) }) && value.count <= 900 {
            return value
        }
        return encodedWord(value)
    }

    public static func encodedWord(_ value: String) -> String {
        // 45 bytes of UTF-8 give 60 base64 characters: with "=?UTF-8?B?" and "?=" 72, under the 75 allowed.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    public static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let text = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return lines
    }

    /// RFC 5322 date in UTC: `Mon, 30 Nov 2026 14:05:09 +0000`.
    public static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// SMTP's transparency (RFC 5321 4.5.2): a line that starts with a dot gets another one.
    public static func dotStuffed(_ rendered: String) -> String {
        rendered.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}
