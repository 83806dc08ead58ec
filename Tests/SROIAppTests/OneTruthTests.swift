import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Each figure has one definition and one name: the pages and the API say the same on the demo data.
@Suite("One truth on every page")
struct OneTruthTests {
    /// The demo data in a fresh world, with an API token and a logged-in browser per demo account used.
    static func withDemo(_ body: @Sendable (TestWorld) async throws -> Void) async throws {
        try await XCTVaporContext.$emitWarningIfCurrentTestInfoIsAvailable.withValue(false) {
            let world = try await TestWorld.make(loadFixtures: false)
            do {
                _ = try await DemoData.load(world.app)
                try await body(world)
                try await world.shutdown()
            } catch {
                try? await world.shutdown()
                throw error
            }
        }
    }

    static func token(_ world: TestWorld, _ email: String) async throws -> String {
        let res = try await world.request(.POST, "/api/v1/login", json: ["email": .string(email), "password": .string(TestWorld.password)] as [String: JSONValue])
        struct Token: Decodable { var token: String }
        return try res.content.decode(Token.self).token
    }

    static func api<T: Decodable>(_ world: TestWorld, _ path: String, token: String, as type: T.Type) async throws -> T {
        let res = try await world.app.testable().sendRequest(.GET, path) { req async throws in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
        }
        #expect(res.status == .ok, "\(path): \(res.body.string)")
        return try res.content.decode(T.self)
    }

    /// The cards of a page: label → value.
    static func cards(_ html: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in html.components(separatedBy: "<span class=\"card-value\">").dropFirst() {
            let value = piece.components(separatedBy: "</span>").first ?? ""
            let labelPart = piece.components(separatedBy: "<span class=\"card-label\">").dropFirst().first ?? ""
            let label = (labelPart.components(separatedBy: "</span>").first ?? "").replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            result[label] = value
        }
        return result
    }

    static func money(_ cents: Int64) -> String { Money(cents: cents).description }

    @Test("The supplier's start page, its SR-rekening page and the API give the same obligation, realised and remaining")
    func supplierFigures() async throws {
        try await Self.withDemo { world in
            // Arrange
            let token = try await Self.token(world, "rapportage@glans.example")
            let glans = try #require(try await OrganisationModel.query(on: world.app.db).filter(\.$name == "Facilitair Bedrijf Glans B.V.").first()?.id)
            let browser = WebSession(app: world.app)
            try await browser.login("rapportage@glans.example")
            // Act
            let account = try await Self.api(world, "/api/v1/suppliers/\(glans)/account", token: token, as: SupplierAccountDTO.self)
            let start = Self.cards(try await browser.get("/").body.string)
            let rekening = try await browser.get("/bundeling").body.string
            // Check: one total, the same words.
            #expect(start[FigureWords.supplierTotalObligation] == Self.money(account.total.obligationCents))
            #expect(start[FigureWords.realised] == Self.money(account.total.realisedCents))
            #expect(start[FigureWords.remaining] == Self.money(account.total.remainingCents))
            #expect(account.total.obligationCents == account.obligations.reduce(0) { $0 + $1.obligationCents })
            #expect(rekening.contains("SR-verplichting, alle gegunde opdrachten</th><td class=\"num\"><strong>\(Self.money(account.total.obligationCents))</strong>"))
            // Free value is approved value only: never more than what is approved above the obligation.
            for free in account.freeValue {
                let line = try #require(account.obligations.first { $0.contractId == free.contractId })
                #expect(free.valueCents == max(0, line.realisedCents - line.obligationCents))
                #expect(free.valueCents + free.awaitingReviewCents == max(0, line.realisedCents + line.pendingCents - line.obligationCents))
            }
        }
    }

    @Test("Every contract page shows the API's obligation, realised, pending and status; a contract without an obligation is no 'nog niet begonnen'")
    func contractPages() async throws {
        try await Self.withDemo { world in
            // Arrange
            let token = try await Self.token(world, "coordinator@voorbeeldstad.nl")
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@voorbeeldstad.nl")
            let buyer = try #require(try await OrganisationModel.query(on: world.app.db).filter(\.$name == "Gemeente Voorbeeldstad").first()?.id)
            let awarded = try await ContractModel.query(on: world.app.db).filter(\.$buyer.$id == buyer).filter(\.$frameworkID == nil).all()
                .filter { $0.status.isAwarded }
            #expect(awarded.count > 5)
            var withoutObligation = 0
            for contract in awarded {
                // Act
                let id = try contract.requireID()
                let progress = try await Self.api(world, "/api/v1/contracts/\(id)/progress", token: token, as: ProgressDTO.self)
                let page = try await browser.get("/contracts/\(id)").body.string
                let cards = Self.cards(page)
                // Check
                if progress.status == ProgressStatus.noObligation.rawValue {
                    withoutObligation += 1
                    #expect(progress.obligationCents == 0)
                    #expect(cards[FigureWords.obligation] == "geen", "\(contract.title)")
                    #expect(page.contains("geen verplichting"))
                    #expect(!page.contains("nog niet begonnen"), "\(contract.title)")
                    #expect(!page.contains("€ 0 ×"), "\(contract.title)")
                } else {
                    #expect(cards[FigureWords.obligation] == Self.money(progress.obligationCents), "\(contract.title)")
                    #expect(cards[FigureWords.realised] == Self.money(progress.realisedCents), "\(contract.title)")
                    #expect(cards[FigureWords.pending] == Self.money(progress.pendingCents), "\(contract.title)")
                    #expect(page.contains(progress.statusLabel))
                }
            }
            #expect(withoutObligation > 0, "the demo has contracts without an obligation")
        }
    }

    @Test("The management page and its API agree; statuses add up to the contracts; its categories are the contract list's")
    func management() async throws {
        try await Self.withDemo { world in
            // Arrange
            let token = try await Self.token(world, "coordinator@voorbeeldstad.nl")
            let buyer = try #require(try await OrganisationModel.query(on: world.app.db).filter(\.$name == "Gemeente Voorbeeldstad").first()?.id)
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@voorbeeldstad.nl")
            // Act
            let d = try await Self.api(world, "/api/v1/organisations/\(buyer)/dashboard", token: token, as: DashboardDTO.self)
            let page = try await browser.get("/management").body.string
            let cards = Self.cards(page)
            let contractList = try await browser.get("/contracts").body.string
            // Check
            #expect(cards[FigureWords.obligation] == Self.money(d.obligationCents))
            #expect(cards[FigureWords.realised] == Self.money(d.realisedCents))
            #expect(cards[FigureWords.pending] == Self.money(d.pendingCents))
            #expect(d.statusCounts.values.reduce(0, +) == d.contracts)
            #expect(d.statusCounts[ProgressStatus.noObligation.rawValue] == d.contracts - d.withObligation)
            #expect(d.obligationCents == d.perContract.reduce(0) { $0 + $1.obligationCents })
            // Each management category is one of the policy's categories offered on the contract list.
            let categorySelect = try #require(page.components(separatedBy: "name=\"category\"").dropFirst().first?.components(separatedBy: "</select>").first)
            let labels = categorySelect.components(separatedBy: "\">").dropFirst().compactMap { $0.components(separatedBy: "</option>").first }.filter { $0 != "alle" }
            #expect(!labels.isEmpty)
            for label in labels { #expect(contractList.contains(">\(label)</option>"), "\(label)") }
            // Filtering by one of them gives only contracts shown under that category.
            let schoonmaak = try await Self.api(world, "/api/v1/organisations/\(buyer)/dashboard?category=909", token: token, as: DashboardDTO.self)
            #expect(!schoonmaak.perContract.isEmpty)
            #expect(schoonmaak.perContract.allSatisfy { $0.category == "Schoonmaak" })
        }
    }
}
}
