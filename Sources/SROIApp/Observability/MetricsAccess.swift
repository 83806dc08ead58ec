import Vapor

/// Who may read /metrics. With `SROI_METRICS_TOKEN` set: whoever sends it as a bearer token. Without it: only a
/// scraper on this machine (a loopback peer) that does not come through a proxy (no `X-Forwarded-For`), so a
/// reverse proxy on the same host does not open the figures to the world.
enum MetricsAccess {
    static func check(_ req: Request) throws {
        if let token = req.platform.configuration.metricsToken {
            guard let sent = req.headers.bearerAuthorization?.token, constantTimeEqual(sent, token) else {
                throw AppError.notFound
            }
            return
        }
        let peer = req.remoteAddress?.ipAddress
        let loopback = peer.map { $0 == "::1" || $0.hasPrefix("127.") || $0 == "::ffff:127.0.0.1" } ?? false
        guard loopback, req.headers[.xForwardedFor].isEmpty else { throw AppError.notFound }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
