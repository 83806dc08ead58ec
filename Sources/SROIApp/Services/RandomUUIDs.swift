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
