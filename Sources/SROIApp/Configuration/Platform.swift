import Foundation
import SROIDomain
import Vapor

/// The dependencies every handler needs, built once at start and passed along with the application.
struct Platform: Sendable {
    let configuration: AppConfiguration
    let passwords: Passwords
    /// Today's date in the Netherlands; the rules never read the clock themselves.
    let today: @Sendable () -> Day
    let pseudonymizer: Pseudonymizer
    /// Seals a supplier's own references; its key derives from the same secret as the pseudonyms, outside the database.
    let referenceCipher: ReferenceCipher
    let trustedProxies: TrustedProxies
    /// How e-mail leaves: an SMTP relay, or .eml files in a folder.
    let mail: MailSettings

    init(configuration: AppConfiguration) throws {
        self.configuration = configuration
        self.trustedProxies = try TrustedProxies(setting: configuration.trustedProxies)
        self.mail = try MailSettings(configuration)
        self.passwords = try Passwords(cost: configuration.bcryptCost)
        let secret = try Platform.loadOrCreateSecret(at: configuration.pseudonymSecretPath)
        self.pseudonymizer = Pseudonymizer(secret: secret)
        self.referenceCipher = ReferenceCipher(secret: secret)
        if let fixed = configuration.fixedToday.flatMap(Day.init(iso:)) {
            self.today = { fixed }
        } else {
            self.today = { Platform.dayInAmsterdam(Date()) }
        }
    }

    /// Reads the pseudonym key, or creates a random one (readable by the owner only) on first start.
    static func loadOrCreateSecret(at path: String) throws -> [UInt8] {
        let fm = FileManager.default
        if let data = fm.contents(atPath: path) {
            guard data.count >= 32 else { throw CommandFailure(description: "\(path): de pseudoniemsleutel is te kort (minstens 32 bytes)") }
            return Array(data)
        }
        let secret = [UInt8].random(count: 32)
        guard fm.createFile(atPath: path, contents: Data(secret), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(description: "\(path): kan de pseudoniemsleutel niet aanmaken")
        }
        return secret
    }

    static func dayInAmsterdam(_ date: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

extension Application {
    private struct PlatformKey: StorageKey { typealias Value = Platform }

    var platform: Platform {
        get {
            guard let platform = storage[PlatformKey.self] else { fatalError("configure(_:_:) sets the platform before use") }
            return platform
        }
        set { storage[PlatformKey.self] = newValue }
    }
}

extension Request {
    var platform: Platform { application.platform }
}
