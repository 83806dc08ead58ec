import Foundation

/// Everything the platform reads from its environment, read once and passed in.
public struct AppConfiguration: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var database: DatabaseChoice
    /// bcrypt cost; 12 in production, lower in tests to keep them fast.
    public var bcryptCost: Int
    /// Load the demo data when the database is empty at start.
    public var loadDemoWhenEmpty: Bool
    /// A fixed password for all demo accounts; random ones when nil.
    public var demoPassword: String?
    /// Send the session cookie only over HTTPS.
    public var secureCookies: Bool
    /// How long an API token from `POST /api/v1/login` stays valid.
    public var apiTokenLifetime: TimeInterval
    /// Today's date for the rules; nil means the real clock (tests fix it).
    public var fixedToday: String?
    /// The file with the secret key of candidate pseudonyms; created on first start. Kept out of the
    /// database on purpose: a copy of the database alone cannot link pseudonyms to BSNs.
    public var pseudonymSecretPath: String
    /// Where evidence files are stored (shared storage when several instances run).
    public var evidenceDirectory: String
    /// Proxies whose X-Forwarded-For is believed (`SROI_TRUSTED_PROXIES`); nobody's by default.
    public var trustedProxies: String
    /// Who may read /metrics: nil means only from this machine (loopback); otherwise a bearer token (`SROI_METRICS_TOKEN`).
    public var metricsToken: String?
    /// Keep-alive connections with nothing sent for this long are closed (`SROI_IDLE_TIMEOUT_SECONDS`).
    public var idleTimeout: TimeInterval
    /// On SIGTERM, requests in flight get this long to finish before the databases close (`SROI_SHUTDOWN_SECONDS`).
    public var shutdownGrace: TimeInterval
    /// The SMTP relay (`SROI_SMTP_URL`: smtp://user:password@host:587 or smtps://…:465); nil writes .eml files.
    public var smtpURL: String?
    /// Where messages go as .eml files when no relay is set (`SROI_MAIL_DIR`).
    public var mailDirectory: String
    /// The sender of every message (`SROI_MAIL_FROM`).
    public var mailFrom: String
    /// The address people use to reach the platform, for links in messages (`SROI_BASE_URL`).
    public var baseURL: String
    /// Megabytes of answers of the read path kept in memory while the data stays the same (`SROI_ANSWER_CACHE_MB`;
    /// 0 keeps none, see `AnswerCache`).
    public var answerCacheMegabytes: Int

    public init(database: DatabaseChoice, bcryptCost: Int = 12, loadDemoWhenEmpty: Bool = true, demoPassword: String? = nil,
                secureCookies: Bool = false, apiTokenLifetime: TimeInterval = 8 * 3600, fixedToday: String? = nil,
                pseudonymSecretPath: String = "sroi-pseudonym.key", evidenceDirectory: String = "sroi-evidence", trustedProxies: String = "", metricsToken: String? = nil,
                idleTimeout: TimeInterval = 60, shutdownGrace: TimeInterval = 20, smtpURL: String? = nil,
                mailDirectory: String = "sroi-mail", mailFrom: String = "sroi <noreply@sroi.local>",
                baseURL: String = "http://127.0.0.1:8080", answerCacheMegabytes: Int = 64) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.loadDemoWhenEmpty = loadDemoWhenEmpty
        self.demoPassword = demoPassword
        self.secureCookies = secureCookies
        self.apiTokenLifetime = apiTokenLifetime
        self.fixedToday = fixedToday
        self.pseudonymSecretPath = pseudonymSecretPath
        self.evidenceDirectory = evidenceDirectory
        self.trustedProxies = trustedProxies
        self.metricsToken = metricsToken
        self.idleTimeout = idleTimeout
        self.shutdownGrace = shutdownGrace
        self.smtpURL = smtpURL
        self.mailDirectory = mailDirectory
        self.mailFrom = mailFrom
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.answerCacheMegabytes = max(0, answerCacheMegabytes)
    }

    /// Reads DATABASE_URL, SROI_SQLITE_PATH, SROI_BCRYPT_COST, SROI_DEMO, SROI_DEMO_PASSWORD,
    /// SROI_SECURE_COOKIES, SROI_TOKEN_HOURS, SROI_TODAY, SROI_PSEUDONYM_KEY_FILE, SROI_EVIDENCE_DIR, SROI_TRUSTED_PROXIES,
    /// SROI_METRICS_TOKEN, SROI_IDLE_TIMEOUT_SECONDS, SROI_SHUTDOWN_SECONDS, SROI_SMTP_URL, SROI_MAIL_DIR, SROI_MAIL_FROM
    /// SROI_BASE_URL and SROI_ANSWER_CACHE_MB.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfiguration {
        let database: DatabaseChoice
        if let url = env["DATABASE_URL"], url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: env["SROI_SQLITE_PATH"] ?? "sroi.sqlite")
        }
        return AppConfiguration(
            database: database,
            bcryptCost: env["SROI_BCRYPT_COST"].flatMap(Int.init) ?? 12,
            loadDemoWhenEmpty: env["SROI_DEMO"].map { $0 != "0" && $0.lowercased() != "false" } ?? true,
            demoPassword: env["SROI_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            secureCookies: env["SROI_SECURE_COOKIES"].map { $0 == "1" || $0.lowercased() == "true" } ?? false,
            apiTokenLifetime: (env["SROI_TOKEN_HOURS"].flatMap(Double.init) ?? 8) * 3600,
            fixedToday: env["SROI_TODAY"],
            pseudonymSecretPath: env["SROI_PSEUDONYM_KEY_FILE"] ?? "sroi-pseudonym.key",
            evidenceDirectory: env["SROI_EVIDENCE_DIR"] ?? "sroi-evidence",
            trustedProxies: env["SROI_TRUSTED_PROXIES"] ?? "",
            metricsToken: env["SROI_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            idleTimeout: env["SROI_IDLE_TIMEOUT_SECONDS"].flatMap(Double.init).map { max(1, $0) } ?? 60,
            shutdownGrace: env["SROI_SHUTDOWN_SECONDS"].flatMap(Double.init).map { max(0, $0) } ?? 20,
            smtpURL: env["SROI_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 },
            mailDirectory: env["SROI_MAIL_DIR"] ?? "sroi-mail",
            mailFrom: env["SROI_MAIL_FROM"] ?? "sroi <noreply@sroi.local>",
            baseURL: env["SROI_BASE_URL"] ?? "http://127.0.0.1:8080",
            answerCacheMegabytes: env["SROI_ANSWER_CACHE_MB"].flatMap(Int.init) ?? 64)
    }
}
