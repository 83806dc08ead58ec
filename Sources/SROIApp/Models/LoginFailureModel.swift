import Fluent
import Foundation

/// A failed login, by account ("account:e-mail") and by address ("address:ip"), for throttling.
final class LoginFailureModel: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "at") var at: Date

    init() {}

    init(key: String, at: Date) {
        self.key = key
        self.at = at
    }
}

extension LoginFailureModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $key, $at
        ]
    }
}
