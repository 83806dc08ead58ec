import FluentPostgresDriver
import Foundation
import PostgresNIO
import Prometheus
import SQLKit
import SROIDomain
import Testing
import Vapor
@testable import SROIApp

extension AppTests {
/// Issue 20 keeps the answers of the read path while the data stays the same (`AnswerCache`), judged by a number
/// the database raises with every change (`DataGeneration`). A kept answer must be exactly the computed one, never
/// another user's, and gone with the first change, by whatever path it was made.
@Suite("Kept answers")
struct AnswerCacheTests {
    /// A cache's counts as the scraper reads them from `/metrics`: kept, waited and computed.
    static func counts(_ world: TestWorld, cache: String) async throws -> [String: Int] {
        let text = try await world.request(.GET, "/metrics", headers: ["Authorization": "Bearer \(TestWorld.metricsToken)"]).body.string
        let prefix = "sroi_kept_answers_total{cache=\"\(cache)\",result=\""
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            guard let quote = rest.firstIndex(of: "\""), let value = rest.split(separator: " ").last.flatMap({ Int($0) }) else { continue }
            counts[String(rest[..<quote])] = value
        }
        return counts
    }

    @Test("Every table but the untracked ones raises the data generation on every kind of change")
    func everyTableIsTracked() async throws {
        try await withWorld { world in
            // Arrange
            let sql = try #require(world.app.db as? any SQLDatabase)
            struct Name: Decodable { var name: String }
            let postgres = sql.dialect.name == "postgresql"
            let tables = try await sql.raw(postgres
                ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(decoding: Name.self).map(\.name)
            let triggers = Set(try await sql.raw(postgres
                ? "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal"
                : "SELECT name FROM sqlite_master WHERE type = 'trigger'").all(decoding: Name.self).map(\.name))

            // Check: each tracked table has its triggers (three on SQLite, one on PostgreSQL), untracked ones none
            #expect(tables.count > 40 && tables.contains("contracts") && tables.contains("paid_hours"))
            for table in tables {
                let expected = postgres ? [DataGeneration.triggerName(table, nil)]
                                        : ["INSERT", "UPDATE", "DELETE"].map { DataGeneration.triggerName(table, $0) }
                if DataGeneration.untracked.contains(table) {
                    #expect(expected.allSatisfy { !triggers.contains($0) }, "\(table) is untracked but has a trigger")
                } else {
                    #expect(expected.allSatisfy(triggers.contains), "\(table) changes without raising the data generation")
                }
            }

            // Act and check: a change written by hand raises it, a token's doesn't
            let contract = try await world.createContract(["title": "Schoonmaak"])
            let before = try await DataGeneration.current(on: sql)
            try await sql.raw("UPDATE contracts SET title = 'Glazenwassen' WHERE id = \(bind: contract)").run()
            let afterContract = try await DataGeneration.current(on: sql)
            try await sql.raw("UPDATE api_tokens SET name = name").run()
            let afterToken = try await DataGeneration.current(on: sql)
            try await sql.raw("DELETE FROM contracts WHERE id = \(bind: contract)").run()
            #expect(afterContract > before)
            #expect(afterToken == afterContract)
            #expect(try await DataGeneration.current(on: sql) > afterToken)
        }
    }

    @Test("A kept answer is the computed one, byte for byte; a change made outside the app's services is seen on the next request")
    func keptUntilChanged() async throws {
        try await withWorld { world in
            // Arrange: a planned contract of € 1.200.000 (5 % = € 60.000), read once so that it is kept
            let id = try await world.createContract(["title": "Schoonmaak"])
            let sql = try #require(world.app.db as? any SQLDatabase)
            let first = try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator")
            let keptBefore = world.app.answerCache.count

            // Act: the same request again, then a change written straight into the database (as the `sroi` command
            // or another instance would), then the request once more
            let second = try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator")
            try await sql.raw("UPDATE contracts SET title = 'Glazenwassen', value_cents = 200000000 WHERE id = \(bind: id)").run()
            let third = try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator")

            // Check: the second answer is the first one's bytes; the third shows the new title and the new value's
            // obligation: € 2.000.000 with a wage sum of € 800.000 is a labour share of 40 % (< 50 %), so 5 % of the
            // wage sum = € 40.000
            #expect(keptBefore >= 1)
            #expect(first.status == .ok && second.status == .ok)
            #expect(second.body.string == first.body.string)
            #expect(second.headers.contentType == first.headers.contentType)
            let changed = try third.content.decode(ContractDTO.self)
            #expect(changed.title == "Glazenwassen" && changed.obligationCents == 4_000_000)
            // The scraper sees how answers were found: computed twice (before and after the change), kept once
            #expect(try await Self.counts(world, cache: "answers") == ["kept": 1, "waited": 0, "computed": 2])
        }
    }

    @Test("A change made through another instance on the same database is seen at once by this one")
    func anotherInstance() async throws {
        try await withWorld { world in
            // Arrange: this instance keeps the contract's answer; a second instance runs on the same database
            let id = try await world.createContract(["title": "Schoonmaak"])
            let before = try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator").content.decode(ContractDTO.self)
            let second = try await TestWorld.make(loadFixtures: false, sqlitePath: world.sqlitePath, reset: false)
            second.tokens = world.tokens
            let changed: HTTPStatus
            let after: ContractDTO
            do {
                // Act: the coordinator renames the contract through the second instance, then asks this one
                changed = try await second.request(.PATCH, "/api/v1/contracts/\(id)", as: "coordinator",
                                                   json: ["title": "Glazenwassen"] as [String: JSONValue]).status
                after = try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator").content.decode(ContractDTO.self)
            } catch {
                try? await second.shutdown()
                throw error
            }
            try await second.shutdown()

            // Check
            #expect(before.title == "Schoonmaak" && changed == .ok)
            #expect(after.title == "Glazenwassen")
        }
    }

    /// On PostgreSQL the data generation's trigger runs once per statement, before it, whether or not a row then
    /// changes: there a re-import still makes the answers be computed once afresh, and the check is that no row
    /// was written again (each row's `xmin`, the transaction that wrote its version, stays).
    @Test("Re-importing the same payroll file rewrites nothing (and on SQLite keeps the answers); a changed row is written and seen")
    func reimportKeepsAnswers() async throws {
        try await withWorld { world in
            // Arrange: two months of paid hours imported, and the contract's progress kept
            let sql = try #require(world.app.db as? any SQLDatabase)
            let contract = try await FulfilmentAPITests.runningContract(world)
            let header = "referentie;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\n"
            let csv = header + "R-1;banenafspraak;2026-01-01;20;2026-01-01;2026-01-31;86,5\nR-1;banenafspraak;2026-01-01;20;2026-02-01;2026-02-28;80\n"
            let first = try await FulfilmentAPITests.importCSV(world, csv, contract: contract)
            _ = try await world.request(.GET, "/api/v1/contracts/\(contract)/progress", as: "coordinator")
            let generation = try await DataGeneration.current(on: sql)
            let kept = try await Self.counts(world, cache: "answers")["kept"] ?? 0
            let postgres = sql.dialect.name == "postgresql"
            struct Versions: Decodable { var versions: String? }
            let versionsQuery: SQLQueryString = "SELECT string_agg(xmin::text, ',' ORDER BY id) AS versions FROM paid_hours"
            let versions = postgres ? try await sql.raw(versionsQuery).first(decoding: Versions.self)?.versions : nil

            // Act: the same file again, the progress asked again; then February changed to 90 hours
            let again = try await FulfilmentAPITests.importCSV(world, csv, contract: contract)
            let afterAgain = try await DataGeneration.current(on: sql)
            let versionsAgain = postgres ? try await sql.raw(versionsQuery).first(decoding: Versions.self)?.versions : nil
            _ = try await world.request(.GET, "/api/v1/contracts/\(contract)/progress", as: "coordinator")
            let keptAfterAgain = try await Self.counts(world, cache: "answers")["kept"] ?? 0
            let changed = try await FulfilmentAPITests.importCSV(world, csv.replacingOccurrences(of: ";80\n", with: ";90\n"), contract: contract)
            struct Sum: Decodable { var total: Int64 }
            let hours = try await sql.raw("""
                SELECT CAST(SUM(h.hours) AS BIGINT) AS total FROM paid_hours h JOIN placements p ON p.id = h.placement_id WHERE p.contract_id = \(bind: contract)
                """).first(decoding: Sum.self)?.total

            // Check: the re-import wrote nothing (SQLite: the same generation, the answer served as kept; PostgreSQL:
            // the same row versions); the change raised the generation and is in the hours: 86,5 h + 90 h = 176,5 h =
            // 17.650 hundredths
            #expect(first.status == .ok && again.status == .ok && changed.status == .ok, "\(again.body.string)")
            if postgres {
                #expect(versions != nil && versionsAgain == versions)
            } else {
                #expect(afterAgain == generation)
                #expect(keptAfterAgain == kept + 1)
            }
            #expect(try await DataGeneration.current(on: sql) > afterAgain)
            #expect(hours == 17_650)
        }
    }

    @Test("On PostgreSQL two writing transactions whose ids fall in different slots do not wait for each other")
    func writersDoNotQueue() async throws {
        try await withWorld { world in
            guard let postgres = world.app.db as? any PostgresDatabase else { return } // SQLite has one writer anyway
            // Arrange: a contract and the buyer to change, on two connections of their own
            let contract = try await world.createContract(["title": "Schoonmaak"])
            let buyer = try #require(world.buyer)
            let sql = try #require(world.app.db as? any SQLDatabase)
            let before = try await DataGeneration.current(on: sql)
            struct ID: Decodable { var id: Int64 }
            let url = try #require(ProcessInfo.processInfo.environment["DATABASE_URL"])
            let b = try await PostgresConnection.connect(on: world.app.eventLoopGroup.any(), configuration: try SQLPostgresConfiguration(url: url).coreConfiguration,
                                                         id: 2, logger: world.app.logger).get()
            do {
                try await postgres.withConnection { a in
                    a.eventLoop.makeFutureWithTask {
                        let first = a.sql(), second = b.sql()
                        // Act: A changes the contract and keeps its transaction open; B, in a slot of its own, changes
                        // the buyer and commits (a lock wait would end B's statement after 5 s)
                        try await first.raw("BEGIN").run()
                        try await first.raw("UPDATE contracts SET title = 'Glazenwassen' WHERE id = \(bind: contract)").run()
                        let slotA = try #require(try await first.raw("SELECT txid_current() % 16 AS id").first(decoding: ID.self)).id
                        try await second.raw("SET statement_timeout = 5000").run()
                        var slotB = slotA
                        while slotB == slotA {
                            try await second.raw("BEGIN").run()
                            slotB = try #require(try await second.raw("SELECT txid_current() % 16 AS id").first(decoding: ID.self)).id
                            if slotB == slotA { try await second.raw("ROLLBACK").run() }
                        }
                        try await second.raw("UPDATE organisations SET name = name WHERE id = \(bind: buyer)").run()
                        try await second.raw("COMMIT").run()
                        try await first.raw("COMMIT").run()
                    }
                }.get()
            } catch {
                try? await b.close()
                throw error
            }
            try await b.close()

            // Check: both changes raised the number
            #expect(try await DataGeneration.current(on: sql) >= before + 2)
        }
    }

    @Test("The public figures are computed once for everyone and follow every change, unpublishing included")
    func publishedFigures() async throws {
        try await withWorld { world in
            // Arrange: a running contract of € 1.200.000 (wage sum € 800.000: 5 % of the value = € 60.000); the buyer
            // publishes its obligation
            let id = try await world.createContract(["title": "Schoonmaak", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let buyer = try #require(world.buyer)
            let sql = try #require(world.app.db as? any SQLDatabase)
            try await sql.raw("UPDATE organisations SET published_figures = 'obligation' WHERE id = \(bind: buyer)").run()
            let address = "/api/v1/public/organisations/\(buyer)/figures?year=2026"
            func obligation() async throws -> String? {
                let res = try await world.request(.GET, address)
                guard res.status == .ok else { return "\(res.status.code)" }
                return try res.content.decode(PublishedFigures.OpenData.self).figures.first { $0.key == "obligation" }?.value
            }

            // Act: three visitors without a login, then the contract's value changes, then the buyer stops publishing
            let first = try await obligation(), second = try await obligation(), page = try await world.request(.GET, "/openbaar/\(buyer)?year=2026")
            try await sql.raw("UPDATE contracts SET value_cents = 200000000 WHERE id = \(bind: id)").run()
            let changed = try await obligation()
            try await sql.raw("UPDATE organisations SET published_figures = NULL WHERE id = \(bind: buyer)").run()
            let unpublished = try await obligation()

            // Check: € 60.000 twice and on the page, the dashboard computed once; then € 2.000.000 with the same wage sum is a labour
            // share of 40 % (< 50 %), 5 % of the wage sum = € 40.000; then nothing is public
            #expect(first == "60000,00" && second == "60000,00")
            #expect(page.status == .ok && page.body.string.contains("€ 60.000"))
            #expect(changed == "40000,00")
            #expect(unpublished == "404")
            #expect(try await Self.counts(world, cache: "dashboards") == ["kept": 2, "waited": 0, "computed": 2])
        }
    }

    @Test("A buyer's management page is computed once for its users and shows a change at once")
    func managementPage() async throws {
        try await withWorld { world in
            // Arrange: a running contract; the coordinator and the purchaser of the buyer, each logged in on the web
            let id = try await world.createContract(["title": "Schoonmaak", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let sql = try #require(world.app.db as? any SQLDatabase)
            let coordinator = WebSession(app: world.app), purchaser = WebSession(app: world.app)
            try await coordinator.login("coordinator@test.example")
            try await purchaser.login("purchaser@test.example")

            // Act: both open the dashboard of 2026; the contract is renamed outside the app; the coordinator looks again
            let first = try await coordinator.get("/management?year=2026")
            let second = try await purchaser.get("/management?year=2026")
            try await sql.raw("UPDATE contracts SET title = 'Glazenwassen' WHERE id = \(bind: id)").run()
            let after = try await coordinator.get("/management?year=2026")

            // Check: the same contract for both, computed once; the new title at once
            #expect(first.status == .ok && first.body.string.contains("Schoonmaak"))
            #expect(second.status == .ok && second.body.string.contains("Schoonmaak"))
            #expect(after.body.string.contains("Glazenwassen"), "the new title (\"Schoonmaak\" stays as the category's name)")
            #expect(try await Self.counts(world, cache: "dashboards") == ["kept": 1, "waited": 0, "computed": 2])
        }
    }

    @Test("Parameters an answer does not read make no new key; the filters it reads do")
    func keyByWhatIsRead() async throws {
        try await withWorld { world in
            // Arrange: a running and a planned contract of the buyer
            let running = try await world.createContract(["title": "Lopend", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let planned = try await world.createContract(["title": "Gepland"])
            func ids(_ path: String) async throws -> Set<UUID> {
                Set(try await world.request(.GET, path, as: "coordinator").content.decode([ContractDTO].self).map(\.id))
            }

            // Act: a contract asked with a client's own cache-busting parameter, three times; the list with and
            // without a status, and with a parameter it does not read
            for stamp in 1...3 { #expect(try await world.request(.GET, "/api/v1/contracts/\(running)?_=\(stamp)", as: "coordinator").status == .ok) }
            let all = try await ids("/api/v1/contracts")
            let onlyRunning = try await ids("/api/v1/contracts?status=running")
            let allAgain = try await ids("/api/v1/contracts?_=4")

            // Check: the contract computed once; the filtered list is its own answer, the unread parameter is not
            #expect(all == [running, planned] && onlyRunning == [running] && allAgain == all)
            #expect(try await Self.counts(world, cache: "answers") == ["kept": 3, "waited": 0, "computed": 3])
        }
    }

    @Test("Users never see each other's kept answers, and a refusal is never kept")
    func answersAreOwn() async throws {
        try await withWorld { world in
            // Arrange: the coordinator's answers are kept for the contract, its progress and the list
            let id = try await world.createContract(["title": "Schoonmaak", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            for path in ["/api/v1/contracts/\(id)", "/api/v1/contracts/\(id)/progress", "/api/v1/contracts"] {
                #expect(try await world.request(.GET, path, as: "coordinator").status == .ok)
            }

            // Act: another buyer's coordinator and another supplier ask the same addresses, twice
            var statuses: [HTTPStatus] = []
            var lists: [[ContractDTO]] = []
            for who in ["otherCoordinator", "reporterB"] {
                for _ in 0..<2 {
                    statuses.append(try await world.request(.GET, "/api/v1/contracts/\(id)", as: who).status)
                    statuses.append(try await world.request(.GET, "/api/v1/contracts/\(id)/progress", as: who).status)
                    lists.append(try await world.request(.GET, "/api/v1/contracts", as: who).content.decode([ContractDTO].self))
                }
            }

            // Check: 404 every time, and their lists hold none of the buyer's contracts
            #expect(statuses == Array(repeating: .notFound, count: 8))
            #expect(lists.allSatisfy { !$0.map(\.id).contains(id) })
            #expect(try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator").status == .ok)
        }
    }

    @Test("Requests asking while another computes the same answer wait for it; a failed one leaves each to compute its own")
    func oneComputationAtATime() throws {
        // Arrange
        let cache = AnswerCache(limit: 1_000, registry: PrometheusCollectorRegistry())
        let loop = EmbeddedEventLoop()
        let key = AnswerKey(user: UUID(), address: "/api/v1/contracts", today: Day(year: 2026, month: 12, day: 1)!)
        func received(_ future: EventLoopFuture<KeptAnswer?>) -> String?? {
            var text: String?? = .none
            future.whenSuccess { text = .some($0.map { String(buffer: $0.body) }) }
            loop.run()
            return text
        }

        // Act: three requests at generation 5 and one at 6 ask before the first has finished
        guard case .compute(let first) = cache.lookup(key, at: 5, on: loop) else { Issue.record("the first must compute"); return }
        guard case .wait(let second) = cache.lookup(key, at: 5, on: loop),
              case .wait(let third) = cache.lookup(key, at: 5, on: loop) else { Issue.record("the others must wait"); return }
        guard case .compute(let newer) = cache.lookup(key, at: 6, on: loop) else { Issue.record("a newer generation computes"); return }
        #expect(received(second) == .none, "nothing yet")
        cache.finish(key, at: 5, with: .init(headers: [:], body: ByteBuffer(string: "[1,2]")), promise: first)

        // Check: both waiting requests receive the first one's answer
        #expect(received(second) == .some("[1,2]") && received(third) == .some("[1,2]"))
        guard case .kept = cache.lookup(key, at: 5, on: loop) else { Issue.record("kept after finishing"); return }

        // Act and check: the computation at 6 fails; its waiter receives nothing and computes on its own
        guard case .wait(let waiting) = cache.lookup(key, at: 6, on: loop) else { Issue.record("waits at 6"); return }
        cache.finish(key, at: 6, with: nil, promise: newer)
        #expect(received(waiting) == .some(nil))
        guard case .compute(let again) = cache.lookup(key, at: 6, on: loop) else { Issue.record("computes again after a failure"); return }
        cache.finish(key, at: 6, with: nil, promise: again)
    }

    @Test("The cache keeps an answer only under the newest generation it has seen, for its own key, within its limit")
    func generationsAndLimit() throws {
        // Arrange: a cache of 100 bytes; answers of 10 bytes under an address of 5
        let cache = AnswerCache(limit: 100, registry: PrometheusCollectorRegistry())
        let user = UUID()
        let today = Day(year: 2026, month: 12, day: 1)!
        func key(_ address: String, day: Day = today, user: UUID = user) -> AnswerKey { .init(user: user, address: address, today: day) }
        func answer(_ text: String) -> KeptAnswer { .init(headers: [:], body: ByteBuffer(string: text)) }
        func text(_ a: KeptAnswer?) -> String? { a.map { String(buffer: $0.body) } }

        // Act and check: kept under generation 7, for that key, that day and that user only
        cache.keep(answer("0123456789"), for: key("/a/b1"), at: 7)
        #expect(text(cache.value(for: key("/a/b1"), at: 7)) == "0123456789")
        #expect(cache.value(for: key("/a/b2"), at: 7) == nil)
        #expect(cache.value(for: key("/a/b1", day: Day(year: 2026, month: 12, day: 2)!), at: 7) == nil)
        #expect(cache.value(for: key("/a/b1", user: UUID()), at: 7) == nil)
        #expect(cache.value(for: key("/a/b1"), at: 8) == nil)

        // An answer computed under an older generation than the cache has seen is not kept (its request read the
        // data before a change that another request has already seen)
        cache.keep(answer("nieuwer---"), for: key("/a/b2"), at: 9)
        cache.keep(answer("ouder-----"), for: key("/a/b3"), at: 8)
        #expect(cache.value(for: key("/a/b3"), at: 8) == nil)
        #expect(cache.value(for: key("/a/b1"), at: 7) == nil, "a newer generation empties the cache")
        #expect(text(cache.value(for: key("/a/b2"), at: 9)) == "nieuwer---")

        // Under generation 10, 15 bytes each: six fit in 100 (90); the seventh (105) makes room by letting the oldest go
        for n in 0..<6 { cache.keep(answer("0123456789"), for: key("/c/\(n)0"), at: 10) }
        #expect(cache.count == 6)
        cache.keep(answer("0123456789"), for: key("/c/60"), at: 10)
        #expect(cache.count == 6 && cache.value(for: key("/c/60"), at: 10) != nil)
        #expect(cache.value(for: key("/c/00"), at: 10) == nil && cache.value(for: key("/c/10"), at: 10) != nil)
        // Keeping the same key again replaces it without counting it twice (7 × the same 15 bytes push nothing out);
        // the next new one lets the oldest left go (/c/10), not the one kept again
        for _ in 0..<7 { cache.keep(answer("0123456789"), for: key("/c/60"), at: 10) }
        #expect(cache.count == 6 && cache.value(for: key("/c/10"), at: 10) != nil)
        cache.keep(answer("0123456789"), for: key("/c/70"), at: 10)
        #expect(cache.count == 6 && cache.value(for: key("/c/10"), at: 10) == nil)
        #expect(cache.value(for: key("/c/20"), at: 10) != nil && cache.value(for: key("/c/60"), at: 10) != nil)
        // Kept again, /c/20 is now newer than /c/30: a new key lets /c/30 go
        cache.keep(answer("0123456789"), for: key("/c/20"), at: 10)
        cache.keep(answer("0123456789"), for: key("/c/80"), at: 10)
        #expect(cache.value(for: key("/c/30"), at: 10) == nil && cache.value(for: key("/c/20"), at: 10) != nil && cache.count == 6)
        // Many keys through a small cache: it never holds more than its limit
        for n in 0..<500 { cache.keep(answer("0123456789"), for: key("/e/\(n % 100)0"), at: 10) }
        #expect(cache.count == 6)
        // An answer larger than the whole limit is never kept; a cache of 0 bytes keeps nothing
        cache.keep(answer(String(repeating: "x", count: 200)), for: key("/d"), at: 10)
        #expect(cache.value(for: key("/d"), at: 10) == nil && cache.count == 6)
        let off = AnswerCache(limit: 0, registry: PrometheusCollectorRegistry())
        off.keep(answer("0123456789"), for: key("/a/b1"), at: 1)
        #expect(!off.isOn && off.count == 0)
    }
}
}
