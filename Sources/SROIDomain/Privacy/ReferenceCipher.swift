import Crypto
import Foundation

/// Keeps a supplier's own reference of a candidate (a personnel number such as GL-0440) so that only that supplier
/// reads it back: sealed with AES-GCM under a key derived (HKDF-SHA256) from the installation's pseudonym secret, which
/// lives outside the database. The supplier's id is bound in as authenticated data, so a sealed reference copied to
/// another supplier's placement does not open. A BSN is never sealed: only a reference is.
public struct ReferenceCipher: Sendable {
    private let key: SymmetricKey
    static let prefix = "v1:"

    public init(secret: [UInt8]) {
        precondition(secret.count >= 32, "the secret must be at least 32 bytes")
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secret), info: Data("sroi supplier reference v1".utf8),
                                     outputByteCount: 32)
    }

    /// "v1:" and the nonce, ciphertext and tag in base64; a different text each time for the same reference.
    public func seal(_ reference: String, supplier: String) -> String {
        // AES-GCM only fails for a key or nonce of the wrong size, which cannot happen here.
        let box = try! AES.GCM.seal(Data(reference.utf8), using: key, authenticating: Data(supplier.utf8))
        return Self.prefix + box.combined!.base64EncodedString()
    }

    /// The reference, or nil when the text was sealed for another supplier, with another key, or changed.
    public func open(_ sealed: String, supplier: String) -> String? {
        guard sealed.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Data(supplier.utf8)) else { return nil }
        return String(data: plain, encoding: .utf8)
    }
}
