/// A problem with one input field, in words a user can act on (Dutch).
public struct FieldError: Sendable, Hashable, Codable, Error {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
