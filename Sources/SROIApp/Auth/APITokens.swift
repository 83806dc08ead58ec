import Fluent
import Foundation
import Vapor

/// Bearer tokens: random, shown once, stored as a SHA-256 hash.
enum APITokens {
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
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
        guard let token = try await APITokenModel.query(on: request.db)
            .join(parent: \.$user)
            .join(OrganisationModel.self, on: \UserModel.$organisation.$id == \OrganisationModel.$id)
            .filter(\.$tokenHash == APITokens.hash(bearer.token)).first(),
            token.expiresAt > Date() else { return }
        let model = try token.joined(UserModel.self)
        model.$organisation.value = try token.joined(OrganisationModel.self)
        guard model.active, var user = try await UserLookup.currentUser(model, on: request.db) else { return }
        if let after = user.sessionsValidAfter, (token.createdAt ?? .distantPast) <= after { return }
        user.readOnly = token.readOnly
        request.auth.login(user)
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
