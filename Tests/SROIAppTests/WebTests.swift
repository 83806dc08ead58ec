import Fluent
import Foundation
import SROIDomain
import Testing
import XCTVapor
@testable import SROIApp

extension AppTests {
@Suite("Pages")
struct WebTests {
    @Test func loginWithWrongPasswordIsRefusedAndLogged() async throws {
        try await withWorld { world in
            let browser = WebSession(app: world.app)
            try await browser.get("/login")
            let res = try await browser.post("/login", form: [("email", "coordinator@test.example"), ("password", "fout-wachtwoord-1")])
            #expect(res.status == .unauthorized)
            #expect(res.body.string.contains("horen niet bij elkaar"))
            let v14 = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "login_failed").count()
            #expect(v14 == 1)
            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .seeOther)
            #expect(dashboard.headers.first(name: .location) == "/login")
        }
    }

    @Test func formsWithoutTokenAreRefused() async throws {
        try await withWorld { world in
            let browser = WebSession(app: world.app)
            try await browser.get("/login")
            let res = try await browser.post("/login", form: [("email", "coordinator@test.example"), ("password", TestWorld.password)], csrf: false)
            #expect(res.status == .forbidden)
            let v25 = try await AuditEntryModel.query(on: world.app.db).filter(\.$action == "login").count()
            #expect(v25 == 0)
        }
    }

    @Test func coordinatorRegistersContractAndSeesExplainedObligation() async throws {
        try await withWorld { world in
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let form = try await browser.get("/contracts/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Opdrachtwaarde excl. btw"))

            // A value typed the Dutch way, and a missing end date: the error stands next to the field, nothing is saved.
            let fields: [(String, String)] = [("title", "Schoonmaak stadhuis"), ("status", "running"), ("supplierId", world.supplierA.uuidString),
                                              ("kind", "dienst"), ("cpv", "90910000"), ("value", "1.200.000"), ("wageSum", "800.000"),
                                              ("start", "2026-01-01")]
            let invalid = try await browser.post("/contracts", form: fields + [("end", "")])
            #expect(invalid.status == .unprocessableEntity)
            let html = invalid.body.string
            #expect(html.contains(#"id="e-end""#), "\(html)")
            #expect(html.contains("verwacht een einddatum als JJJJ-MM-DD"))
            #expect(html.contains(#"value="1.200.000""#), "the typed value is kept")
            let v45 = try await ContractModel.query(on: world.app.db).count()
            #expect(v45 == 0)

            // A value that is no amount and a missing title are reported together, in a summary that links to the fields.
            let both = try await browser.post("/contracts", form: [("title", ""), ("kind", "dienst"), ("status", "planned"), ("value", "twaalf"),
                                                                   ("start", "2026-01-01"), ("end", "2026-12-31")])
            #expect(both.status == .unprocessableEntity)
            #expect(both.body.string.contains(##"<a href="#f-value">Opdrachtwaarde excl. btw (€): verwacht een bedrag in euro"##), "\(both.body.string)")
            #expect(both.body.string.contains(##"<a href="#f-title">Titel: geef de opdracht een titel</a>"##))
            let stored = try await ContractModel.query(on: world.app.db).count()
            #expect(stored == 0)

            let created = try await browser.post("/contracts", form: fields + [("end", "2028-12-31")])
            #expect(created.status == .seeOther, "\(created.body.string)")
            let location = try #require(created.headers.first(name: .location))
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            let text = page.body.string
            #expect(text.contains("€ 60.000"))
            #expect(text.contains("5% van de opdrachtwaarde van € 1.200.000 = € 60.000"))
            #expect(text.contains("Afwijken van de berekening"))

            // Override through the form; the reason is required.
            let id = location.replacingOccurrences(of: "/contracts/", with: "")
            let noReason = try await browser.post("/contracts/\(id)/override", form: [("applicable", ""), ("amount", "45.000"), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("geef een reden voor de afwijking"))
            let ok = try await browser.post("/contracts/\(id)/override", form: [("applicable", ""), ("amount", "45.000"), ("reason", "Inschrijving")])
            #expect(ok.status == .seeOther)
            let after = try await browser.get("/contracts/\(id)")
            #expect(after.body.string.contains("bedrag vastgesteld op € 45.000 in plaats van € 60.000"))
        }
    }

    @Test func supplierSeesOnlyOwnContractsOnPages() async throws {
        try await withWorld { world in
            let mine = try await world.createContract(["title": "Voor A", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let theirs = try await world.createContract(["title": "Voor B", "status": "running", "supplierId": .string(world.supplierB.uuidString)])
            let browser = WebSession(app: world.app)
            try await browser.login("reportera@test.example")
            let list = try await browser.get("/contracts")
            #expect(list.body.string.contains("Voor A"))
            #expect(!(list.body.string.contains("Voor B")))
            let v76 = try await browser.get("/contracts/\(mine)").status
            #expect(v76 == .ok)
            let other = try await browser.get("/contracts/\(theirs)")
            #expect(other.status == .notFound)
            #expect(!(other.body.string.contains("Voor B")))
            let v80 = try await browser.get("/contracts/new").status
            #expect(v80 == .forbidden)
            let v81 = try await browser.get("/policy").status
            #expect(v81 == .notFound)
        }
    }

    @Test func policyEditorSavesANewVersion() async throws {
        try await withWorld { world in
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let page = try await browser.get("/policy")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Huidige versie: <strong>1</strong>"))
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
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("verwacht een percentage, zoals 5 of 2,5"))
            let saved = try await browser.post("/policy", form: form)
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let version = try await PolicyStore.current(of: world.buyer, on: world.app.db)
            #expect(version?.number == 2)
            let policy = try version?.policy()
            #expect(policy?.standardPercentage == Percentage(basisPoints: 550))
            #expect(policy?.minimumValue == Money(euros: 150_000))
            #expect(policy?.minimumWageSum == nil)
            #expect(policy?.categories == [CategoryRule(name: "Schoonmaak", cpvPrefix: "909", percentage: .percent(7), labourIntensive: true)])

            // A viewer sees the policy but cannot save it.
            let viewer = WebSession(app: world.app)
            try await viewer.login("viewer@test.example")
            let v115 = try await viewer.get("/policy").body.string.contains("Alleen een SR-coördinator")
            #expect(v115)
            let v116 = try await viewer.post("/policy", form: form).status
            #expect(v116 == .forbidden)
        }
    }

    @Test func pagesRenderInDutchWithSecurityHeaders() async throws {
        try await withWorld { world in
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
                #expect(res.status == .ok, "\(path)")
                #expect(res.body.string.contains(expected), "\(path) lacks \(expected)")
                #expect(res.body.string.contains(#"<html lang="nl">"#))
                #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            }
            let portfolio = try await browser.get("/portfolio")
            #expect(portfolio.body.string.contains("minder dan 4 maanden voor publicatie"))
            #expect(portfolio.body.string.contains("arbeidsintensieve categorie: Schoonmaak"))
            let missing = try await browser.get("/bestaat-niet")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("Niet gevonden"))
        }
    }

    @Test func coordinatorReadsTheAuditLogAndOthersDoNot() async throws {
        try await withWorld { world in
            _ = try await world.createContract([:])
            let coordinator = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            let page = try await coordinator.get("/audit")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("policy_change") || page.body.string.contains("create"))
            let csv = try await coordinator.get("/audit.csv")
            #expect(csv.body.string.hasPrefix("\u{FEFF}tijdstip;"))
            let viewer = WebSession(app: world.app)
            try await viewer.login("viewer@test.example")
            let v171 = try await viewer.get("/audit").status
            #expect(v171 == .forbidden)
            // A token made on the account page is shown once.
            let made = try await coordinator.post("/account/tokens", form: [("name", "Koppeling"), ("readOnly", "yes")])
            #expect(made.body.string.contains("sroi_"))
            let v175 = try await coordinator.get("/account").body.string.contains("sroi_")
            #expect(!(v175))
            let v176 = try await coordinator.post("/account/revoke", form: []).status
            #expect(v176 == .seeOther)
            let v177 = try await coordinator.get("/").status
            #expect(v177 == .seeOther, "logged out everywhere")
        }
    }

    @Test func sessionCookieIsHttpOnly() async throws {
        try await withWorld { world in
            let res = try await world.app.testable().sendRequest(.GET, "/login")
            let cookie = res.headers.first(name: .setCookie) ?? ""
            #expect(cookie.contains("sroi_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
        }
    }
}
}
