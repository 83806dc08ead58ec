import Foundation
import SROIMail
import SROITestSupport
import Testing

/// The SMTP client against a real SMTP server (aiosmtpd) on 127.0.0.1: plain for a local relay, STARTTLS and
/// implicit TLS with a certificate made for the test, with and without login, and the errors it tells apart.
@Suite("SMTP client", .serialized, .enabled(if: SMTPTestServer.isAvailable, "needs python3 with aiosmtpd (pip install aiosmtpd)"))
struct SMTPClientTests {
    static func message(to: String = "coordinator@gemeente.example", subject: String = "Rapportage ingediend: Schoonmaak stadhuis") throws -> MailMessage {
        MailMessage(from: try MailAddress("noreply@sroi.example", name: "sroi"), to: [try MailAddress(to, name: "Sanne de Vries")],
                    subject: subject, text: "Goedemorgen,\n\nEr staat een rapportage voor u klaar.\n.\nMet vriendelijke groet",
                    html: "<p>Er staat een rapportage voor u klaar.</p>")
    }

    @Test("A message reaches the server with its recipient, subject and body")
    func plainDelivery() async throws {
        // Arrange
        let server = try SMTPTestServer.start()
        defer { server.stop() }
        let config = try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?starttls=off")
        // Act
        let reply = try await SMTPClient.send(try Self.message(subject: "Uitnodiging voor sroi: één klik"), using: config)
        // Check
        #expect(reply.code == 250)
        let received = await server.waitFor(1)
        #expect(received.count == 1)
        let mail = try #require(received.first)
        #expect(mail.contains("X-Envelope-To: coordinator@gemeente.example"))
        #expect(mail.contains("Subject: =?UTF-8?B?"))
        #expect(mail.contains(Data("Uitnodiging voor sroi: één klik".utf8).base64EncodedString().prefix(20)))
        #expect(mail.contains("multipart/alternative"))
        // The line with only a dot in the text survived SMTP's transparency (base64 body: decode and look).
        #expect(MailTestDecoding.textPart(of: mail)?.contains("\n.\nMet vriendelijke groet") == true)
    }

    @Test("STARTTLS with login: the server's certificate is checked against the configured authority")
    func startTLSWithLogin() async throws {
        let cert = try TestCertificate.make()
        defer { cert.remove() }
        let server = try SMTPTestServer.start(arguments: ["--starttls", cert.certificate, cert.key, "--auth", "sroi:geheim wachtwoord"])
        defer { server.stop() }
        // Act: the password has a space, written percent-encoded in the URL.
        let config = try SMTPConfiguration(url: "smtp://sroi:geheim%20wachtwoord@localhost:\(server.port)?ca=\(cert.certificate)")
        #expect(config.security == .startTLS)
        try await SMTPClient.send(try Self.message(), using: config)
        // Check
        #expect(await server.waitFor(1).count == 1)
        // A wrong password is a permanent failure, named as the login.
        let wrong = try SMTPConfiguration(url: "smtp://sroi:fout@localhost:\(server.port)?ca=\(cert.certificate)")
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient.send(try Self.message(), using: wrong) }
        #expect(error?.kind == .permanent)
        #expect(error?.stage == "inloggen bij de mailserver")
        // Without the authority the certificate is not trusted: nothing is sent in the clear instead.
        let untrusted = try SMTPConfiguration(url: "smtp://sroi:geheim%20wachtwoord@localhost:\(server.port)")
        await #expect(throws: (any Error).self) { try await SMTPClient.send(try Self.message(), using: untrusted) }
        #expect(server.messages().count == 1)
    }

    @Test("Implicit TLS (smtps) delivers; a server without STARTTLS is refused when STARTTLS is required")
    func implicitTLSAndRequiredStartTLS() async throws {
        let cert = try TestCertificate.make()
        defer { cert.remove() }
        let tls = try SMTPTestServer.start(arguments: ["--smtps", cert.certificate, cert.key])
        defer { tls.stop() }
        try await SMTPClient.send(try Self.message(), using: try SMTPConfiguration(url: "smtps://localhost:\(tls.port)?ca=\(cert.certificate)"))
        #expect(await tls.waitFor(1).count == 1)

        let plain = try SMTPTestServer.start()
        defer { plain.stop() }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient.send(try Self.message(), using: try SMTPConfiguration(url: "smtp://127.0.0.1:\(plain.port)"))
        }
        #expect(error?.stage == "STARTTLS")
        #expect(plain.messages().isEmpty)
    }

    @Test("A 4xx answer and a closed port are transient (try again later)")
    func transientFailures() async throws {
        let server = try SMTPTestServer.start(arguments: ["--refuse-first", "1"])
        defer { server.stop() }
        let config = try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?starttls=off")
        let refused = await #expect(throws: SMTPError.self) { try await SMTPClient.send(try Self.message(), using: config) }
        #expect(refused?.kind == .transient)
        try await SMTPClient.send(try Self.message(), using: config)
        #expect(await server.waitFor(1).count == 1)
        server.stop()
        let down = await #expect(throws: SMTPError.self) { try await SMTPClient.send(try Self.message(), using: config) }
        #expect(down?.kind == .transient)
    }
}

/// Reading a received message back in tests.
enum MailTestDecoding {
    /// The decoded text/plain part of a message this client wrote.
    static func textPart(of mail: String) -> String? {
        guard let start = mail.range(of: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n") else { return nil }
        let rest = mail[start.upperBound...]
        let base64 = rest.components(separatedBy: "\r\n").prefix { !$0.isEmpty && !$0.hasPrefix("--") }.joined()
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
