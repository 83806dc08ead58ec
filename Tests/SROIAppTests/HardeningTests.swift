import Fluent
import Foundation
import SQLKit
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

/// Runs `body` on a fresh world and always shuts it down. The world's helpers use XCTVapor's client, whose warning
/// about Swift Testing is silenced here: every check in these tests is an `#expect`.
func withWorld<T: Sendable>(_ body: @Sendable (TestWorld) async throws -> T) async throws -> T {
    try await XCTVaporContext.$emitWarningIfCurrentTestInfoIsAvailable.withValue(false) {
        try await inWorld(body)
    }
}

private func inWorld<T: Sendable>(_ body: @Sendable (TestWorld) async throws -> T) async throws -> T {
    let world = try await TestWorld.make()
    do {
        let result = try await body(world)
        try await world.shutdown()
        return result
    } catch {
        try? await world.shutdown()
        throw error
    }
}

/// Every Swift Testing suite of the app runs inside this one, one test at a time: each test empties the one
/// PostgreSQL schema they share.
@Suite("App", .serialized)
enum AppTests {}

/// The findings of the security probe (issue 13), each with a test that failed before its fix.
extension AppTests {
@Suite("Hardening")
struct HardeningTests {
    // MARK: 1. Requests that stopped a debug server

    @Test("Malformed anonymous requests get an answer and the debug server keeps running")
    func malformedRequestsNeverStopTheServer() async throws {
        try await withWorld { world in
            // Arrange: a real debug server, as the README starts it.
            let server = try await RunningServer.start(world: world)
            defer { server.kill() }
            let form = String(repeating: "a=b&", count: 5_000)
            let requests = [
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nemail=%00",
                "GET /../x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /nergens HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\nConnection: close\r\n\r\n\(form)",
                "PUT /nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{\"a\":\"x\\u0000y\"}",
            ]
            for request in requests {
                // Act
                let answer = try server.raw(request)
                // Check: an HTTP answer in the 4xx range, and the server still answers afterwards.
                let status = answer.split(separator: " ").dropFirst().first.flatMap { Int($0) }
                #expect(status.map { (400..<500).contains($0) } == true, "answer to \(request.prefix(30)): \(answer.prefix(80))")
                let health = try server.raw("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                #expect(health.hasPrefix("HTTP/1.1 200"), "the server still runs after \(request.prefix(30))")
            }
            #expect(server.isRunning)
            #expect(!server.log.contains("Fatal error"), "\(server.log.suffix(500))")
        }
    }

    // MARK: 2. Bodies are checked before they are read

    @Test("A post without a session is refused before its body is read; only an upload route reads a large body, for a reporter")
    func largeBodiesOnlyForUploadsOfLoggedInReporters() async throws {
        try await withWorld { world in
            let server = try await RunningServer.start(world: world)
            defer { server.kill() }
            // Act: announce 60 MB to /login without a session, and send only its first bytes.
            let connection = try RawConnection(port: server.port, timeout: 5)
            defer { connection.close() }
            try connection.send(Array("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 60000000\r\n\r\n--b\r\n".utf8))
            let started = Date()
            let head = connection.readHead()
            // Check: refused at once (403), without waiting for the 60 MB.
            #expect(head.hasPrefix("HTTP/1.1 403"), "\(head.prefix(80))")
            #expect(Date().timeIntervalSince(started) < 4)

            // A logged-in viewer with a valid session token: a large form to an ordinary route is 413, unread.
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            let contract = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let tooLarge = try await world.app.testable().sendRequest(.POST, "/contracts/\(contract)/placements") { req async throws in
                req.headers.replaceOrAdd(name: .cookie, value: browser.cookie!)
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: "_csrf=\(browser.csrf!)&x=" + String(repeating: "y", count: 40_000))
            }
            #expect(tooLarge.status == .payloadTooLarge)
            // The coordinator may not upload: a 1 MB multipart body to the import route is 413, not read.
            let upload = try await browser.upload("/contracts/\(contract)/imports/hours", field: "file", filename: "uren.csv",
                                                  content: Array(repeating: 65, count: 1_000_000))
            #expect(upload.status == .payloadTooLarge)
            // The supplier's reporter may: the same file is read (and refused for its content, by line).
            let reporter = WebSession(app: world.app)
            try await reporter.login("reportera@test.example")
            let read = try await reporter.upload("/contracts/\(contract)/imports/hours", field: "file", filename: "uren.csv",
                                                 content: Array(repeating: 65, count: 1_000_000))
            #expect(read.status != .payloadTooLarge)
        }
    }

    @Test("An oversized JSON body answers 413 with a code, not 400")
    func oversizedJSONIs413() async throws {
        try await withWorld { world in
            let server = try await RunningServer.start(world: world)
            defer { server.kill() }
            let body = "{\"title\":\"" + String(repeating: "x", count: 40_000) + "\"}"
            let answer = try server.raw("POST /api/v1/contracts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(world.tokens["coordinator"]!)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(100))")
            #expect(answer.contains("\"payload_too_large\""))
            #expect(try await ContractModel.query(on: world.app.db).count() == 0)
        }
    }

    // MARK: 3. Session fixation

    @Test("Logging in issues a new session id; the cookie from before login is worth nothing")
    func sessionIdIsRenewedAtLogin() async throws {
        try await withWorld { world in
            // Arrange: a visitor's session from the login page, as an attacker could plant it.
            let browser = WebSession(app: world.app)
            try await browser.get("/login")
            let planted = try #require(browser.cookie)
            // Act
            let res = try await browser.post("/login", form: [("email", "coordinator@test.example"), ("password", TestWorld.password)])
            // Check: a new cookie; the planted one does not open the user's pages.
            #expect(res.status == .seeOther)
            let renewed = try #require(browser.cookie)
            #expect(renewed != planted)
            let withPlanted = try await world.app.testable().sendRequest(.GET, "/contracts") { req async throws in
                req.headers.replaceOrAdd(name: .cookie, value: planted)
            }
            #expect(withPlanted.status == .seeOther)
            #expect(withPlanted.headers.first(name: .location) == "/login")
            let withRenewed = try await browser.get("/contracts")
            #expect(withRenewed.status == .ok)
            // Logging out ends the renewed session too.
            _ = try await browser.post("/logout", form: [])
            let afterLogout = try await world.app.testable().sendRequest(.GET, "/contracts") { req async throws in
                req.headers.replaceOrAdd(name: .cookie, value: renewed)
            }
            #expect(afterLogout.status == .seeOther)
        }
    }

    // MARK: 4. Throttling that cannot lock someone else out

    @Test("Back-off numbers: 30 s after the fifth failure, doubling, at most the window; delays at most 5 s")
    func backOffNumbers() {
        #expect(LoginThrottle.wait(failures: 4, threshold: 5) == 0)
        #expect(LoginThrottle.wait(failures: 5, threshold: 5) == 30)
        #expect(LoginThrottle.wait(failures: 6, threshold: 5) == 60)
        #expect(LoginThrottle.wait(failures: 9, threshold: 5) == 480)
        #expect(LoginThrottle.wait(failures: 10, threshold: 5) == 900) // 960 capped at the 15-minute window
        #expect(LoginThrottle.delay(failures: 9) == 0)
        #expect(LoginThrottle.delay(failures: 10) == 0.25)
        #expect(LoginThrottle.delay(failures: 13) == 2)
        #expect(LoginThrottle.delay(failures: 15) == 5) // 8 capped at 5
        #expect(LoginThrottle.describe(30) == "30 seconden")
        #expect(LoginThrottle.describe(61) == "2 minuten")
    }

    @Test("Forwarded addresses count only from trusted proxies")
    func trustedProxies() throws {
        let proxies = try TrustedProxies(setting: "10.0.0.0/8, 127.0.0.1, fd00::/8")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["203.0.113.1, 198.51.100.7, 10.9.9.9"]) == "198.51.100.7")
        #expect(proxies.client(peer: "198.51.100.7", forwardedFor: ["1.2.3.4"]) == "198.51.100.7") // not a proxy: ignored
        #expect(proxies.client(peer: "fd12::1", forwardedFor: ["2001:db8::5"]) == "2001:db8::5")
        #expect(proxies.client(peer: "11.0.0.1", forwardedFor: ["1.2.3.4"]) == "11.0.0.1")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["niet-een-adres"]) == "10.0.0.1")
        #expect(throws: (any Error).self) { try TrustedProxies(setting: "10.0.0.0/33") }
        #expect(throws: (any Error).self) { try TrustedProxies(setting: "proxy.local") }
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["1.2.3.4"]) == "127.0.0.1")
    }

    @Test("Five wrong passwords slow down only their own address; twenty from one address do not lock other addresses")
    func lockoutIsNoWeapon() async throws {
        try await withWorld { world in
            // Arrange: a server behind a trusted proxy on 127.0.0.1, so X-Forwarded-For names the client.
            let server = try await RunningServer.start(world: world, environment: ["SROI_TRUSTED_PROXIES": "127.0.0.1"])
            defer { server.kill() }
            func login(_ email: String, _ password: String, from address: String) throws -> Int {
                let body = "{\"email\":\"\(email)\",\"password\":\"\(password)\"}"
                let answer = try server.raw("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: \(address)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
                return answer.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            }
            // Act: an attacker at 198.51.100.7 guesses five times.
            for _ in 0..<5 { #expect(try login("coordinator@test.example", "fout-fout-1", from: "198.51.100.7") == 401) }
            // Check: the attacker's address waits, even with the right password; the owner elsewhere logs in.
            #expect(try login("coordinator@test.example", TestWorld.password, from: "198.51.100.7") == 429)
            #expect(try login("coordinator@test.example", TestWorld.password, from: "203.0.113.9") == 200)
            // Twenty failures from one address, for other accounts: that address waits, others do not.
            for n in 0..<20 { _ = try login("gok\(n)@test.example", "fout-fout-1", from: "192.0.2.66") }
            #expect(try login("viewer@test.example", TestWorld.password, from: "192.0.2.66") == 429)
            #expect(try login("viewer@test.example", TestWorld.password, from: "192.0.2.67") == 200)
            // Failures spread over ten addresses slow the account down, but never lock out the right password.
            for n in 0..<10 { #expect(try login("purchaser@test.example", "fout-fout-1", from: "198.18.0.\(n + 1)") == 401) }
            #expect(try login("purchaser@test.example", TestWorld.password, from: "203.0.113.10") == 200)
            // Without a trusted proxy, X-Forwarded-For is the client's own words and is ignored.
            let failures = try await LoginFailureModel.query(on: world.app.db).filter(\.$key == "address:198.51.100.7").count()
            #expect(failures == 5)
        }
    }

    // MARK: 6. The shared register

    @Test("Another buyer's coordinator only proposes a change of status; the owner decides; every buyer it touches sees it")
    func registerStatusNeedsTheOwner() async throws {
        try await withWorld { world in
            // Arrange: Gemeente Anders keeps an art. 2.82 enterprise; Gemeente Test has a purchase from it.
            let created = try await world.request(.POST, "/api/v1/social-enterprises", as: "otherCoordinator", json: [
                "name": "Werkbedrijf Anders", "kvk": "71000001", "article282": true, "psoStep": "2"] as [String: JSONValue])
            #expect(created.status == .created)
            let enterprise = try created.content.decode(IDOnly.self).id
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let buy = try await world.request(.POST, "/api/v1/contracts/\(c)/activities", as: "reporterA", json: [
                "block": "social_purchase", "description": "Catering", "date": "2026-04-01", "amountCents": 1_000_000,
                "enterpriseKvk": "71000001"] as [String: JSONValue])
            #expect(buy.status == .created, "\(buy.body.string)")

            // Act: Gemeente Test's coordinator turns it into an aspirant, first without a reason.
            let noReason = try await world.request(.PATCH, "/api/v1/social-enterprises/\(enterprise)", as: "coordinator",
                                                   json: ["article282": false, "psoStep": "aspirant"] as [String: JSONValue])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("\"field\":\"reason\""))
            let proposed = try await world.request(.PATCH, "/api/v1/social-enterprises/\(enterprise)", as: "coordinator", json: [
                "article282": false, "psoStep": "aspirant", "reason": "Certificaat verlopen op 1 november"] as [String: JSONValue])

            // Check: a proposal (202); the entry keeps its status until the owner decides.
            #expect(proposed.status == .accepted, "\(proposed.body.string)")
            let answer = try proposed.content.decode(ProposedStatusChangeDTO.self)
            #expect(answer.enterprise.article282 == true)
            #expect(answer.enterprise.valuationStatus == "art_2_82")
            #expect(answer.statusChange.status == "proposed")
            #expect(answer.statusChange.valuationStatus == "aspirant")
            let change = answer.statusChange.id
            let notOwner = try await world.request(.POST, "/api/v1/social-enterprises/\(enterprise)/status-changes/\(change)/approve", as: "coordinator")
            #expect(notOwner.status == .forbidden)
            let declineWithout = try await world.request(.POST, "/api/v1/social-enterprises/\(enterprise)/status-changes/\(change)/decline",
                                                         as: "otherCoordinator", json: [:] as [String: JSONValue])
            #expect(declineWithout.status == .unprocessableEntity)

            // The owner approves: the status changes, and both buyers find it in their own audit log.
            let approved = try await world.request(.POST, "/api/v1/social-enterprises/\(enterprise)/status-changes/\(change)/approve", as: "otherCoordinator")
            #expect(approved.status == .ok, "\(approved.body.string)")
            #expect(try approved.content.decode(StatusChangeDTO.self).status == "approved")
            let now = try await world.request(.GET, "/api/v1/social-enterprises/\(enterprise)", as: "coordinator")
            #expect(try now.content.decode(SocialEnterpriseDTO.self).valuationStatus == "aspirant")
            let again = try await world.request(.POST, "/api/v1/social-enterprises/\(enterprise)/status-changes/\(change)/approve", as: "otherCoordinator")
            #expect(again.status == .conflict)
            for who in ["coordinator", "otherCoordinator"] {
                let log = try await world.request(.GET, "/api/v1/audit", as: who)
                let entries = try log.content.decode([AccountAPIController.AuditEntryDTO].self)
                #expect(entries.contains { $0.objectType == "social_enterprise" && $0.action == "update" && ($0.after ?? "").contains("aspirant") },
                        "\(who) sees the change of status")
            }
            // The owner changes its own entry at once.
            let own = try await world.request(.PATCH, "/api/v1/social-enterprises/\(enterprise)", as: "otherCoordinator",
                                              json: ["psoStep": "3"] as [String: JSONValue])
            #expect(own.status == .ok)
            #expect(try own.content.decode(SocialEnterpriseDTO.self).valuationStatus == "pso_highest")
        }
    }

    // MARK: 7. Erasure reaches the audit log

    @Test("Erasure redacts the person's details in earlier audit entries; the database still refuses every other change")
    func erasureRedactsTheAuditLog() async throws {
        try await withWorld { world in
            // Arrange: a placement, changed once, and a report line on it, each in the audit log.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let created = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "bsn": "123456782", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01",
                "evidence": "UWV-verklaring 12 januari"] as [String: JSONValue])
            #expect(created.status == .created)
            let placement = try created.content.decode(PlacementDTO.self)
            let id = try #require(placement.id)
            _ = try await world.request(.PATCH, "/api/v1/contracts/\(c)/placements/\(id)", as: "reporterA",
                                        json: ["hoursPerWeek": 30] as [String: JSONValue])
            let about = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectID == id.uuidString).all()
            #expect(about.count == 2)
            #expect(about.allSatisfy { ($0.after ?? "").contains(placement.candidate) })

            // Act
            let erased = try await world.request(.POST, "/api/v1/contracts/\(c)/placements/\(id)/erase", as: "coordinator",
                                                 json: ["reason": "Verzoek van de kandidaat"] as [String: JSONValue])

            // Check: who did what and when stays; the details are gone, and nowhere in the log is the pseudonym.
            #expect(erased.status == .ok, "\(erased.body.string)")
            #expect(try erased.content.decode(ErasureService.Result.self).auditEntriesRedacted == 2)
            let after = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectID == id.uuidString).all()
            #expect(after.count == 2)
            #expect(after.allSatisfy { $0.before == nil && $0.after == nil && $0.redactedAt != nil })
            #expect(Set(after.map(\.action)) == ["create", "update"])
            let everything = try await AuditEntryModel.query(on: world.app.db).all()
            #expect(!everything.contains { ($0.before ?? "").contains(placement.candidate) || ($0.after ?? "").contains(placement.candidate) })
            #expect(!everything.contains { ($0.after ?? "").contains("UWV-verklaring") })
            let log = try await world.request(.GET, "/api/v1/audit", as: "coordinator")
            #expect(try log.content.decode([AccountAPIController.AuditEntryDTO].self).contains { $0.redactedAt != nil })

            // The database still refuses any other change: another column, undoing a redaction, a delete.
            let sql = try #require(world.app.db as? any SQLDatabase)
            let entry = try #require(everything.first { $0.redactedAt == nil && $0.userID != nil })
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET action = 'login' WHERE id = \(bind: entry.id!)").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET before = NULL, after = NULL, redacted_at = \(bind: Date()), user_id = NULL WHERE id = \(bind: entry.id!)").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET after = 'terug' WHERE id = \(bind: after[0].id!)").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_entries WHERE id = \(bind: entry.id!)").run()
            }
        }
    }

    // MARK: 8. "< 5" that cannot be undone

    @Test("13 persons, 12 employed and 1 in a work-experience place: the dashboard withholds the 12; a viewer sees no persons")
    func smallCountsCannotBeUndone() async throws {
        try await withWorld { world in
            // Arrange: 12 employment placements and 1 work-experience place on one running contract.
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            for n in 0..<13 {
                let res = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                    "reference": .string("P-\(n)"), "block": n < 12 ? "employment" : "work_experience", "targetGroup": "ww",
                    "hoursPerWeek": 24, "start": "2026-02-01"] as [String: JSONValue])
                #expect(res.status == .created, "\(res.body.string)")
            }
            // Act
            let dashboard = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard?year=2026", as: "coordinator")
            let d = try dashboard.content.decode(DashboardDTO.self)
            // Check: 13 is shown, "< 5" for the one, and the 12 withheld so that 13 − 12 gives nothing away.
            #expect(d.people.display == "13")
            let blocks = Dictionary(uniqueKeysWithValues: d.buildingBlocks.map { ($0.key, $0) })
            #expect(blocks["work_experience"]?.peopleDisplay == "< 5")
            #expect(blocks["work_experience"]?.people == nil)
            #expect(blocks["employment"]?.peopleDisplay == "afgeschermd")
            #expect(blocks["employment"]?.people == nil)
            // The same in the CSV export of the table.
            let csv = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard/tables/bouwblokken?year=2026&format=csv", as: "coordinator")
            #expect(csv.status == .ok)
            #expect(csv.body.string.contains("arbeidsovereenkomst;afgeschermd;"))
            #expect(!csv.body.string.contains(";12;"))
            // A viewer does not see the persons one by one, and reads protected counts on the contract.
            let list = try await world.request(.GET, "/api/v1/contracts/\(c)/placements", as: "viewer")
            #expect(list.status == .forbidden)
            let progress = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: "viewer")
            let p = try progress.content.decode(ProgressDTO.self)
            let byBlock = Dictionary(uniqueKeysWithValues: p.peopleByBuildingBlock.map { ($0.key, $0.display) })
            #expect(byBlock == ["employment": "afgeschermd", "work_experience": "< 5"])
            // The coordinator who reviews the lines sees them, and so the exact counts beside them.
            let reviewer = try await world.request(.GET, "/api/v1/contracts/\(c)/progress", as: "coordinator")
            let r = try reviewer.content.decode(ProgressDTO.self)
            #expect(Dictionary(uniqueKeysWithValues: r.peopleByBuildingBlock.map { ($0.key, $0.count) }) == ["employment": 12, "work_experience": 1])
        }
    }

    // MARK: 9. Bounded meeting series

    @Test("A meeting series starts within the term and holds at most 120 meetings")
    func meetingSeriesAreBounded() async throws {
        try await withWorld { world in
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // Act: the probe's request, from year 1.
            let early = try await world.request(.POST, "/api/v1/contracts/\(c)/meetings/plan", as: "reporterA",
                                                json: ["from": "0001-01-01", "frequency": "month"] as [String: JSONValue])
            // Check: refused by field, nothing planned.
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("\"field\":\"from\""))
            #expect(try await MeetingModel.query(on: world.app.db).count() == 0)
            // A long contract planned monthly: 2026-01-01 to 2036-12-31 is 132 months, over the cap.
            let long = try await world.createContract(["title": "Lang", "status": "running", "end": "2036-12-31",
                                                       "supplierId": .string(world.supplierA.uuidString)])
            let many = try await world.request(.POST, "/api/v1/contracts/\(long)/meetings/plan", as: "reporterA",
                                               json: ["from": "2026-01-01", "frequency": "month"] as [String: JSONValue])
            #expect(many.status == .unprocessableEntity)
            #expect(many.body.string.contains("132 gesprekken"))
            // Within the term and the cap: quarterly over three years is 12 meetings.
            let fine = try await world.request(.POST, "/api/v1/contracts/\(c)/meetings/plan", as: "reporterA",
                                               json: ["from": "2026-01-01", "frequency": "quarter"] as [String: JSONValue])
            #expect(fine.status == .created, "\(fine.body.string)")
            #expect(try await MeetingModel.query(on: world.app.db).count() == 12)
        }
    }

    // MARK: 10. Formulas and regions

    @Test("Spreadsheet formulas are defused after leading white space too")
    func formulaAfterWhiteSpace() {
        #expect(DutchCSVWriter.field("=1+1") == "'=1+1")
        #expect(DutchCSVWriter.field("\t=HYPERLINK(\"x\")") == "\"'\t=HYPERLINK(\"\"x\"\")\"")
        #expect(DutchCSVWriter.field(" @SUM(A1)") == "' @SUM(A1)")
        #expect(DutchCSVWriter.field("\r+31") == "\"'\r+31\"")
        #expect(DutchCSVWriter.field("-12,50") == "-12,50")
        #expect(DutchCSVWriter.field(" -12,50") == "' -12,50")
        #expect(DutchCSVWriter.field("Haaglanden") == "Haaglanden")
    }

    @Test("A region is one of the 35 labour-market regions, written as the list writes it")
    func regionsFromTheList() async throws {
        #expect(LabourMarketRegion.all.count == 35)
        #expect(LabourMarketRegion.canonical("  haaglanden ") == "Haaglanden")
        #expect(LabourMarketRegion.canonical("=cmd|' /C calc'!A0") == nil)
        try await withWorld { world in
            let bad = try await world.request(.POST, "/api/v1/contracts", as: "coordinator", json: [
                "title": "X", "kind": "dienst", "cpv": "90910000", "valueCents": 100_000_00, "start": "2026-01-01",
                "end": "2026-12-31", "region": "\t=HYPERLINK(\"http://x\")"] as [String: JSONValue])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("\"field\":\"region\""))
            let c = try await world.createContract(["region": "midden-utrecht"])
            let stored = try #require(try await ContractModel.find(c, on: world.app.db))
            #expect(stored.region == "Midden-Utrecht")
            let filter = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/dashboard?region=Atlantis", as: "coordinator")
            #expect(filter.status == .badRequest)
            #expect(filter.body.string.contains("\"field\":\"region\""))
        }
    }

    // MARK: 11. Concurrent writes on SQLite

    @Test("Eight concurrent transfer proposals: each answers 201, 409 or 422, never 500, and never more than the whole")
    func concurrentTransfersNeverFail() async throws {
        try await withWorld { world in
            let x = try await world.createContract(["title": "Schoonmaak stadhuis", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            var targets: [UUID] = []
            for n in 0..<8 {
                targets.append(try await world.createContract(["title": .string("Schoonmaak Anders \(n)"), "status": "running",
                                                                "supplierId": .string(world.supplierA.uuidString)], as: "otherCoordinator"))
            }
            let buy = try await world.request(.POST, "/api/v1/contracts/\(x)/activities", as: "reporterA", json: [
                "block": "social_purchase", "description": "Catering", "date": "2026-04-01", "amountCents": 1_000_000,
                "enterpriseStatus": "art_2_82"] as [String: JSONValue])
            let activity = try buy.content.decode(IDOnly.self).id
            // Act: eight proposals of 20% each to eight contracts at the same moment (only five fit).
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for y in targets {
                    group.addTask {
                        try await world.request(.POST, "/api/v1/transfers", as: "reporterA", json: [
                            "sourceType": "activity", "sourceId": .string(activity.uuidString), "targetContractId": .string(y.uuidString),
                            "percentage": 20, "reason": "Gebundeld"] as [String: JSONValue]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Check: no server error, and never more than the whole allocated.
            #expect(statuses.allSatisfy { [.created, .conflict, .unprocessableEntity].contains($0) }, "\(statuses)")
            let moved = try await AllocationModel.query(on: world.app.db).filter(\.$sourceID == activity).all().filter { $0.$contract.id != x }
            #expect(moved.count == statuses.filter { $0 == .created }.count)
            #expect(moved.reduce(0) { $0 + $1.shareBasisPoints } <= 10_000)
        }
    }

    // MARK: 12. Smaller findings

    @Test("Pages and API answers are not stored by browsers; /metrics is not public; a read-only token can log out")
    func smallerFindings() async throws {
        try await withWorld { world in
            let api = try await world.request(.GET, "/api/v1/contracts", as: "coordinator")
            #expect(api.headers.first(name: .cacheControl) == "no-store")
            let page = try await world.app.testable().sendRequest(.GET, "/login")
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            let css = try await world.app.testable().sendRequest(.GET, "/app.css")
            #expect(css.headers.first(name: .cacheControl) != "no-store")
            // /metrics: not without the configured token, not with a wrong one.
            #expect(try await world.request(.GET, "/metrics").status == .notFound)
            #expect(try await world.request(.GET, "/metrics", headers: ["Authorization": "Bearer fout"]).status == .notFound)
            // A read-only token may end itself.
            let created = try await world.request(.POST, "/api/v1/tokens", as: "coordinator",
                                                  json: ["name": "Lezer", "readOnly": true, "days": 1] as [String: JSONValue])
            struct Token: Decodable { var token: String }
            world.tokens["readonly"] = try created.content.decode(Token.self).token
            let logout = try await world.request(.POST, "/api/v1/logout", as: "readonly")
            #expect(logout.status == .noContent)
            let after = try await world.request(.GET, "/api/v1/contracts", as: "readonly")
            #expect(after.status == .unauthorized)
        }
    }

    @Test("/metrics with a token, or from this machine without a proxy; idle connections are closed")
    func metricsAndIdleConnections() async throws {
        try await withWorld { world in
            let server = try await RunningServer.start(world: world, environment: ["SROI_IDLE_TIMEOUT_SECONDS": "1"])
            defer { server.kill() }
            #expect(try server.raw("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 200"))
            #expect(try server.raw("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 404"))
            // An idle connection: nothing sent; the server closes it after about a second.
            let idle = try RawConnection(port: server.port, timeout: 5)
            defer { idle.close() }
            let opened = Date()
            #expect(idle.isClosedByPeer())
            #expect(Date().timeIntervalSince(opened) < 4)

            let tokenServer = try await RunningServer.start(world: world, environment: ["SROI_METRICS_TOKEN": "geheim-meten"])
            defer { tokenServer.kill() }
            #expect(try tokenServer.raw("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 404"))
            #expect(try tokenServer.raw("GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer geheim-meten\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 200"))
        }
    }

    // MARK: 13. Graceful shutdown

    @Test("SIGTERM with a request in flight: the request finishes, then the server stops cleanly")
    func gracefulShutdown() async throws {
        try await withWorld { world in
            let server = try await RunningServer.start(world: world)
            defer { server.kill() }
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let csv = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
                + "K1;ww;2026-01-05;32;2026-01-05;2026-01-11;31,5\n"
            let bytes = Array(csv.utf8)
            // Arrange: an import whose body arrives slowly: the head and half the body now …
            let connection = try RawConnection(port: server.port, timeout: 15)
            defer { connection.close() }
            try connection.send(Array("POST /api/v1/contracts/\(c)/imports/hours HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(world.tokens["reporterA"]!)\r\nContent-Type: text/csv\r\nContent-Length: \(bytes.count)\r\n\r\n".utf8))
            try connection.send(Array(bytes[0..<40]))
            try await Task.sleep(nanoseconds: 300_000_000)
            // Act: SIGTERM while the request is in flight, then the rest of the body.
            server.terminate()
            try await Task.sleep(nanoseconds: 500_000_000)
            try connection.send(Array(bytes[40...]))
            let answer = connection.readAll()
            // Check: the request was answered in full, and the process ended by itself with status 0, no crash.
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(200))")
            let status = await server.exitStatus(within: 15)
            #expect(status == 0, "exit status \(String(describing: status)); log: \(server.log.suffix(600))")
            #expect(!server.log.contains("Fatal error"))
            #expect(try await PaidHoursModel.query(on: world.app.db).count() == 1)
        }
    }
}
}
