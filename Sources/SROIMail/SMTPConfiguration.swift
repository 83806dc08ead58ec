import Foundation

/// Where and how to deliver: read from a URL such as `smtp://user:password@mail.example.nl:587` (STARTTLS, required)
/// or `smtps://user:password@mail.example.nl:465` (TLS from the first byte). For a relay on the same machine that
/// speaks no TLS, `?starttls=off` says so explicitly; `?ca=/path/ca.pem` trusts a private certificate authority.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS before anything else is said; refused when the server cannot.
        case startTLS
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption at all: only for a relay on this machine or in tests.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// A PEM file with the certificate authorities to trust instead of the system's.
    public var trustedCAFile: String?
    /// The name the client gives in EHLO.
    public var heloName: String
    /// How long to wait for each answer of the server.
    public var timeout: TimeInterval

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
                trustedCAFile: String? = nil, heloName: String = "sroi.local", timeout: TimeInterval = 30) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.trustedCAFile = trustedCAFile
        self.heloName = heloName
        self.timeout = timeout
    }

    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw Invalid(description: "SROI_SMTP_URL: verwacht smtp://gebruiker:wachtwoord@host:587 of smtps://…:465")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        switch scheme {
        case "smtp":
            security = query["starttls"].map { $0 == "off" || $0 == "false" || $0 == "0" } == true ? .none : .startTLS
            port = url.port ?? 587
        case "smtps":
            security = .tls
            port = url.port ?? 465
        default:
            throw Invalid(description: "SROI_SMTP_URL: het schema moet smtp of smtps zijn, niet \(scheme)")
        }
        self.host = host
        username = url.user.flatMap { $0.removingPercentEncoding ?? $0 }.flatMap { $0.isEmpty ? nil : $0 }
        password = url.password.flatMap { $0.removingPercentEncoding ?? $0 }
        trustedCAFile = query["ca"].flatMap { $0.isEmpty ? nil : $0 }
        heloName = query["helo"].flatMap { $0.isEmpty ? nil : $0 } ?? "sroi.local"
        timeout = query["timeout"].flatMap(Double.init) ?? 30
    }
}
