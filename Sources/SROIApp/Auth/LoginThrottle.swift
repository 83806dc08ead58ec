import Fluent
import Foundation
import Vapor

/// Slows down password guessing without giving anyone a way to lock another person out.
///
/// - Per account and address together: after 5 failures within the window, that address must wait before it may
///   try that account again, 30 seconds after the fifth failure, doubling with each further one (at most the
///   window). Only whoever made the failures waits; the owner of the account, from another address, does not.
/// - Per address: after 20 failures (any accounts) within the window, the same growing wait for that address. Behind
///   a proxy, the address is the client's only when the proxy is trusted (`SROI_TRUSTED_PROXIES`).
/// - Per account, from all addresses together: after 10 failures within the window every attempt on the account is
///   answered after a growing delay (a quarter second doubling, at most 5 seconds), and the right password still
///   logs in. Guessing spread over many addresses is slowed; the owner is never locked out.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let pairThreshold = 5
    static let addressThreshold = 20
    static let accountThreshold = 10
    static let firstWait: TimeInterval = 30
    static let firstDelay: TimeInterval = 0.25
    static let maximumDelay: TimeInterval = 5

    struct Keys {
        var pair: String
        var address: String
        var account: String
    }

    static func keys(email: String, address: String?) -> Keys {
        let account = email.trimmingCharacters(in: .whitespaces).lowercased()
        let from = address ?? "unknown"
        return Keys(pair: "pair:" + account + "|" + from, address: "address:" + from, account: "account:" + account)
    }

    /// How long `failures` recent failures make one wait after the last, given the threshold where waiting starts.
    static func wait(failures: Int, threshold: Int) -> TimeInterval {
        guard failures >= threshold else { return 0 }
        return min(window, firstWait * pow(2, Double(min(failures - threshold, 20))))
    }

    /// The delay before an attempt on an account that has `failures` recent failures from all addresses together.
    static func delay(failures: Int) -> TimeInterval {
        guard failures >= accountThreshold else { return 0 }
        return min(maximumDelay, firstDelay * pow(2, Double(min(failures - accountThreshold, 20))))
    }

    /// Throws 429 while this address must wait (for this account, or for all); otherwise returns the delay to
    /// apply before checking the password.
    static func check(email: String, address: String?, now: Date = Date(), on db: any Database) async throws -> TimeInterval {
        let k = keys(email: email, address: address)
        let since = now.addingTimeInterval(-window)
        func recent(_ key: String) async throws -> (count: Int, last: Date?) {
            let rows = try await LoginFailureModel.query(on: db).filter(\.$key == key).filter(\.$at > since).all()
            return (rows.count, rows.map(\.at).max())
        }
        let pair = try await recent(k.pair)
        let byAddress = try await recent(k.address)
        let remaining = [(pair, pairThreshold), (byAddress, addressThreshold)].map { entry -> TimeInterval in
            guard let last = entry.0.last else { return 0 }
            return last.addingTimeInterval(wait(failures: entry.0.count, threshold: entry.1)).timeIntervalSince(now)
        }.max() ?? 0
        if remaining > 0 {
            throw AppError.tooManyRequests("Te veel mislukte pogingen vanaf dit adres. Probeer het over \(describe(remaining)) opnieuw.")
        }
        let account = try await LoginFailureModel.query(on: db).filter(\.$key == k.account).filter(\.$at > since).count()
        return delay(failures: account)
    }

    static func describe(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return s == 1 ? "1 seconde" : "\(s) seconden" }
        let m = (s + 59) / 60
        return m == 1 ? "1 minuut" : "\(m) minuten"
    }

    static func recordFailure(email: String, address: String?, now: Date = Date(), on db: any Database) async throws {
        let k = keys(email: email, address: address)
        for key in [k.pair, k.address, k.account] { try await LoginFailureModel(key: key, at: now).create(on: db) }
        // Old failures are of no use any more.
        try await LoginFailureModel.query(on: db).filter(\.$at < now.addingTimeInterval(-2 * window)).delete()
    }

    /// A success forgets the failures of this account from this address (not those from elsewhere).
    static func recordSuccess(email: String, address: String?, on db: any Database) async throws {
        try await LoginFailureModel.query(on: db).filter(\.$key == keys(email: email, address: address).pair).delete()
    }
}
