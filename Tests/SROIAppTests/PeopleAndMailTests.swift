import Fluent
import Foundation
import SQLKit
import SROIDomain
import SROIMail
import SROITestSupport
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

/// Invitations, password resets, users, notifications and the outbox, delivered to a real SMTP server (aiosmtpd).
extension AppTests {
@Suite("People and mail", .enabled(if: SMTPTestServer.isAvailable, "needs python3 with aiosmtpd (pip install aiosmtpd)"))
struct PeopleAndMailTests {
    /// Mail settings that deliver to the test server.
    static func settings(_ server: SMTPTestServer) throws -> MailSettings {
        var c = TestWorld.configuration(sqlitePath: nil)
        c.smtpURL = "smtp://127.0.0.1:\(server.port)?starttls=off&timeout=5"
        c.baseURL = "https://sroi.example"
        return try MailSettings(c)
    }

    /// The decoded text of a received message.
    static func text(_ mail: String) -> String {
        guard let start = mail.range(of: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n") else { return "" }
        let base64 = mail[start.upperBound...].components(separatedBy: "\r\n").prefix { !$0.isEmpty && !$0.hasPrefix("--") }.joined()
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func link(in mail: String, path: String) -> String? {
        text(mail).components(separatedBy: "\n").first { $0.hasPrefix("https://sroi.example" + path) }
    }

    @Test("An invitation arrives by SMTP with its link; the link makes the account once; the invitee logs in")
    func invitationByMail() async throws {
        try await withWorld { world in
            // Arrange
            let server = try SMTPTestServer.start()
            defer { server.stop() }
            let settings = try Self.settings(server)
            // Act: the coordinator invites a colleague as purchaser.
            let res = try await world.request(.POST, "/api/v1/invitations", as: "coordinator",
                                              json: ["email": "Nieuwe.Inkoper@Test.Example", "role": "purchaser"] as [String: JSONValue])
            #expect(res.status == .created, "\(res.body.string)")
            let invitation = try res.content.decode(InvitationDTO.self)
            #expect(invitation.status == "open")
            #expect(!res.body.string.contains("token"))
            let sent = try await OutboxSender.deliverDue(settings: settings, on: world.app.db)
            #expect(sent == .init(sent: 1))
            // Check: the message, its recipient, subject and link.
            let mail = try #require(await server.waitFor(1).first)
            #expect(mail.contains("X-Envelope-To: nieuwe.inkoper@test.example"))
            #expect(mail.contains("Subject: Uitnodiging voor sroi van Gemeente Test"))
            let link = try #require(Self.link(in: mail, path: "/uitnodiging/"))
            let token = String(link.dropFirst("https://sroi.example/uitnodiging/".count))
            // Only the token's hash is stored.
            #expect(try await InvitationModel.query(on: world.app.db).filter(\.$tokenHash == token).count() == 0)
            // Following the link: a weak password is named, then the account is made.
            let weak = try await world.request(.POST, "/api/v1/invitations/accept", json: ["token": .string(token), "name": "Iris Inkoop", "password": "kort"] as [String: JSONValue])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("\"field\":\"password\""))
            let accepted = try await world.request(.POST, "/api/v1/invitations/accept",
                                                   json: ["token": .string(token), "name": "Iris Inkoop", "password": "Lang-genoeg-1"] as [String: JSONValue])
            #expect(accepted.status == .created, "\(accepted.body.string)")
            let user = try accepted.content.decode(UserDTO.self)
            #expect(user.role == "purchaser")
            #expect(user.organisationId == world.buyer)
            let login = try await world.request(.POST, "/api/v1/login", json: ["email": "nieuwe.inkoper@test.example", "password": "Lang-genoeg-1"] as [String: JSONValue])
            #expect(login.status == .ok)
            // A used link says so (410), and so does an expired one.
            let again = try await world.request(.POST, "/api/v1/invitations/accept", json: ["token": .string(token), "name": "X", "password": "Lang-genoeg-1"] as [String: JSONValue])
            #expect(again.status == .gone)
            #expect(again.body.string.contains("link_used"))
            let (expired, expiredToken) = try await InvitationService.invite(.init(email: "laat@test.example", role: "viewer", organisationID: nil),
                                                                             by: try await Self.current(world, "coordinator@test.example"),
                                                                             now: Date().addingTimeInterval(-73 * 3600), on: world.app.db)
            #expect(expired.expiresAt < Date())
            let late = try await world.request(.POST, "/api/v1/invitations/accept", json: ["token": .string(expiredToken), "name": "X", "password": "Lang-genoeg-1"] as [String: JSONValue])
            #expect(late.body.string.contains("link_expired"))
            // Inviting the same address again replaces the open invitation.
            let first = try await InvitationService.invite(.init(email: "twee@test.example", role: "viewer", organisationID: nil),
                                                           by: try await Self.current(world, "coordinator@test.example"), on: world.app.db)
            _ = try await world.request(.POST, "/api/v1/invitations", as: "coordinator", json: ["email": "twee@test.example", "role": "viewer"] as [String: JSONValue])
            let replaced = try await world.request(.POST, "/api/v1/invitations/accept", json: ["token": .string(first.1), "name": "X", "password": "Lang-genoeg-1"] as [String: JSONValue])
            #expect(replaced.body.string.contains("link_used"))
            // Roles and organisations are checked: a reporter may not invite; a coordinator not into another buyer.
            let reporter = try await world.request(.POST, "/api/v1/invitations", as: "reporterA", json: ["email": "x@test.example", "role": "reporter"] as [String: JSONValue])
            #expect(reporter.status == .forbidden)
            let other = try await world.request(.POST, "/api/v1/invitations", as: "coordinator",
                                                json: ["email": "x@test.example", "role": "viewer", "organisationId": .string(world.otherBuyer.uuidString)] as [String: JSONValue])
            #expect(other.status == .forbidden)
            let wrongRole = try await world.request(.POST, "/api/v1/invitations", as: "coordinator", json: ["email": "x@test.example", "role": "reporter"] as [String: JSONValue])
            #expect(wrongRole.body.string.contains("\"field\":\"role\""))
        }
    }

    @Test("Forgot password: the same answer for any address, a mail only for an account, a new password ends every session")
    func passwordReset() async throws {
        try await withWorld { world in
            let server = try SMTPTestServer.start()
            defer { server.stop() }
            let settings = try Self.settings(server)
            // Unknown address: 202 and nothing sent.
            let unknown = try await world.request(.POST, "/api/v1/password-reset", json: ["email": "niemand@test.example"] as [String: JSONValue])
            #expect(unknown.status == .accepted)
            let known = try await world.request(.POST, "/api/v1/password-reset", json: ["email": "viewer@test.example"] as [String: JSONValue])
            #expect(known.status == .accepted)
            #expect(known.body.string == unknown.body.string)
            try await OutboxSender.deliverDue(settings: settings, on: world.app.db)
            let mails = await server.waitFor(1)
            #expect(mails.count == 1)
            let link = try #require(Self.link(in: mails[0], path: "/wachtwoord/nieuw/"))
            let token = String(link.dropFirst("https://sroi.example/wachtwoord/nieuw/".count))
            // Act
            let confirmed = try await world.request(.POST, "/api/v1/password-reset/confirm", json: ["token": .string(token), "password": "Nieuw-wachtwoord-9"] as [String: JSONValue])
            // Check: the new password works, the old token does not, the link is used.
            #expect(confirmed.status == .ok, "\(confirmed.body.string)")
            #expect(try await world.request(.GET, "/api/v1/me", as: "viewer").status == .unauthorized)
            #expect(try await world.request(.POST, "/api/v1/login", json: ["email": "viewer@test.example", "password": "Nieuw-wachtwoord-9"] as [String: JSONValue]).status == .ok)
            let reuse = try await world.request(.POST, "/api/v1/password-reset/confirm", json: ["token": .string(token), "password": "Nog-een-keer-9"] as [String: JSONValue])
            #expect(reuse.status == .gone)
            // Throttled: the fourth request for one account within 15 minutes sends nothing.
            for _ in 0..<4 { _ = try await world.request(.POST, "/api/v1/password-reset", json: ["email": "purchaser@test.example"] as [String: JSONValue]) }
            #expect(try await OutboxMessageModel.query(on: world.app.db).filter(\.$recipient == "purchaser@test.example").count() == 3)
        }
    }

    @Test("Users: listed, role changed, deactivated (no login, no token), all in the audit log")
    func users() async throws {
        try await withWorld { world in
            let list = try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/users", as: "coordinator")
            let people = try list.content.decode([UserDTO].self)
            #expect(Set(people.map(\.email)) == ["coordinator@test.example", "purchaser@test.example", "viewer@test.example"])
            #expect(try await world.request(.GET, "/api/v1/organisations/\(world.otherBuyer!)/users", as: "coordinator").status == .notFound)
            #expect(try await world.request(.GET, "/api/v1/organisations/\(world.buyer!)/users", as: "viewer").status == .forbidden)
            let viewer = try #require(people.first { $0.email == "viewer@test.example" })
            let promoted = try await world.request(.PATCH, "/api/v1/users/\(viewer.id)", as: "coordinator", json: ["role": "contract_manager"] as [String: JSONValue])
            #expect(try promoted.content.decode(UserDTO.self).role == "contract_manager")
            let badRole = try await world.request(.PATCH, "/api/v1/users/\(viewer.id)", as: "coordinator", json: ["role": "reporter"] as [String: JSONValue])
            #expect(badRole.body.string.contains("\"field\":\"role\""))
            let off = try await world.request(.PATCH, "/api/v1/users/\(viewer.id)", as: "coordinator", json: ["active": false] as [String: JSONValue])
            #expect(try off.content.decode(UserDTO.self).active == false)
            #expect(try await world.request(.GET, "/api/v1/me", as: "viewer").status == .unauthorized)
            #expect(try await world.request(.POST, "/api/v1/login", json: ["email": "viewer@test.example", "password": .string(TestWorld.password)] as [String: JSONValue]).status == .unauthorized)
            let me = try await world.request(.GET, "/api/v1/me", as: "coordinator")
            let myID = try #require((try? JSONSerialization.jsonObject(with: Data(me.body.readableBytesView)) as? [String: Any])?["id"] as? String)
            let self_ = try await world.request(.PATCH, "/api/v1/users/\(myID)", as: "coordinator", json: ["active": false] as [String: JSONValue])
            #expect(self_.status == .unprocessableEntity)
            let audit = try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "user").filter(\.$objectID == viewer.id.uuidString).count()
            #expect(audit == 3) // created, role changed, deactivated
        }
    }

    @Test("A submitted report tells the buyer's reviewers (in the app and by mail, by their choice); a decision tells the supplier")
    func reportNotifications() async throws {
        try await withWorld { world in
            let server = try SMTPTestServer.start()
            defer { server.stop() }
            let settings = try Self.settings(server)
            // Arrange: a running contract with a placement, and the purchaser who wants no mail (not a reviewer anyway).
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString), "start": "2026-01-01"])
            _ = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                "bsn": "123456782", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 32, "start": "2026-01-01"] as [String: JSONValue])
            let created = try await world.request(.POST, "/api/v1/contracts/\(c)/reports", as: "reporterA",
                                                  json: ["periodStart": "2026-01-01", "periodEnd": "2026-03-31"] as [String: JSONValue])
            let report = try created.content.decode(IDOnly.self).id
            // Act
            let submitted = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(report)/submit", as: "reporterA")
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            // Check: the coordinator's notification and e-mail, with no candidate data.
            let list = try await world.request(.GET, "/api/v1/notifications", as: "coordinator")
            let notes = try list.content.decode(NotificationListDTO.self)
            #expect(notes.unread == 1)
            #expect(notes.items.first?.kind == "report_submitted")
            #expect(notes.items.first?.link == "/contracts/\(c)/reports/\(report)")
            try await OutboxSender.deliverDue(settings: settings, on: world.app.db)
            let mails = await server.waitFor(1)
            #expect(mails.count == 1)
            #expect(mails.first?.contains("X-Envelope-To: coordinator@test.example") == true)
            let pseudonym = try #require(try await PlacementModel.query(on: world.app.db).first()).candidate
            #expect(!mails.contains { Self.text($0).contains(pseudonym) || $0.contains("123456782") })
            #expect(Self.text(mails[0]).contains("https://sroi.example/contracts/\(c)/reports/\(report)"))
            // The supplier's reporter chose a daily digest for decisions: nothing at once, one digest later.
            let pref = try await world.request(.PUT, "/api/v1/notification-preferences", as: "reporterA", json: ["report_decided": "daily_digest"] as [String: JSONValue])
            #expect(pref.status == .ok)
            let approved = try await world.request(.POST, "/api/v1/contracts/\(c)/reports/\(report)/approve", as: "coordinator", json: ["comment": "In orde"] as [String: JSONValue])
            #expect(approved.status == .ok, "\(approved.body.string)")
            #expect(try await OutboxMessageModel.query(on: world.app.db).filter(\.$recipient == "reportera@test.example").count() == 0)
            let run = try await Reminders.run(today: Day(iso: TestWorld.today)!, on: world.app.db)
            #expect(run.digests == 1)
            _ = try await Reminders.run(today: Day(iso: TestWorld.today)!, on: world.app.db)
            #expect(try await OutboxMessageModel.query(on: world.app.db).filter(\.$recipient == "reportera@test.example").count() == 1)
            // Reading: one marked read, then all.
            let id = try #require(notes.items.first?.id)
            #expect(try await world.request(.POST, "/api/v1/notifications/\(id)/read", as: "coordinator").status == .ok)
            #expect(try await world.request(.GET, "/api/v1/notifications", as: "coordinator").content.decode(NotificationListDTO.self).unread == 0)
            #expect(try await world.request(.POST, "/api/v1/notifications/\(id)/read", as: "reporterA").status == .notFound)
            let bad = try await world.request(.PUT, "/api/v1/notification-preferences", as: "reporterA", json: ["report_decided": "soms"] as [String: JSONValue])
            #expect(bad.body.string.contains("\"field\":\"report_decided\""))
        }
    }

    @Test("Reminders of a late report: once a day however often the job runs, then weekly, three times at most")
    func remindersAreIdempotent() async throws {
        try await withWorld { world in
            // Q1 2026 of a running contract is due 30 April 2026 (30 days after the quarter).
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString), "start": "2026-01-01"])
            func count() async throws -> Int {
                try await NotificationModel.query(on: world.app.db).filter(\.$dedupeKey ~~ [
                    "report:\(c):2026-01-01:due-soon", "report:\(c):2026-01-01:overdue-1", "report:\(c):2026-01-01:overdue-2",
                    "report:\(c):2026-01-01:overdue-3"]).count()
            }
            for day in ["2026-04-16", "2026-04-16", "2026-04-20"] { _ = try await Reminders.run(today: Day(iso: day)!, on: world.app.db) }
            #expect(try await count() == 1) // due soon, once
            for day in ["2026-05-01", "2026-05-01", "2026-05-08", "2026-05-15", "2026-05-22", "2026-06-30"] {
                _ = try await Reminders.run(today: Day(iso: day)!, on: world.app.db)
            }
            #expect(try await count() == 4) // and three reminders of lateness
            #expect(try await OutboxMessageModel.query(on: world.app.db).filter(\.$recipient == "reportera@test.example").filter(\.$kind ~~ ["report_due_soon", "report_overdue"]).count() == 4)
            // The calendar says the same.
            let calendar = try await world.request(.GET, "/api/v1/contracts/\(c)/report-calendar", as: "reporterA")
            let entries = try calendar.content.decode([ReportCalendarEntryDTO].self)
            #expect(entries.first?.dueDate == "2026-04-30")
            #expect(entries.first?.state == "overdue")
        }
    }

    @Test("The relay is down while events happen; when it comes back every message arrives exactly once, also with two senders")
    func relayDownThenBack() async throws {
        try await withWorld { world in
            // Arrange: a port with no server yet.
            let port = Int.random(in: 41_000...49_000)
            var config = TestWorld.configuration(sqlitePath: nil)
            config.smtpURL = "smtp://127.0.0.1:\(port)?starttls=off&timeout=5"
            let settings = try MailSettings(config)
            for n in 0..<6 {
                _ = try await world.request(.POST, "/api/v1/invitations", as: "coordinator", json: ["email": .string("wacht\(n)@test.example"), "role": "viewer"] as [String: JSONValue])
            }
            // Act: delivery fails, the messages wait with a later attempt.
            let down = try await OutboxSender.deliverDue(settings: settings, on: world.app.db)
            #expect(down.retried == 6)
            #expect(down.sent == 0)
            // The relay comes back; time passes beyond the back-off; two senders run at the same moment.
            let server = try SMTPTestServer.start(port: port)
            defer { server.stop() }
            let later: @Sendable () -> Date = { Date().addingTimeInterval(120) }
            async let a = OutboxSender.deliverDue(settings: settings, now: later, sender: "a", on: world.app.db)
            async let b = OutboxSender.deliverDue(settings: settings, now: later, sender: "b", on: world.app.db)
            let (ra, rb) = try await (a, b)
            // Check: six messages, each once.
            #expect(ra.sent + rb.sent == 6)
            let received = await server.waitFor(6)
            #expect(received.count == 6)
            #expect(Set(received.compactMap { m in m.components(separatedBy: "\r\n").first { $0.hasPrefix("X-Envelope-To:") } }).count == 6)
            #expect(try await OutboxMessageModel.query(on: world.app.db).filter(\.$status == "sent").count() == 6)
            let nothing = try await OutboxSender.deliverDue(settings: settings, now: later, on: world.app.db)
            #expect(nothing == .init())
        }
    }

    @Test("The buyer invites the supplier's contact from the contract; a supplier not on the platform is registered by KvK")
    func supplierInvitation() async throws {
        try await withWorld { world in
            let c = try await world.createContract(["status": "in_tender"])
            let noKvK = try await world.request(.POST, "/api/v1/contracts/\(c)/supplier-invitation", as: "coordinator",
                                                json: ["email": "contact@nieuwbedrijf.example", "supplierName": "Nieuw Bedrijf B.V.", "kvk": "1234"] as [String: JSONValue])
            #expect(noKvK.body.string.contains("\"field\":\"kvk\""))
            let res = try await world.request(.POST, "/api/v1/contracts/\(c)/supplier-invitation", as: "coordinator",
                                              json: ["email": "contact@nieuwbedrijf.example", "supplierName": "Nieuw Bedrijf B.V.", "kvk": "87654321"] as [String: JSONValue])
            #expect(res.status == .created, "\(res.body.string)")
            let invitation = try res.content.decode(InvitationDTO.self)
            #expect(invitation.role == "supplier_admin")
            let supplier = try #require(try await OrganisationModel.query(on: world.app.db).filter(\.$kvk == "87654321").first())
            #expect(invitation.organisationId == supplier.id)
            #expect(try await ContractModel.find(c, on: world.app.db)?.$supplier.id == supplier.id)
            #expect(try await world.request(.POST, "/api/v1/contracts/\(c)/supplier-invitation", as: "reporterA",
                                            json: ["email": "x@y.example"] as [String: JSONValue]).status == .notFound)
        }
    }

    @Test("Through the pages: invite, accept with the link, log in; forgot password; notifications in the header")
    func pages() async throws {
        try await withWorld { world in
            // Arrange: the coordinator on the users page.
            let coordinator = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            let page = try await coordinator.get("/gebruikers")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Iemand uitnodigen"))
            // Act: invite; the link is in the queued message.
            let sent = try await coordinator.post("/gebruikers/uitnodigen", form: [("email", "web@test.example"), ("role", "viewer")])
            #expect(sent.status == .seeOther)
            func token(_ prefix: String) async throws -> String {
                let mail = try #require(try await OutboxMessageModel.query(on: world.app.db).sort(\.$createdAt, .descending).first())
                let line = try #require(mail.textBody.components(separatedBy: "\n").first { $0.hasPrefix(MailSettings.basePlaceholder + prefix) })
                return String(line.dropFirst((MailSettings.basePlaceholder + prefix).count))
            }
            let invitation = try await token("/uitnodiging/")
            let newcomer = WebSession(app: world.app)
            let welcome = try await newcomer.get("/uitnodiging/\(invitation)")
            #expect(welcome.body.string.contains("Welkom bij sroi"))
            #expect(welcome.body.string.contains("meekijker bij Gemeente Test"))
            let weak = try await newcomer.post("/uitnodiging/\(invitation)", form: [("name", "Wim Web"), ("password", "kort")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("Let op:"))
            let made = try await newcomer.post("/uitnodiging/\(invitation)", form: [("name", "Wim Web"), ("password", "Web-wachtwoord-1")])
            #expect(made.status == .seeOther)
            #expect(made.headers.first(name: .location) == "/login")
            try await newcomer.login("web@test.example", password: "Web-wachtwoord-1")
            let used = try await WebSession(app: world.app).get("/uitnodiging/\(invitation)")
            #expect(used.status == .gone)
            #expect(used.body.string.contains("al gebruikt"))
            // Forgot password, through the pages.
            let forgetful = WebSession(app: world.app)
            _ = try await forgetful.get("/wachtwoord-vergeten")
            let asked = try await forgetful.post("/wachtwoord-vergeten", form: [("email", "purchaser@test.example")])
            #expect(asked.status == .ok)
            #expect(asked.body.string.contains("Als dit e-mailadres bij een account hoort"))
            let reset = try await token("/wachtwoord/nieuw/")
            _ = try await forgetful.get("/wachtwoord/nieuw/\(reset)")
            let set = try await forgetful.post("/wachtwoord/nieuw/\(reset)", form: [("password", "Vergeten-maar-nu-1")])
            #expect(set.status == .seeOther)
            try await forgetful.login("purchaser@test.example", password: "Vergeten-maar-nu-1")
            // A notification shows its count in the header and on its page.
            let coordinatorModel = try #require(try await UserModel.query(on: world.app.db).filter(\.$email == "coordinator@test.example").first())
            try await Notifications.send(.init(kind: .reportSubmitted, title: "Rapportage ingediend: Test", body: "Er is een rapportage ingediend.",
                                               link: "/contracts"), to: [coordinatorModel], on: world.app.db)
            let home = try await coordinator.get("/")
            #expect(home.body.string.contains("Meldingen (1)"))
            let list = try await coordinator.get("/meldingen")
            #expect(list.body.string.contains("Rapportage ingediend: Test"))
            _ = try await coordinator.post("/meldingen/voorkeuren", form: [("report_submitted", "off")])
            #expect(try await Notifications.mode(of: try coordinatorModel.requireID(), for: .reportSubmitted, on: world.app.db) == .off)
        }
    }

    @Test("A real sroi serve delivers the outbox by itself; killed during delivery and restarted, every message arrives")
    func serverKilledDuringDelivery() async throws {
        try await withWorld { world in
            // Arrange: a slow real SMTP server (a tenth of a second per message), and 30 invitations in the outbox.
            let smtp = try SMTPTestServer.start(arguments: ["--delay", "0.1"])
            defer { smtp.stop() }
            for n in 0..<30 {
                let res = try await world.request(.POST, "/api/v1/invitations", as: "coordinator",
                                                  json: ["email": .string("persoon\(n)@test.example"), "role": "viewer"] as [String: JSONValue])
                #expect(res.status == .created)
            }
            let env = ["SROI_SMTP_URL": "smtp://127.0.0.1:\(smtp.port)?starttls=off&timeout=5", "SROI_MAIL_INTERVAL_SECONDS": "0.2",
                       "SROI_MAIL_CLAIM_SECONDS": "2"]
            // Act: a server starts delivering and is killed (SIGKILL) as soon as the first messages arrived …
            let first = try await RunningServer.start(world: world, environment: env)
            _ = await smtp.waitFor(3, seconds: 20)
            first.kill()
            let before = smtp.messages().count
            #expect(before < 30, "the kill came during delivery")
            // … and a new one finishes the job (a claim of the killed server returns after 2 seconds).
            let second = try await RunningServer.start(world: world, environment: env)
            defer { second.kill() }
            // Wait until every recipient has its message and every row is marked sent (a copy may come first).
            func recipientsSeen() -> Set<String> {
                Set(smtp.messages().compactMap { m in m.components(separatedBy: "\r\n").first { $0.hasPrefix("X-Envelope-To:") } })
            }
            let deadline = Date().addingTimeInterval(40)
            while Date() < deadline {
                let sent = try await OutboxMessageModel.query(on: world.app.db).filter(\.$status == "sent").count()
                if recipientsSeen().count == 30 && sent == 30 { break }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            let received = smtp.messages()
            // Check: every invitation arrived; a copy is possible only of a message the relay had accepted when the
            // first server died before it could mark it sent (as SMTP allows: at least once). That copy has the
            // same Message-ID.
            let recipients = received.compactMap { m in m.components(separatedBy: "\r\n").first { $0.hasPrefix("X-Envelope-To:") } }
            #expect(Set(recipients).count == 30, "before the kill: \(before), in all: \(received.count)")
            #expect(received.count - 30 <= 1)
            let ids = received.compactMap { m in m.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID:") } }
            #expect(Set(ids).count == 30)
            #expect(try await OutboxMessageModel.query(on: world.app.db).filter(\.$status == "sent").count() == 30)
        }
    }

    @Test("Planned meetings reach both partners with an agenda invitation (.ics) of the first meeting")
    func meetingInvitation() async throws {
        try await withWorld { world in
            let server = try SMTPTestServer.start()
            defer { server.stop() }
            let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let res = try await world.request(.POST, "/api/v1/contracts/\(c)/meetings/plan", as: "coordinator",
                                              json: ["from": "2026-12-01", "frequency": "quarter"] as [String: JSONValue])
            #expect(res.status == .created, "\(res.body.string)")
            try await OutboxSender.deliverDue(settings: try Self.settings(server), on: world.app.db)
            let mails = await server.waitFor(2)
            let to = Set(mails.compactMap { m in m.components(separatedBy: "\r\n").first { $0.hasPrefix("X-Envelope-To:") } })
            #expect(to == ["X-Envelope-To: coordinator@test.example", "X-Envelope-To: reportera@test.example"])
            let mail = try #require(mails.first)
            #expect(mail.contains("Content-Type: text/calendar; method=REQUEST; charset=utf-8"))
            #expect(mail.contains("filename=\"gesprek.ics\""))
            let ics = try #require(mail.components(separatedBy: "filename=\"gesprek.ics\"\r\n\r\n").last?
                .components(separatedBy: "\r\n").prefix { !$0.isEmpty && !$0.hasPrefix("--") }.joined())
            let calendar = String(decoding: Data(base64Encoded: ics) ?? Data(), as: UTF8.self)
            #expect(calendar.contains("DTSTART;VALUE=DATE:20261201"))
            #expect(calendar.contains("BEGIN:VEVENT"))
        }
    }

    static func current(_ world: TestWorld, _ email: String) async throws -> CurrentUser {
        try UserLookup.currentUser(try #require(try await UserModel.query(on: world.app.db).filter(\.$email == email).with(\.$organisation).first()))
    }
}
}
