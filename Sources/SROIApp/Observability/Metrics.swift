import Foundation
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Prometheus metrics of one app instance, in its own registry (no global state): requests by route pattern and
/// status, their durations, and requests in flight. Scraped at `GET /metrics`; labels never hold ids or data.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let running = NIOLockedValueBox(0)
    /// Requests being handled right now (read by the graceful shutdown).
    var requestsInFlight: Int { running.withLockedValue { $0 } }
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    init() {
        inFlight = registry.makeGauge(descriptor: .init(namespace: "sroi", metricName: "http_requests_in_flight", helpText: "Requests being handled"))
    }

    func started() {
        running.withLockedValue { $0 += 1 }
        inFlight.increment()
    }

    func finished(method: String, route: String, status: UInt, duration: Duration) {
        running.withLockedValue { $0 -= 1 }
        inFlight.decrement()
        registry.makeCounter(descriptor: .init(namespace: "sroi", metricName: "http_requests", unitName: "total", helpText: "HTTP requests handled"),
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "sroi", metricName: "http_request_duration", unitName: "seconds",
                                                         helpText: "Time to answer an HTTP request"),
                                       labels: [("method", method), ("route", route)], buckets: Self.buckets).record(duration)
    }
}

struct AppMetricsKey: StorageKey { typealias Value = AppMetrics }

extension Application {
    var metrics: AppMetrics {
        if let m = storage[AppMetricsKey.self] { return m }
        let m = AppMetrics()
        storage[AppMetricsKey.self] = m
        return m
    }
}

/// Counts every request under its route pattern (`/api/v1/contracts/:id`), never the concrete path.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: AppMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        metrics.started()
        var status: UInt = 500
        defer {
            let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            metrics.finished(method: request.method.rawValue, route: route, status: status, duration: ContinuousClock.now - start)
        }
        let response = try await next.respond(to: request)
        status = response.status.code
        return response
    }
}
