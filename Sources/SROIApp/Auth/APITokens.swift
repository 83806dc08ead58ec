import Fluent
import Foundation
import Vapor

/// Bearer tokens: random, shown once, stored as a SHA-256 hash.
enum APITokens {
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a token for the user and returns it in the clear; only the hash is saved.
    static func issue(for userID: UUID, lifetime: TimeInterval, on db: any Database) async throws -> String {
        let token = [UInt8].random(count: 32).base64URLEncoded
        try await APITokenModel(userID: userID, tokenHash: hash(token), expiresAt: Date().addingTimeInterval(lifetime)).save(on: db)
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
        guard let token = try await APITokenModel.query(on: request.db)
            .filter(\.$tokenHash == APITokens.hash(bearer.token)).first(),
            token.expiresAt > Date(),
            let user = try await UserLookup.currentUser(userID: token.$user.id, on: request.db) else { return }
        request.auth.login(user)
    }
}

/// Reads the web session and logs the user in for this request.
struct SessionUserAuthenticator: AsyncMiddleware {
    static let sessionKey = "userID"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let id = request.session.data[Self.sessionKey].flatMap(UUID.init(uuidString:)),
           let user = try await UserLookup.currentUser(userID: id, on: request.db) {
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}
