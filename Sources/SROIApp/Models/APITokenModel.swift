import Fluent
import Foundation

/// A bearer token for the JSON API. Only its SHA-256 hash is stored; the token itself is shown once.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "name") var name: String
    /// A read-only token may only read (GET).
    @Field(key: "read_only") var readOnly: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, expiresAt: Date, name: String = "login", readOnly: Bool = false) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.name = name
        self.readOnly = readOnly
    }
}

extension APITokenModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $user, $tokenHash, $expiresAt, $name, $readOnly, $createdAt
        ]
    }
}
