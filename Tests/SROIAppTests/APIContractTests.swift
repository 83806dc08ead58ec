import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Every documented read of the API, as four roles on the demo data, keeps the OpenAPI document's contract.
@Suite("The API keeps its contract")
struct APIContractTests {
    static func get(_ world: TestWorld, _ path: String, token: String) async throws -> XCTHTTPResponse {
        try await world.app.testable().sendRequest(.GET, path) { req async throws in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
        }
    }

    static func ids(_ res: XCTHTTPResponse, key: String = "id") -> [String] {
        guard let array = (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [[String: Any]] else { return [] }
        return array.compactMap { $0[key] as? String }
    }

    /// The concrete paths of every GET operation, with ids the role can see (several contracts, their first placement,
    /// report and so on); an operation whose id the role has none of is left out.
    static func paths(_ world: TestWorld, token: String) async throws -> [String] {
        let me = (try? JSONSerialization.jsonObject(with: Data(try await get(world, "/api/v1/me", token: token).body.readableBytesView))) as? [String: Any]
        let organisation = (me?["organisation"] as? [String: Any])?["id"] as? String ?? ""
        let contracts = Array(ids(try await get(world, "/api/v1/contracts", token: token)).prefix(8))
        let enterprise = ids(try await get(world, "/api/v1/social-enterprises", token: token)).first
        var result: [String] = []
        for (template, item) in OpenAPIContract.shared.document.paths where item[.get] != nil {
            let raw = "/" + template.components.joined(separator: "/")
            if raw.hasSuffix("/evidence/{evidenceId}") { continue }  // a file, not JSON
            var bases = [raw]
            if raw.contains("{enterpriseId}") {
                guard let enterprise else { continue }
                bases = [raw.replacingOccurrences(of: "{enterpriseId}", with: enterprise)]
            }
            if raw.hasPrefix("/api/v1/contracts/{id}") {
                bases = contracts.map { raw.replacingOccurrences(of: "{id}", with: $0) }
            } else if raw.contains("{id}") {
                bases = bases.map { $0.replacingOccurrences(of: "{id}", with: organisation) }
            }
            bases = bases.map { $0.replacingOccurrences(of: "{table}", with: "kerncijfers") + ($0.hasSuffix("{table}") ? "?format=json" : "") }
            for base in bases {
                if base.contains("{placementId}") || base.contains("{reportId}") {
                    let contract = String(base.split(separator: "/")[3])
                    let kind = base.contains("{placementId}") ? "placements" : "reports"
                    guard let first = ids(try await get(world, "/api/v1/contracts/\(contract)/\(kind)", token: token)).first else { continue }
                    result.append(base.replacingOccurrences(of: "{placementId}", with: first).replacingOccurrences(of: "{reportId}", with: first))
                } else if !base.contains("{") {
                    result.append(base)
                }
            }
        }
        return result
    }

    @Test("Every GET answer of coordinator, supplier, viewer and administrator matches its documented status and schema")
    func everyReadKeepsTheContract() async throws {
        try await OneTruthTests.withDemo { world in
            var problems: [String] = []
            var checked = 0
            for email in ["coordinator@voorbeeldstad.nl", "rapportage@glans.example", "bestuur@voorbeeldstad.nl", "beheer@sroi.example"] {
                // Arrange
                let token = try await OneTruthTests.token(world, email)
                for path in try await Self.paths(world, token: token) {
                    // Act
                    let res = try await Self.get(world, path, token: token)
                    // Check
                    #expect(res.status.code < 500, "\(email) GET \(path): \(res.status)")
                    problems += OpenAPIContract.shared.problems(method: "GET", path: path, status: Int(res.status.code),
                                                                body: Data(res.body.readableBytesView)).map { "\(email) GET \(path): \($0)" }
                    checked += 1
                }
            }
            #expect(checked > 150, "\(checked) answers checked")
            #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        }
    }

    @Test("The checker finds a drift: a missing required field, a wrong type, a value outside the enum, an undocumented status")
    func theCheckerFindsDrift() throws {
        // Arrange: a progress answer as the API would give it, then broken in four ways.
        let contract = OpenAPIContract.shared
        let path = "/api/v1/contracts/\(UUID())/progress"
        let good = try #require(contract.operation("GET", path))
        #expect(good.responses.count > 0)
        // Act
        let missing = contract.problems(method: "GET", path: path, status: 200, body: Data(#"{"contractId":"x"}"#.utf8))
        let wrongType = contract.problems(method: "GET", path: "/api/v1/me", status: 200, body: Data(#"{"id":5}"#.utf8))
        let status = contract.problems(method: "GET", path: "/api/v1/me", status: 418, body: Data("{}".utf8))
        let unknown = contract.problems(method: "GET", path: "/api/v1/nothing-here", status: 200, body: Data("{}".utf8))
        // Check
        #expect(missing.contains { $0.contains("$.obligationCents: required but missing") })
        #expect(wrongType.contains { $0.contains("$.id: expected a string") })
        #expect(status.first?.contains("status 418 is not documented") == true)
        #expect(unknown.first?.contains("is not in the OpenAPI document") == true)
        let status2 = OpenAPIContract.check("purple", against: .string(.init(allowedValues: ["green", "red"]), .init()), at: "$.status")
        #expect(status2 == ["$.status: 'purple' is not one of [\"green\", \"red\"]"])
    }
}
}
