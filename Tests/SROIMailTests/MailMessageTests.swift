import Foundation
import SROIMail
import Testing

@Suite("Mail messages")
struct MailMessageTests {
    @Test("Addresses that would break a header are refused")
    func addresses() throws {
        #expect(try MailAddress("a.b@gemeente.nl").address == "a.b@gemeente.nl")
        for bad in ["", "geen-apenstaartje", "a@b", "a@b.nl\r\nBcc: x@y.nl", "<a@b.nl>", "a b@c.nl", "a@.nl"] {
            #expect(throws: MailAddress.Invalid.self) { try MailAddress(bad) }
        }
        #expect(try MailAddress("a@b.nl", name: "Jan\r\nBcc: x").header == "\"JanBcc: x\" <a@b.nl>")
        #expect(try MailAddress("a@b.nl", name: "José").header.hasPrefix("=?UTF-8?B?"))
    }

    @Test("Headers: plain ASCII as is, anything else as encoded words of at most 75 characters")
    func headers() {
        #expect(MIMEEncoding.header("Rapportage ingediend") == "Rapportage ingediend")
        let long = MIMEEncoding.header(String(repeating: "é", count: 60))
        #expect(long.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") })
        #expect(MIMEEncoding.header("tab\there").hasPrefix("=?UTF-8?B?"))
    }

    @Test("The rendered message: CRLF lines of at most 998 characters, no bare line feeds, a dot line stuffed")
    func rendering() throws {
        let m = MailMessage(from: try MailAddress("noreply@sroi.example"), to: [try MailAddress("a@b.nl")], subject: "Test",
                            text: String(repeating: "lange regel ", count: 200) + "\n.\neinde", html: "<p>x</p>",
                            attachments: [MailAttachment(filename: "gesprek.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8",
                                                         data: Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8))],
                            messageID: "<vast@sroi.example>", date: Date(timeIntervalSince1970: 1_796_000_000))
        let text = m.rendered(boundarySeed: "b")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 998 })
        #expect(text.contains("Message-ID: <vast@sroi.example>"))
        #expect(text.contains("Date: Mon, 30 Nov 2026 00:53:20 +0000"))
        #expect(text.contains("Content-Disposition: attachment; filename=\"gesprek.ics\""))
        #expect(text.contains("multipart/mixed; boundary=\"mix-b\""))
        #expect(MIMEEncoding.dotStuffed("a\r\n.\r\n..b\r\nc") == "a\r\n..\r\n...b\r\nc")
    }

    @Test("Configuration from a URL")
    func configuration() throws {
        let a = try SMTPConfiguration(url: "smtp://user%40x:p%3As@mail.example.nl")
        #expect(a.host == "mail.example.nl")
        #expect(a.port == 587)
        #expect(a.security == .startTLS)
        #expect(a.username == "user@x")
        #expect(a.password == "p:s")
        let b = try SMTPConfiguration(url: "smtps://mail.example.nl")
        #expect(b.port == 465)
        #expect(b.security == .tls)
        let c = try SMTPConfiguration(url: "smtp://127.0.0.1:25?starttls=off")
        #expect(c.security == SMTPConfiguration.Security.none)
        #expect(throws: SMTPConfiguration.Invalid.self) { try SMTPConfiguration(url: "http://mail.example.nl") }
        #expect(throws: SMTPConfiguration.Invalid.self) { try SMTPConfiguration(url: "smtp://") }
    }
}
