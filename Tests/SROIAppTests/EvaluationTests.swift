import Fluent
import Foundation
import SROIDomain
import Testing
import Vapor
import XCTVapor
@testable import SROIApp

extension AppTests {
/// Evaluating a contract's social return (step 4b), and the lessons on the next tender of the category.
@Suite("Evaluation")
struct EvaluationTests {
    static func evaluate(_ world: TestWorld, _ c: UUID, as who: String, _ body: [String: JSONValue]) async throws -> XCTHTTPResponse {
        try await world.request(.POST, "/api/v1/contracts/\(c)/evaluations", as: who, json: body)
    }

    @Test("Buyer and supplier evaluate an ended contract; the buyer judges, the supplier does not; a running contract waits a year")
    func evaluate() async throws {
        try await withWorld { world in
            // Arrange: an ended cleaning contract and one that started this year (today is 27 November 2026).
            let ended = try await world.createContract(["title": "Schoonmaak 2025", "start": "2025-01-01", "end": "2026-06-30", "status": "ended",
                                                        "supplierId": .string(world.supplierA.uuidString)])
            let running = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
            // Act
            let early = try await Self.evaluate(world, running, as: "coordinator", ["whatWorked": "x", "lessons": "y", "judgement": 3])
            let noJudgement = try await Self.evaluate(world, ended, as: "coordinator", ["whatWorked": "Vaste begeleider werkte", "lessons": "Jobcoach vragen"])
            let buyer = try await Self.evaluate(world, ended, as: "coordinator", ["whatWorked": "Vaste begeleider werkte",
                                                                                  "lessons": "Vraag om een jobcoach vanaf de eerste dag", "judgement": 4])
            let supplierJudges = try await Self.evaluate(world, ended, as: "reporterA", ["whatWorked": "a", "lessons": "b", "judgement": 5])
            let supplier = try await Self.evaluate(world, ended, as: "reporterA", ["whatWorked": "Korte lijnen", "lessons": "Eerder plannen"])
            let stranger = try await Self.evaluate(world, ended, as: "reporterB", ["whatWorked": "a", "lessons": "b"])
            let list = try await world.request(.GET, "/api/v1/contracts/\(ended)/evaluations", as: "coordinator").content.decode([EvaluationDTO].self)
            // Check
            #expect(early.status == .conflict)
            #expect(try early.content.decode(ErrorResponder.Body.self).error.message.contains("vanaf 1 januari 2027"))
            #expect(try noJudgement.content.decode(ErrorResponder.Body.self).error.field == "judgement")
            #expect(buyer.status == .created)
            #expect(try buyer.content.decode(EvaluationDTO.self).judgementLabel == "goed")
            #expect(try supplierJudges.content.decode(ErrorResponder.Body.self).error.field == "judgement")
            #expect(supplier.status == .created)
            #expect(stranger.status == .notFound)
            #expect(list.map(\.side).sorted() == ["buyer", "supplier"])
            #expect(try await AuditEntryModel.query(on: world.app.db).filter(\.$objectType == "evaluation").count() == 2)
        }
    }

    @Test("The buyer's lessons return on its next cleaning tender in the portfolio, and the contract page shows the evaluations")
    func lessonsOnTheNextTender() async throws {
        try await withWorld { world in
            // Arrange
            let ended = try await world.createContract(["title": "Schoonmaak 2025", "start": "2025-01-01", "end": "2026-06-30", "status": "ended",
                                                        "supplierId": .string(world.supplierA.uuidString)])
            _ = try await Self.evaluate(world, ended, as: "coordinator", ["whatWorked": "Vaste begeleider", "lessons": "Vraag om een jobcoach vanaf de eerste dag",
                                                                         "judgement": 4])
            _ = try await world.createContract(["title": "Schoonmaak 2027", "start": "2027-07-01", "end": "2030-06-30", "publicationDate": "2027-02-01"])
            _ = try await world.createContract(["title": "Groen 2027", "cpv": "77310000", "start": "2027-07-01", "end": "2030-06-30",
                                                "publicationDate": "2027-02-01"])
            let browser = WebSession(app: world.app)
            try await browser.login("coordinator@test.example")
            // Act
            let portfolio = try await browser.get("/portfolio").body.string
            let page = try await browser.get("/contracts/\(ended)").body.string
            // Check: on the cleaning tender's row, not on the green one.
            let cleaningRow = try #require(portfolio.components(separatedBy: "Schoonmaak 2027</a>").dropFirst().first?.components(separatedBy: "</tr>").first)
            let greenRow = try #require(portfolio.components(separatedBy: "Groen 2027</a>").dropFirst().first?.components(separatedBy: "</tr>").first)
            #expect(cleaningRow.contains("Schoonmaak 2025: Vraag om een jobcoach vanaf de eerste dag"))
            #expect(!greenRow.contains("jobcoach"))
            #expect(page.contains("oordeel: goed"))
            #expect(page.contains("Wat neemt u mee naar de volgende aanbesteding?"))
        }
    }
}
}
