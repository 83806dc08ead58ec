import Fluent
import Foundation
import SQLKit
import SROIDomain
import Vapor

/// Bearer tokens: random, shown once, stored as a SHA-256 hash.
enum APITokens {
    static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// A token with its user and organisation: what a request needs to know who asks.
    struct Holder: Decodable {
        var expires_at: Date
        var created_at: Date?
        var read_only: Bool
        var user_id: UUID
        var name: String
        var email: String
        var role: String
        var active: Bool
        var sessions_valid_after: Date?
        var organisation_id: UUID
        var organisation_name: String
        var organisation_kind: String
        var data_generation: Int64
    }

    /// The token with this hash, its user and organisation: one statement written out, only the columns needed
    /// (a request's authentication was three queries, then one built by Fluent with 30 columns; issue 20).
    /// A prepared statement on PostgreSQL (`TokenHolderRead`).
    static func holder(ofHash hash: String, on sql: any SQLDatabase) async throws -> Holder? {
        try await sql.values(TokenHolderRead(hash: hash), as: Holder.self, single: true).first
    }

    /// Creates a token for the user and returns it in the clear; only the hash is saved.
    static func issue(for userID: UUID, lifetime: TimeInterval, name: String = "login", readOnly: Bool = false,
                      on db: any Database) async throws -> String {
        let token = "sroi_" + [UInt8].random(count: 32).base64URLEncoded
        try await APITokenModel(userID: userID, tokenHash: hash(token), expiresAt: Date().addingTimeInterval(lifetime),
                                name: name, readOnly: readOnly).save(on: db)
        return token
    }
}

extension Array where Element == UInt8 {
    /// URL-safe base64 without padding.
    var base64URLEncoded: String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Reads `Authorization: Bearer` and logs the user in for this request.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // The token, its user and the user's organisation in one query (issue 20).
        guard let sql = request.db as? any SQLDatabase,
              let holder = try await APITokens.holder(ofHash: APITokens.hash(bearer.token), on: sql),
              holder.expires_at > Date(), holder.active else { return }
        if let after = holder.sessions_valid_after, (holder.created_at ?? .distantPast) <= after { return }
        var user = CurrentUser(userID: holder.user_id, name: holder.name, email: holder.email,
                               role: Role(rawValue: holder.role) ?? .viewer, organisationID: holder.organisation_id,
                               organisationName: holder.organisation_name,
                               organisationKind: OrganisationKind(rawValue: holder.organisation_kind) ?? .supplier,
                               sessionsValidAfter: holder.sessions_valid_after)
        user = try await UserLookup.withDelegations(user, on: request.db)
        user.readOnly = holder.read_only
        request.auth.login(user)
        request.storage[DataGenerationKey.self] = holder.data_generation
    }
}

/// Reads the web session and logs the user in for this request.
struct SessionUserAuthenticator: AsyncMiddleware {
    static let sessionKey = "userID"
    static let loginAtKey = "loginAt"
    /// A web session ends this long after login, whatever happens in between.
    static let lifetime: TimeInterval = 8 * 3600

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let id = request.session.data[Self.sessionKey].flatMap(UUID.init(uuidString:)),
           let user = try await UserLookup.currentUser(userID: id, on: request.db) {
            let loginAt = request.session.data[Self.loginAtKey].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? .distantPast
            let expired = Date().timeIntervalSince(loginAt) > Self.lifetime
            let revoked = user.sessionsValidAfter.map { loginAt <= $0 } ?? false
            if expired || revoked {
                request.session.destroy()
            } else {
                request.auth.login(user)
            }
        }
        return try await next.respond(to: request)
    }
}

/// A read-only API token may read, never change; it may end itself (`POST /api/v1/logout`).
struct ReadOnlyGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let isLogout = request.method == .POST && request.url.path == "/api/v1/logout"
        if let user = request.auth.get(CurrentUser.self), user.readOnly, request.method != .GET, request.method != .HEAD, !isLogout {
            throw AppError.forbidden("Dit is een alleen-lezen token.")
        }
        return try await next.respond(to: request)
    }
}
