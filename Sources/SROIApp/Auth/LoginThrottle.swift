import Fluent
import Foundation
import Vapor

/// Slows down password guessing: after too many failed logins for one account, or from one address, within
/// the window, further attempts are refused until the window has passed (a temporary lock).
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let maximumPerAccount = 5
    static let maximumPerAddress = 20

    static func keys(email: String, address: String?) -> (account: String, address: String) {
        ("account:" + email.trimmingCharacters(in: .whitespaces).lowercased(), "address:" + (address ?? "unknown"))
    }

    /// Throws 429 when the account or the address is locked.
    static func check(email: String, address: String?, now: Date = Date(), on db: any Database) async throws {
        let k = keys(email: email, address: address)
        let since = now.addingTimeInterval(-window)
        let account = try await LoginFailureModel.query(on: db).filter(\.$key == k.account).filter(\.$at > since).count()
        let byAddress = try await LoginFailureModel.query(on: db).filter(\.$key == k.address).filter(\.$at > since).count()
        if account >= maximumPerAccount || byAddress >= maximumPerAddress {
            throw AppError.tooManyRequests("Te veel mislukte pogingen. Probeer het over \(Int(window / 60)) minuten opnieuw.")
        }
    }

    static func recordFailure(email: String, address: String?, now: Date = Date(), on db: any Database) async throws {
        let k = keys(email: email, address: address)
        try await LoginFailureModel(key: k.account, at: now).create(on: db)
        try await LoginFailureModel(key: k.address, at: now).create(on: db)
        // Old failures are of no use any more.
        try await LoginFailureModel.query(on: db).filter(\.$at < now.addingTimeInterval(-2 * window)).delete()
    }

    static func recordSuccess(email: String, address: String?, on db: any Database) async throws {
        try await LoginFailureModel.query(on: db).filter(\.$key == keys(email: email, address: address).account).delete()
    }
}
