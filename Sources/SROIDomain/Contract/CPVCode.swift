/// A Common Procurement Vocabulary code: eight digits, optionally with a check digit ("90910000-9").
/// The leading digits carry the category, so a policy matches categories by prefix.
public struct CPVCode: Sendable, Hashable, Codable {
    /// The eight digits, without the check digit.
    public let digits: String

    public init?(_ text: String) {
        let trimmed = text.trimming(" ")
        let main = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(main.count), main[0].count == 8, main[0].allSatisfy(\.isASCIIDigit) else { return nil }
        if main.count == 2 { guard main[1].count == 1, main[1].allSatisfy(\.isASCIIDigit) else { return nil } }
        digits = String(main[0])
    }

    /// Whether this code falls under a category prefix ("909" matches 90910000).
    public func matches(prefix: String) -> Bool { !prefix.isEmpty && digits.hasPrefix(prefix) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = CPVCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a CPV code of 8 digits, got \"\(text)\""))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
