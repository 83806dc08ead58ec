import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class WebTests: AppTestCase, @unchecked Sendable {
    func testLoginWithWrongPasswordIsRefusedAndLogged() async throws {
        let browser = WebSession(app: world.app)
        try await browser.get("/login")
        let res = try await browser.post("/login", form: [("email", "coordinator@test.example"), ("password", "fout-wachtwoord-1")])
        XCTAssertEqual(res.status, .unauthorized)
        XCTAssertTrue(res.body.string.contains("horen niet bij elkaar"))
        let v14 = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "login_failed").count()
        XCTAssertEqual(v14, 1)
        let dashboard = try await browser.get("/")
        XCTAssertEqual(dashboard.status, .seeOther)
        XCTAssertEqual(dashboard.headers.first(name: .location), "/login")
    }

    func testFormsWithoutTokenAreRefused() async throws {
        let browser = WebSession(app: world.app)
        try await browser.get("/login")
        let res = try await browser.post("/login", form: [("email", "coordinator@test.example"), ("password", TestWorld.password)], csrf: false)
        XCTAssertEqual(res.status, .forbidden)
        let v25 = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "login").count()
        XCTAssertEqual(v25, 0)
    }

    func testCoordinatorRegistersContractAndSeesExplainedObligation() async throws {
        let browser = WebSession(app: world.app)
        try await browser.login("coordinator@test.example")
        let form = try await browser.get("/contracts/new")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.string.contains("Opdrachtwaarde excl. btw"))

        // A value typed the Dutch way, and a missing end date: the error stands next to the field, nothing is saved.
        let fields: [(String, String)] = [("title", "Schoonmaak stadhuis"), ("status", "running"), ("supplierId", world.supplierA.uuidString),
                                          ("kind", "dienst"), ("cpv", "90910000"), ("value", "1.200.000"), ("wageSum", "800.000"),
                                          ("start", "2026-01-01")]
        let invalid = try await browser.post("/contracts", form: fields + [("end", "")])
        XCTAssertEqual(invalid.status, .unprocessableEntity)
        let html = invalid.body.string
        XCTAssertTrue(html.contains(#"id="e-end""#), html)
        XCTAssertTrue(html.contains("verwacht een einddatum als JJJJ-MM-DD"))
        XCTAssertTrue(html.contains(#"value="1.200.000""#), "the typed value is kept")
        let v45 = try await ContractModel.query(on: world.app.db).count()
        XCTAssertEqual(v45, 0)

        // A value that is no amount and a missing title are reported together, in a summary that links to the fields.
        let both = try await browser.post("/contracts", form: [("title", ""), ("kind", "dienst"), ("status", "planned"), ("value", "twaalf"),
                                                               ("start", "2026-01-01"), ("end", "2026-12-31")])
        XCTAssertEqual(both.status, .unprocessableEntity)
        XCTAssertTrue(both.body.string.contains(##"<a href="#f-value">Opdrachtwaarde excl. btw (€): verwacht een bedrag in euro"##), both.body.string)
        XCTAssertTrue(both.body.string.contains(##"<a href="#f-title">Titel: geef de opdracht een titel</a>"##))
        let stored = try await ContractModel.query(on: world.app.db).count()
        XCTAssertEqual(stored, 0)

        let created = try await browser.post("/contracts", form: fields + [("end", "2028-12-31")])
        XCTAssertEqual(created.status, .seeOther, created.body.string)
        let location = try XCTUnwrap(created.headers.first(name: .location))
        let page = try await browser.get(location)
        XCTAssertEqual(page.status, .ok)
        let text = page.body.string
        XCTAssertTrue(text.contains("€ 60.000"))
        XCTAssertTrue(text.contains("5% van de opdrachtwaarde van € 1.200.000 = € 60.000"))
        XCTAssertTrue(text.contains("Afwijken van de berekening"))

        // Override through the form; the reason is required.
        let id = location.replacingOccurrences(of: "/contracts/", with: "")
        let noReason = try await browser.post("/contracts/\(id)/override", form: [("applicable", ""), ("amount", "45.000"), ("reason", "")])
        XCTAssertEqual(noReason.status, .unprocessableEntity)
        XCTAssertTrue(noReason.body.string.contains("geef een reden voor de afwijking"))
        let ok = try await browser.post("/contracts/\(id)/override", form: [("applicable", ""), ("amount", "45.000"), ("reason", "Inschrijving")])
        XCTAssertEqual(ok.status, .seeOther)
        let after = try await browser.get("/contracts/\(id)")
        XCTAssertTrue(after.body.string.contains("bedrag vastgesteld op € 45.000 in plaats van € 60.000"))
    }

    func testSupplierSeesOnlyOwnContractsOnPages() async throws {
        let mine = try await world.createContract(["title": "Voor A", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let theirs = try await world.createContract(["title": "Voor B", "status": "running", "supplierId": .string(world.supplierB.uuidString)])
        let browser = WebSession(app: world.app)
        try await browser.login("reportera@test.example")
        let list = try await browser.get("/contracts")
        XCTAssertTrue(list.body.string.contains("Voor A"))
        XCTAssertFalse(list.body.string.contains("Voor B"))
        let v76 = try await browser.get("/contracts/\(mine)").status
        XCTAssertEqual(v76, .ok)
        let other = try await browser.get("/contracts/\(theirs)")
        XCTAssertEqual(other.status, .notFound)
        XCTAssertFalse(other.body.string.contains("Voor B"))
        let v80 = try await browser.get("/contracts/new").status
        XCTAssertEqual(v80, .forbidden)
        let v81 = try await browser.get("/policy").status
        XCTAssertEqual(v81, .notFound)
    }

    func testPolicyEditorSavesANewVersion() async throws {
        let browser = WebSession(app: world.app)
        try await browser.login("coordinator@test.example")
        let page = try await browser.get("/policy")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("Huidige versie: <strong>1</strong>"))
        let form: [(String, String)] = [
            ("name", "Beleid 2027"), ("basis", "contract_value"), ("minimumValue", "150.000"), ("minimumWageSum", ""),
            ("minimumDurationMonths", "6"), ("appliesToSupplies", "no"), ("standardPercentage", "5,5"),
            ("lowLabourShareThreshold", "50"), ("lowLabourSharePercentageOfValue", "2"), ("lowLabourSharePercentageOfWageSum", "5"),
            ("promisingAnnualValue", "200.000"), ("statusGreenThreshold", "90"), ("statusAmberThreshold", "60"),
            ("evidenceRetentionMonths", "24"), ("note", "Drempel omhoog"),
            ("categoryName[]", "Schoonmaak"), ("categoryCpv[]", "909"), ("categoryPercentage[]", "7"), ("categoryLabourIntensive[]", "0"),
            ("categoryName[]", ""), ("categoryCpv[]", ""), ("categoryPercentage[]", ""),
        ]
        let bad = try await browser.post("/policy", form: form.map { $0.0 == "standardPercentage" ? ($0.0, "vijf") : $0 })
        XCTAssertEqual(bad.status, .unprocessableEntity)
        XCTAssertTrue(bad.body.string.contains("verwacht een percentage, zoals 5 of 2,5"))
        let saved = try await browser.post("/policy", form: form)
        XCTAssertEqual(saved.status, .seeOther, saved.body.string)
        let version = try await PolicyStore.current(of: world.buyer, on: world.app.db)
        XCTAssertEqual(version?.number, 2)
        let policy = try version?.policy()
        XCTAssertEqual(policy?.standardPercentage, Percentage(basisPoints: 550))
        XCTAssertEqual(policy?.minimumValue, Money(euros: 150_000))
        XCTAssertNil(policy?.minimumWageSum)
        XCTAssertEqual(policy?.categories, [CategoryRule(name: "Schoonmaak", cpvPrefix: "909", percentage: .percent(7), labourIntensive: true)])

        // A viewer sees the policy but cannot save it.
        let viewer = WebSession(app: world.app)
        try await viewer.login("viewer@test.example")
        let v115 = try await viewer.get("/policy").body.string.contains("Alleen een SR-coördinator")
        XCTAssertTrue(v115)
        let v116 = try await viewer.post("/policy", form: form).status
        XCTAssertEqual(v116, .forbidden)
    }

    func testPagesRenderInDutchWithSecurityHeaders() async throws {
        _ = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        _ = try await world.createContract(["title": "Groen 2027", "cpv": "77310000", "start": "2027-07-01", "end": "2031-06-30",
                                            "publicationDate": "2027-02-01"])
        let browser = WebSession(app: world.app)
        try await browser.login("purchaser@test.example")
        for (path, expected) in [("/", "Wat nu aandacht vraagt"), ("/contracts", "Opdrachten en aanbestedingen"),
                                 ("/contracts?status=running&category=909&supplierId=", "Schoonmaak stadhuis"),
                                 ("/portfolio", "Top 3"), ("/policy", "Beleid social return"), ("/account", "API-tokens"),
                                 ("/policy/text", "<h2>Toepassing</h2>")] {
            let res = try await browser.get(path)
            XCTAssertEqual(res.status, .ok, path)
            XCTAssertTrue(res.body.string.contains(expected), "\(path) lacks \(expected)")
            XCTAssertTrue(res.body.string.contains(#"<html lang="nl">"#))
            XCTAssertEqual(res.headers.first(name: "X-Frame-Options"), "DENY")
            XCTAssertTrue(res.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
        }
        let portfolio = try await browser.get("/portfolio")
        XCTAssertTrue(portfolio.body.string.contains("minder dan 4 maanden voor publicatie"))
        XCTAssertTrue(portfolio.body.string.contains("arbeidsintensieve categorie: Schoonmaak"))
        let missing = try await browser.get("/bestaat-niet")
        XCTAssertEqual(missing.status, .notFound)
        XCTAssertTrue(missing.body.string.contains("Niet gevonden"))
    }

    func testCoordinatorReadsTheAuditLogAndOthersDoNot() async throws {
        _ = try await world.createContract([:])
        let coordinator = WebSession(app: world.app)
        try await coordinator.login("coordinator@test.example")
        let page = try await coordinator.get("/audit")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("policy_change") || page.body.string.contains("create"))
        let csv = try await coordinator.get("/audit.csv")
        XCTAssertTrue(csv.body.string.hasPrefix("\u{FEFF}tijdstip;"))
        let viewer = WebSession(app: world.app)
        try await viewer.login("viewer@test.example")
        let v171 = try await viewer.get("/audit").status
        XCTAssertEqual(v171, .forbidden)
        // A token made on the account page is shown once.
        let made = try await coordinator.post("/account/tokens", form: [("name", "Koppeling"), ("readOnly", "yes")])
        XCTAssertTrue(made.body.string.contains("sroi_"))
        let v175 = try await coordinator.get("/account").body.string.contains("sroi_")
        XCTAssertFalse(v175)
        let v176 = try await coordinator.post("/account/revoke", form: []).status
        XCTAssertEqual(v176, .seeOther)
        let v177 = try await coordinator.get("/").status
        XCTAssertEqual(v177, .seeOther, "logged out everywhere")
    }

    func testSessionCookieIsHttpOnly() async throws {
        let res = try await world.app.testable().sendRequest(.GET, "/login")
        let cookie = res.headers.first(name: .setCookie) ?? ""
        XCTAssertTrue(cookie.contains("sroi_session="))
        XCTAssertTrue(cookie.contains("HttpOnly"))
        XCTAssertTrue(cookie.contains("SameSite=Lax"))
    }
}
