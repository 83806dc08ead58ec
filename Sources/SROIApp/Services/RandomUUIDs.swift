import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random (version 4) UUIDs in bulk. Foundation's `UUID()` on Linux opens, reads and closes `/dev/urandom` for each
/// one: with a million hour rows that was an eighth of the import's time (perf, issue 20). These take the bytes of a
/// whole batch at once.
enum RandomUUIDs {
    static func make(_ count: Int) -> [UUID] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count * 16)
        fill(&bytes)
        var result: [UUID] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            let o = i * 16
            result.append(UUID(uuid: (
                bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3], bytes[o + 4], bytes[o + 5],
                bytes[o + 6] & 0x0F | 0x40, bytes[o + 7],          // version 4
                bytes[o + 8] & 0x3F | 0x80, bytes[o + 9],          // variant 10
                bytes[o + 10], bytes[o + 11], bytes[o + 12], bytes[o + 13], bytes[o + 14], bytes[o + 15])))
        }
        return result
    }

    /// The kernel's random bytes through glibc's (2.36) or Darwin's `arc4random_buf`: one call a batch.
    private static func fill(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in arc4random_buf(buffer.baseAddress!, buffer.count) }
    }
}

extension UUID {
    /// The text Foundation's `uuidString` gives ("E621E1F8-C36C-495A-93FC-0C247A3E6E5F"), written from a table:
    /// `uuidString` formats through C's `snprintf`, and the import writes two for each of a million rows (a
    /// twenty-fifth of its time in perf; issue 20).
    var upperText: String {
        let digits: StaticString = "0123456789ABCDEF"
        return withUnsafeBytes(of: uuid) { bytes in
            digits.withUTF8Buffer { table in
                String(unsafeUninitializedCapacity: 36) { out in
                    var o = 0
                    for (i, byte) in bytes.enumerated() {
                        if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = 0x2D; o += 1 }
                        out[o] = table[Int(byte >> 4)]
                        out[o + 1] = table[Int(byte & 0x0F)]
                        o += 2
                    }
                    return o
                }
            }
        }
    }
}
