import Fluent
import Foundation
import SQLKit
import SROIDomain
import Vapor
import XCTest
import XCTVapor
@testable import SROIApp

/// A fresh application on a fresh database with two buyers, two suppliers and users of every role.
/// Uses PostgreSQL when DATABASE_URL is set (the schema is emptied first), otherwise a temporary SQLite file.
final class TestWorld: @unchecked Sendable {
    static let today = "2026-11-27"
    static let password = "Wachtwoord-123"
    static let metricsToken = "metrics-test-token"

    let app: Application
    let sqlitePath: String?
    var buyer: UUID!
    var otherBuyer: UUID!
    var supplierA: UUID!
    var supplierB: UUID!
    var platform: UUID!
    /// Bearer tokens by name: coordinator, purchaser, viewer, otherCoordinator, reporterA, reporterB, admin.
    var tokens: [String: String] = [:]

    static func make(loadFixtures: Bool = true, sqlitePath: String? = nil, reset: Bool = true) async throws -> TestWorld {
        let config = configuration(sqlitePath: sqlitePath)
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, config)
            if case .postgres = config.database, reset {
                let sql = app.db as! any SQLDatabase
                try await sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            try await prepareDatabase(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        let world = TestWorld(app: app, sqlitePath: { if case .sqlite(let p) = config.database, reset { return p }; return nil }())
        if loadFixtures { try await world.loadFixtures() }
        return world
    }

    static func configuration(sqlitePath: String?) -> AppConfiguration {
        let env = ProcessInfo.processInfo.environment
        let database: AppConfiguration.DatabaseChoice
        if let url = env["DATABASE_URL"], url.hasPrefix("postgres") {
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: sqlitePath ?? NSTemporaryDirectory() + "sroi-test-\(UUID().uuidString).sqlite")
        }
        return AppConfiguration(database: database, bcryptCost: 4, loadDemoWhenEmpty: false, demoPassword: password,
                                fixedToday: today, pseudonymSecretPath: NSTemporaryDirectory() + "sroi-test-pseudonym.key",
                                evidenceDirectory: NSTemporaryDirectory() + "sroi-test-evidence-\(UUID().uuidString)",
                                metricsToken: metricsToken, mailDirectory: NSTemporaryDirectory() + "sroi-test-mail")
    }

    private init(app: Application, sqlitePath: String?) {
        self.app = app
        self.sqlitePath = sqlitePath
    }

    func shutdown() async throws {
        let evidence = app.platform.configuration.evidenceDirectory
        try await app.asyncShutdown()
        if let sqlitePath {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
        }
        // Evidence files stored by the test (a directory of its own per world).
        if evidence.hasPrefix(NSTemporaryDirectory() + "sroi-test-evidence-") { try? FileManager.default.removeItem(atPath: evidence) }
    }

    private func loadFixtures() async throws {
        let db = app.db
        func org(_ name: String, _ kind: OrganisationKind, _ kvk: String) async throws -> UUID {
            try await OrganisationService.create(.init(name: name, kind: kind.rawValue, kvk: kvk, region: nil), by: nil, on: db).requireID()
        }
        buyer = try await org("Gemeente Test", .buyer, "10000001")
        otherBuyer = try await org("Gemeente Anders", .buyer, "10000002")
        supplierA = try await org("Leverancier A", .supplier, "20000001")
        supplierB = try await org("Leverancier B", .supplier, "20000002")
        platform = try await org("Platform", .platform, "30000001")
        let users: [(String, Role, UUID)] = [
            ("coordinator", .coordinator, buyer), ("purchaser", .purchaser, buyer), ("viewer", .viewer, buyer),
            ("otherCoordinator", .coordinator, otherBuyer), ("reporterA", .reporter, supplierA),
            ("reporterB", .reporter, supplierB), ("admin", .administrator, platform),
        ]
        for (name, role, orgID) in users {
            let user = try await UserService.create(email: "\(name.lowercased())@test.example", name: name, role: role.rawValue,
                                                    password: Self.password, organisationID: orgID,
                                                    passwords: app.platform.passwords, by: nil, on: db)
            tokens[name] = try await APITokens.issue(for: try user.requireID(), lifetime: 3600, on: db)
        }
    }

    // MARK: Requests

    func request(_ method: HTTPMethod, _ path: String, as who: String? = nil, json: (any Encodable)? = nil,
                 rawBody: String? = nil, headers extra: HTTPHeaders = [:], body: String? = nil) async throws -> XCTHTTPResponse {
        let token = who.flatMap { tokens[$0] }
        return try await app.testable().sendRequest(method, path, headers: extra) { req async throws in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let json { try req.content.encode(AnyEncodable(json), as: .json) }
            if let body { req.body = ByteBuffer(string: body) }
            if let rawBody {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: rawBody)
            }
        }
    }

    /// Registers a contract through the API as the buyer's coordinator and returns its id.
    func createContract(_ fields: [String: JSONValue], as who: String = "coordinator") async throws -> UUID {
        var body: [String: JSONValue] = [
            "title": "Schoonmaak stadhuis", "kind": "dienst", "cpv": "90910000", "valueCents": 120_000_000,
            "wageSumCents": 80_000_000, "start": "2026-01-01", "end": "2028-12-31", "status": "planned",
        ]
        body.merge(fields) { $1 }
        let res = try await request(.POST, "/api/v1/contracts", as: who, json: body)
        XCTAssertEqual(res.status, .created, res.body.string)
        return try res.content.decode(IDOnly.self).id
    }
}

struct IDOnly: Decodable { var id: UUID }

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// A JSON value written as a literal in tests.
enum JSONValue: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    case string(String), int(Int64), double(Double), bool(Bool), null
    indirect case object([String: JSONValue])
    indirect case array([JSONValue])

    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(nilLiteral: ()) { self = .null }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .object(let o): try c.encode(o)
        case .array(let a): try c.encode(a)
        }
    }
}

/// Fresh world per test.
class AppTestCase: XCTestCase, @unchecked Sendable {
    var world: TestWorld!

    override func setUp() async throws {
        world = try await TestWorld.make()
    }

    override func tearDown() async throws {
        try await world?.shutdown()
        world = nil
    }

    func errorField(_ res: XCTHTTPResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
            .flatMap { $0["error"] as? [String: Any] }?["field"] as? String
    }

    func json(_ res: XCTHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    func jsonArray(_ res: XCTHTTPResponse) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [[String: Any]] ?? []
    }
}

/// The JSON of an answer, for tests written as free functions (Swift Testing); `AppTestCase` has the same as methods.
func json(_ res: XCTHTTPResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [String: Any] ?? [:]
}

func jsonArray(_ res: XCTHTTPResponse) -> [[String: Any]] {
    (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [[String: Any]] ?? []
}

func errorField(_ res: XCTHTTPResponse) -> String? {
    (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
        .flatMap { $0["error"] as? [String: Any] }?["field"] as? String
}
