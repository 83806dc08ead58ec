import Foundation
import Logging
import XCTest
import XCTVapor
@testable import SROIApp

final class ObservabilityTests: AppTestCase, @unchecked Sendable {
    /// Logging is bootstrapped before the application makes its logger.
    override func setUp() async throws {
        _ = LogCapture.shared
        try await super.setUp()
    }

    func testEveryResponseCarriesARequestIdThatIsAlsoOnItsLogLines() async throws {
        let capture = LogCapture.shared
        world.app.logger.logLevel = .info
        let given = try await world.request(.GET, "/health", headers: ["X-Request-Id": "lb-7f3a_2"])
        XCTAssertEqual(given.headers.first(name: "X-Request-Id"), "lb-7f3a_2")
        let lines = capture.lines.withLockedValue { $0 }
        XCTAssertTrue(lines.contains { $0.contains("GET /health") && $0.contains("lb-7f3a_2") }, lines.suffix(5).joined(separator: "\n"))
        // A header that could forge a log line is replaced by a fresh id.
        let forged = try await world.request(.GET, "/health", headers: ["X-Request-Id": "x\nlevel=error fake"])
        let id = forged.headers.first(name: "X-Request-Id") ?? ""
        XCTAssertNotNil(UUID(uuidString: id), id)
        let fresh = try await world.request(.GET, "/health")
        XCTAssertNotEqual(fresh.headers.first(name: "X-Request-Id"), id)
    }

    func testAStructuredLogLineIsOneJSONObject() throws {
        let line = JSONLogHandler.line(level: .info, label: "codes.vapor.application", message: "GET /api/v1/contracts",
                                       metadata: ["request-id": "abc-1"], date: Date(timeIntervalSince1970: 0))
        XCTAssertFalse(line.contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
        XCTAssertEqual(object, ["ts": "1970-01-01T00:00:00Z", "level": "info", "logger": "codes.vapor.application",
                                "message": "GET /api/v1/contracts", "request-id": "abc-1"])
    }

    func testMetricsCountRequestsByRoutePatternNeverByConcreteId() async throws {
        let c = try await world.createContract([:])
        for _ in 0..<2 { _ = try await world.request(.GET, "/api/v1/contracts/\(c)", as: "coordinator") }
        _ = try await world.request(.GET, "/api/v1/contracts/\(UUID())", as: "coordinator")
        let ping = try await world.request(.GET, "/ping")
        XCTAssertEqual(ping.body.string, "pong")
        // The scraper's token (the test configuration sets one); without it /metrics is not found.
        let anonymous = try await world.request(.GET, "/metrics")
        XCTAssertEqual(anonymous.status, .notFound)
        let metrics = try await world.request(.GET, "/metrics", headers: ["Authorization": "Bearer \(TestWorld.metricsToken)"])
        XCTAssertEqual(metrics.status, .ok)
        let text = metrics.body.string
        XCTAssertTrue(text.contains(#"sroi_http_requests_total{method="GET",route="/api/v1/contracts/:id",status="200"} 2"#), text)
        XCTAssertTrue(text.contains(#"sroi_http_requests_total{method="GET",route="/api/v1/contracts/:id",status="404"} 1"#), text)
        XCTAssertTrue(text.contains("sroi_http_request_duration_seconds_bucket"), text)
        XCTAssertFalse(text.contains(c.uuidString), "no ids in labels")
    }
}
