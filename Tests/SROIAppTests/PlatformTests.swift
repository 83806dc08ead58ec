import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class PlatformTests: AppTestCase, @unchecked Sendable {
    func testLoginReturnsTokenThatWorks() async throws {
        let res = try await world.request(.POST, "/api/v1/login", json: ["email": "Coordinator@Test.example", "password": .string(TestWorld.password)] as [String: JSONValue])
        XCTAssertEqual(res.status, .ok, res.body.string)
        let token = try XCTUnwrap(json(res)["token"] as? String)
        let me = try await world.app.testable().sendRequest(.GET, "/api/v1/me") { req async throws in
            req.headers.bearerAuthorization = .init(token: token)
        }
        XCTAssertEqual(me.status, .ok)
        XCTAssertEqual(json(me)["role"] as? String, "coordinator")
        XCTAssertEqual((json(me)["organisation"] as? [String: Any])?["name"] as? String, "Gemeente Test")
        // Only a hash of the token is stored.
        let stored = try await APITokenModel.query(on: world.app.db).all().map(\.tokenHash)
        XCTAssertFalse(stored.contains(token))
        XCTAssertTrue(stored.contains(APITokens.hash(token)))

        let wrong = try await world.request(.POST, "/api/v1/login", json: ["email": "coordinator@test.example", "password": "nee"] as [String: JSONValue])
        XCTAssertEqual(wrong.status, .unauthorized)
        let bogus = try await world.app.testable().sendRequest(.GET, "/api/v1/me") { req async throws in
            req.headers.bearerAuthorization = .init(token: "verzonnen")
        }
        XCTAssertEqual(bogus.status, .unauthorized)
        let missingField = try await world.request(.POST, "/api/v1/login", json: ["email": "x@y.nl"] as [String: JSONValue])
        XCTAssertEqual(missingField.status, .badRequest)
        XCTAssertEqual(errorField(missingField), "password")
    }

    func testOrganisationsVisibility() async throws {
        let buyerSees = Set(jsonArray(try await world.request(.GET, "/api/v1/organisations", as: "coordinator")).compactMap { $0["name"] as? String })
        XCTAssertEqual(buyerSees, ["Gemeente Test", "Leverancier A", "Leverancier B"])
        _ = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let supplierSees = Set(jsonArray(try await world.request(.GET, "/api/v1/organisations", as: "reporterA")).compactMap { $0["name"] as? String })
        XCTAssertEqual(supplierSees, ["Gemeente Test", "Leverancier A"])
        let v40 = try await world.request(.GET, "/api/v1/organisations/\(world.otherBuyer!)", as: "coordinator").status
        XCTAssertEqual(v40, .notFound)
        let v41 = try await world.request(.GET, "/api/v1/organisations/\(world.supplierB!)", as: "reporterA").status
        XCTAssertEqual(v41, .notFound)
        let all = try await world.request(.GET, "/api/v1/organisations", as: "admin")
        XCTAssertEqual(jsonArray(all).count, 5)
    }

    func testRegisteringOrganisations() async throws {
        let supplier = try await world.request(.POST, "/api/v1/organisations", as: "purchaser",
                                               json: ["name": "Nieuwe Schoonmaker", "kind": "supplier", "kvk": "12345678"] as [String: JSONValue])
        XCTAssertEqual(supplier.status, .created, supplier.body.string)
        let duplicate = try await world.request(.POST, "/api/v1/organisations", as: "purchaser",
                                                json: ["name": "Kopie", "kind": "supplier", "kvk": "12345678"] as [String: JSONValue])
        XCTAssertEqual(duplicate.status, .conflict)
        XCTAssertEqual(errorField(duplicate), "kvk")
        let badKvK = try await world.request(.POST, "/api/v1/organisations", as: "purchaser",
                                             json: ["name": "X", "kind": "supplier", "kvk": "1234"] as [String: JSONValue])
        XCTAssertEqual(badKvK.status, .unprocessableEntity)
        XCTAssertEqual(errorField(badKvK), "kvk")
        let buyerByBuyer = try await world.request(.POST, "/api/v1/organisations", as: "coordinator",
                                                   json: ["name": "Gemeente Nieuw", "kind": "buyer"] as [String: JSONValue])
        XCTAssertEqual(buyerByBuyer.status, .forbidden)
        let buyerByAdmin = try await world.request(.POST, "/api/v1/organisations", as: "admin",
                                                   json: ["name": "Gemeente Nieuw", "kind": "buyer"] as [String: JSONValue])
        XCTAssertEqual(buyerByAdmin.status, .created)
        // A new buyer starts with the default policy as version 1.
        let id = try buyerByAdmin.content.decode(IDOnly.self).id
        let policy = json(try await world.request(.GET, "/api/v1/organisations/\(id)/policy", as: "admin"))
        XCTAssertEqual(policy["version"] as? Int, 1)
        XCTAssertEqual((policy["settings"] as? [String: Any])?["standardPercentage"] as? Double, 5)
        XCTAssertEqual((policy["settings"] as? [String: Any])?["minimumValueCents"] as? Int, 10_000_000)
    }

    func testHealth() async throws {
        let res = try await world.request(.GET, "/health")
        XCTAssertEqual(res.status, .ok)
        XCTAssertEqual(json(res)["status"] as? String, "ok")
    }

    func testOpenAPIDocumentCoversEveryAPIRoute() async throws {
        let res = try await world.request(.GET, "/api/v1/openapi.yaml")
        XCTAssertEqual(res.status, .ok)
        let yaml = res.body.string
        XCTAssertTrue(yaml.hasPrefix("openapi: 3.1.0"))
        for route in world.app.routes.all {
            let path = "/" + route.path.map { component -> String in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
            guard path.hasPrefix("/api/") || path == "/health" else { continue }
            XCTAssertTrue(yaml.contains("\n  \(path):\n"), "\(path) is not in openapi.yaml")
            let method = route.method.rawValue.lowercased()
            let section = "\n" + (yaml.components(separatedBy: "\n  \(path):\n").last?.components(separatedBy: "\n  /").first ?? "")
            XCTAssertTrue(section.contains("\n    \(method):\n"), "\(route.method) \(path) is not in openapi.yaml")
        }
    }

    func testSessionsAreSharedBetweenInstances() async throws {
        // Two app instances on one database: a login on the first is valid on the second.
        let second = try await TestWorld.make(loadFixtures: false, sqlitePath: world.sqlitePath, reset: false)
        let status: HTTPResponseStatus
        let body: String
        do {
            let first = WebSession(app: world.app)
            try await first.login("coordinator@test.example")
            let other = WebSession(app: second.app)
            other.cookie = first.cookie
            let res = try await other.get("/")
            status = res.status
            body = res.body.string
        } catch {
            try? await second.shutdown()
            throw error
        }
        try await second.shutdown()
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("coordinator"))
    }

    func testAuditLogHasLoginAndChanges() async throws {
        _ = try await world.createContract([:])
        let browser = WebSession(app: world.app)
        try await browser.login("coordinator@test.example")
        let actions = Set(try await AuditEntryModel.query(on: world.app.db).all().map(\.action))
        XCTAssertTrue(actions.isSuperset(of: ["create", "login", "policy_change"]), "\(actions)")
        let entry = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "contract").first()
        XCTAssertNotNil(entry?.userID)
        XCTAssertEqual(entry?.organisationID, world.buyer)
    }
}

final class DemoDataTests: XCTestCase, @unchecked Sendable {
    func testDemoDataLoadsOnceWithWorkingObligations() async throws {
        let world = try await TestWorld.make(loadFixtures: false)
        do {
            let accounts = try await DemoData.load(world.app)
            XCTAssertEqual(accounts.count, 12, "eleven accounts and the job service's account manager")
            XCTAssertTrue(accounts.allSatisfy { $0.password == TestWorld.password })
            let db = world.app.db
            let v130 = try await ContractModel.query(on: db).count()
            XCTAssertEqual(v130, 23, "20 contracts, a framework and its two call-offs")
            let kinds = Set(try await OrganisationModel.query(on: db).all().map(\.kindRaw))
            XCTAssertEqual(kinds, ["buyer", "supplier", "social_enterprise", "job_service", "platform"])
            let vacancies = try await VacancyModel.query(on: db).count()
            let proposals = try await ProposalModel.query(on: db).filter(\.$status == "interview").count()
            XCTAssertEqual(vacancies, 2)
            XCTAssertEqual(proposals, 1)
            let statuses = Set(try await ContractModel.query(on: db).all().map(\.statusRaw))
            XCTAssertEqual(statuses, Set(ContractStatus.allCases.map(\.rawValue)))

            // The ministry is on the Rijk policy: 5% of the wage sum of € 1.400.000 = € 70.000.
            let rijk = try await ContractModel.query(on: db).filter(\.$title == "Schoonmaak ministeriegebouwen").first()!
            let obligation = try await ObligationService.obligation(for: rijk, on: db)
            XCTAssertEqual(obligation?.effective.amount, Money(euros: 70_000))
            // Green maintenance at the municipality's category percentage of 6%: € 2.400.000 × 6% = € 144.000.
            let green = try await ContractModel.query(on: db).filter(\.$title == "Groenonderhoud openbare ruimte").first()!
            let v142 = try await ObligationService.obligation(for: green, on: db)?.effective.amount
            XCTAssertEqual(v142, Money(euros: 144_000))
            // The framework carries its call-offs: € 100.000 + € 150.000 + € 120.000 = € 370.000 × 5% = € 18.500.
            let framework = try await ContractModel.query(on: db).filter(\.$title == "Raamovereenkomst schoonmaak piekdrukte").first()!
            let v18 = try await ObligationService.obligation(for: framework, on: db)?.effective.amount
            XCTAssertEqual(v18, Money(euros: 18_500))
            let registered = try await SocialEnterpriseModel.query(on: db).count()
            XCTAssertEqual(registered, 4)

            do {
                _ = try await DemoData.load(world.app)
                XCTFail("loading twice must fail")
            } catch is DemoData.LoadError {}
            let v148 = try await ContractModel.query(on: db).count()
            XCTAssertEqual(v148, 23)
        } catch {
            try? await world.shutdown()
            throw error
        }
        try await world.shutdown()
    }
}

