import Foundation
import Vapor

/// The proxies whose `X-Forwarded-For` is believed (`SROI_TRUSTED_PROXIES`: addresses or CIDR ranges, separated by
/// commas, e.g. `10.0.0.0/8, 127.0.0.1`). A header from anyone else is ignored: the client could have written it.
struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) {
                if left <= 0 { return true }
                let bits = min(8, left)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                left -= bits
            }
            return true
        }
    }

    var ranges: [Range]

    static let none = TrustedProxies(ranges: [])

    /// Parses the setting; a wrong entry is named, so a typo cannot silently trust nobody (or everybody).
    init(setting: String) throws {
        var ranges: [Range] = []
        for entry in setting.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = TrustedProxies.bytes(of: parts[0]) else {
                throw CommandFailure(description: "SROI_TRUSTED_PROXIES: '\(entry)' is geen IP-adres of bereik (zoals 10.0.0.0/8)")
            }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else {
                throw CommandFailure(description: "SROI_TRUSTED_PROXIES: '\(entry)' heeft een ongeldige prefixlengte")
            }
            ranges.append(Range(bytes: bytes, prefix: prefix))
        }
        self.ranges = ranges
    }

    init(ranges: [Range]) { self.ranges = ranges }

    func trusts(_ address: String) -> Bool {
        guard let bytes = TrustedProxies.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address: the peer, or, when the peer is a trusted proxy, the right-most address in
    /// `X-Forwarded-For` that is not itself a trusted proxy.
    func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, trusts(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in chain.reversed() {
            guard TrustedProxies.bytes(of: hop) != nil else { return peer } // a garbled header: keep what we know
            if !trusts(hop) { return hop }
        }
        return chain.first ?? peer
    }

    /// The bytes of an IPv4 or IPv6 address (an IPv4-mapped IPv6 address as IPv4), or nil.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
            return bytes
        }
        return nil
    }
}

extension Request {
    /// The address of the person making the request, behind trusted proxies only (see `TrustedProxies`).
    var clientAddress: String? {
        platform.trustedProxies.client(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }
}
