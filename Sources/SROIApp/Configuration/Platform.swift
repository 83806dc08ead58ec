import Foundation
import SROIDomain
import Vapor

/// The dependencies every handler needs, built once at start and passed along with the application.
struct Platform: Sendable {
    let configuration: AppConfiguration
    let passwords: Passwords
    /// Today's date in the Netherlands; the rules never read the clock themselves.
    let today: @Sendable () -> Day

    init(configuration: AppConfiguration) throws {
        self.configuration = configuration
        self.passwords = try Passwords(cost: configuration.bcryptCost)
        if let fixed = configuration.fixedToday.flatMap(Day.init(iso:)) {
            self.today = { fixed }
        } else {
            self.today = { Platform.dayInAmsterdam(Date()) }
        }
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
