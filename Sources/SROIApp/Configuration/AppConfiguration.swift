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

    public init(database: DatabaseChoice, bcryptCost: Int = 12, loadDemoWhenEmpty: Bool = true, demoPassword: String? = nil,
                secureCookies: Bool = false, apiTokenLifetime: TimeInterval = 8 * 3600, fixedToday: String? = nil,
                pseudonymSecretPath: String = "sroi-pseudonym.key", evidenceDirectory: String = "sroi-evidence") {
        self.database = database
        self.bcryptCost = bcryptCost
        self.loadDemoWhenEmpty = loadDemoWhenEmpty
        self.demoPassword = demoPassword
        self.secureCookies = secureCookies
        self.apiTokenLifetime = apiTokenLifetime
        self.fixedToday = fixedToday
        self.pseudonymSecretPath = pseudonymSecretPath
        self.evidenceDirectory = evidenceDirectory
    }

    /// Reads DATABASE_URL, SROI_SQLITE_PATH, SROI_BCRYPT_COST, SROI_DEMO, SROI_DEMO_PASSWORD,
    /// SROI_SECURE_COOKIES, SROI_TOKEN_HOURS, SROI_TODAY, SROI_PSEUDONYM_KEY_FILE and SROI_EVIDENCE_DIR.
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
            evidenceDirectory: env["SROI_EVIDENCE_DIR"] ?? "sroi-evidence")
    }
}
