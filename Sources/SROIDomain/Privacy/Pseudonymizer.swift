import Crypto
import Foundation

/// Who a candidate is, as the supplier enters it. Neither is ever stored: only the pseudonym is.
public enum CandidateIdentifier: Sendable, Hashable {
    /// A citizen service number (BSN), checked with the eleven test.
    case bsn(String)
    /// The supplier's own reference (personnel number), unique within that supplier.
    case reference(supplier: String, reference: String)
}

/// Turns a candidate's BSN or reference into a keyed pseudonym (HMAC-SHA256 with the installation's secret),
/// so the same person links across contracts and buyers without being identifiable.
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    public init(secret: [UInt8]) {
        precondition(secret.count >= 32, "the pseudonym secret must be at least 32 bytes")
        key = SymmetricKey(data: secret)
    }

    /// The pseudonym: 64 hex digits.
    public func pseudonym(for identifier: CandidateIdentifier) -> String {
        let input: String
        switch identifier {
        case .bsn(let bsn): input = "bsn:" + bsn
        case .reference(let supplier, let reference): input = "ref:" + supplier + ":" + reference
        }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key)
        return Hex.lowercase(mac)
    }

    /// How a pseudonym is shown to people: "K-3F9A2C1B".
    public static func display(_ pseudonym: String) -> String { "K-" + pseudonym.prefix(8).uppercased() }

    /// The eleven test (elfproef) for a BSN: nine digits d1…d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11.
    public static func isValidBSN(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard text.count == 9, digits.count == 9, digits != Array(repeating: 0, count: 9) else { return false }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            sum += index == 8 ? -digit : digit * (9 - index)
        }
        return sum % 11 == 0
    }

    /// Reads what a supplier typed: a valid BSN, or else its own reference. A nine-digit number that fails
    /// the eleven test is refused, since it is most likely a mistyped BSN.
    public static func identifier(bsn: String?, reference: String?, supplier: String) -> Result<CandidateIdentifier, FieldError> {
        let b = bsn?.filter { !$0.isWhitespace && $0 != "." } ?? ""
        if !b.isEmpty {
            guard isValidBSN(b) else {
                return .failure(FieldError(field: "bsn", message: "geen geldig BSN (de elfproef klopt niet)"))
            }
            return .success(.bsn(b))
        }
        let r = reference?.trimming(" \t") ?? ""
        guard !r.isEmpty else {
            return .failure(FieldError(field: "reference", message: "vul een eigen referentie (personeelsnummer) of een BSN in"))
        }
        if r.count == 9, r.allSatisfy(\.isASCIIDigit), !isValidBSN(r) {
            return .failure(FieldError(field: "reference", message: "dit lijkt een BSN maar de elfproef klopt niet; gebruik het BSN-veld of een andere referentie"))
        }
        if r.count == 9, r.allSatisfy(\.isASCIIDigit) { return .success(.bsn(r)) }
        guard r.count <= 64 else { return .failure(FieldError(field: "reference", message: "hoogstens 64 tekens")) }
        return .success(.reference(supplier: supplier, reference: r))
    }
}
