import Fluent
import Foundation
import SROIDomain
import XCTest
import XCTVapor
@testable import SROIApp

final class PartnershipTests: AppTestCase, @unchecked Sendable {
    func testTheBrainstormIsSavedVersionedAndPrintable() async throws {
        let c = try await world.createContract(["title": "Groenonderhoud 2027", "cpv": "77310000", "publicationDate": "2027-02-01"])
        let browser = WebSession(app: world.app)
        try await browser.login("purchaser@test.example")
        // Publication on 2027-02-01 is less than 4 months from 2026-11-27: the form starts with that answer.
        let form = try await browser.get("/contracts/\(c)/brainstorm")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.string.contains(#"<option value="tender_within_4_months" selected>"#))
        let missing = try await browser.post("/contracts/\(c)/brainstorm", form: [("situation", ""), ("whoNeeded", "")])
        XCTAssertEqual(missing.status, .unprocessableEntity)
        XCTAssertTrue(missing.body.string.contains("kies wat voor opdracht dit is"))
        let saved = try await browser.post("/contracts/\(c)/brainstorm", form: [
            ("situation", "tender_within_4_months"), ("labourComponent", "Maaien, snoeien en zwerfvuil ruimen"),
            ("whoNeeded", "Groenbedrijven in de regio, het WSP"), ("willingness", "Groot"), ("desiredResults", "4 banen voor de banenafspraak"),
            ("policyFit", "Past bij het doel van 50 banen"), ("nextSteps", "Marktconsultatie in december")])
        XCTAssertEqual(saved.status, .seeOther)
        XCTAssertEqual(saved.headers.first(name: .location), "/contracts/\(c)/brainstorm/1")
        _ = try await browser.post("/contracts/\(c)/brainstorm", form: [("situation", "tender_within_4_months"), ("nextSteps", "Gunningscriterium opnemen")])
        let printed = try await browser.get("/contracts/\(c)/brainstorm/1")
        XCTAssertTrue(printed.body.string.contains("4 banen voor de banenafspraak"))
        XCTAssertTrue(printed.body.string.contains("nieuwe aanbesteding, minder dan 4 maanden voor de uitvraag"))
        let versions = jsonArray(try await world.request(.GET, "/api/v1/contracts/\(c)/brainstorms", as: "coordinator"))
        XCTAssertEqual(versions.map { $0["version"] as? Int }, [2, 1])
        XCTAssertEqual(versions.first?["nextSteps"] as? String, "Gunningscriterium opnemen")
        // A buyer's viewer reads it; nobody else does.
        let v30 = try await world.request(.GET, "/api/v1/contracts/\(c)/brainstorms", as: "viewer").status
        XCTAssertEqual(v30, .ok)
        let v31 = try await world.request(.POST, "/api/v1/contracts/\(c)/brainstorms", as: "viewer", json: ["situation": "other", "situationOther": "x"] as [String: JSONValue]).status
        XCTAssertEqual(v31, .forbidden)
        let v32 = try await world.request(.GET, "/api/v1/contracts/\(c)/brainstorms", as: "otherCoordinator").status
        XCTAssertEqual(v32, .notFound)
    }

    func testThePolicyTextCanBeEditedAndRegenerated() async throws {
        let browser = WebSession(app: world.app)
        try await browser.login("coordinator@test.example")
        let generated = try await browser.get("/policy/text")
        XCTAssertTrue(generated.body.string.contains("De verplichting is 5% van de opdrachtwaarde"))
        let v46 = try await browser.post("/policy/text", form: [("text", "# Ons beleid\n\nEigen woorden.")]).status
        XCTAssertEqual(v46, .seeOther)
        let v47 = try await browser.get("/policy/text.md").body.string.hasPrefix("# Ons beleid")
        XCTAssertTrue(v47)
        _ = try await browser.post("/policy/text", form: [("regenerate", "yes")])
        let v49 = try await browser.get("/policy/text.md").body.string.contains("## Toepassing")
        XCTAssertTrue(v49)
        let viewer = WebSession(app: world.app)
        try await viewer.login("viewer@test.example")
        let v52 = try await viewer.post("/policy/text", form: [("text", "x")]).status
        XCTAssertEqual(v52, .forbidden)
    }

    func testPotentialJobsGoFromIdeaToFilledByAPlacement() async throws {
        let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
        let base = "/api/v1/contracts/\(c)"
        let job = try await world.request(.POST, "\(base)/potential-jobs", as: "reporterA",
                                          json: ["title": "Medewerker glasbewassing", "source": "new_tasks", "hoursPerWeek": 24] as [String: JSONValue])
        XCTAssertEqual(job.status, .created, job.body.string)
        let id = try job.content.decode(IDOnly.self).id
        XCTAssertEqual(json(job)["status"] as? String, "idea")
        let noPlacement = try await world.request(.PATCH, "\(base)/potential-jobs/\(id)", as: "coordinator", json: ["status": "filled"] as [String: JSONValue])
        XCTAssertEqual(noPlacement.status, .unprocessableEntity)
        XCTAssertEqual(errorField(noPlacement), "placementId")
        let placement = try await world.request(.POST, "\(base)/placements", as: "reporterA",
                                                json: ["reference": "G-1", "block": "employment", "targetGroup": "banenafspraak", "hoursPerWeek": 24, "start": "2026-06-01"] as [String: JSONValue])
        let pid = try placement.content.decode(IDOnly.self).id
        let filled = try await world.request(.PATCH, "\(base)/potential-jobs/\(id)", as: "coordinator",
                                             json: ["status": "filled", "placementId": .string(pid.uuidString)] as [String: JSONValue])
        XCTAssertEqual(filled.status, .ok, filled.body.string)
        XCTAssertEqual(json(filled)["placementId"] as? String, pid.uuidString)
        let v53 = try await world.request(.PATCH, "\(base)/potential-jobs/\(id)", as: "viewer", json: ["status": "dropped"] as [String: JSONValue]).status
        XCTAssertEqual(v53, .forbidden)
        let v54 = try await world.request(.GET, "\(base)/potential-jobs", as: "reporterB").status
        XCTAssertEqual(v54, .notFound)
        // The contract page shows it, with the pseudonym of the placement.
        let browser = WebSession(app: world.app)
        try await browser.login("coordinator@test.example")
        let page = try await browser.get("/contracts/\(c)")
        XCTAssertTrue(page.body.string.contains("Medewerker glasbewassing"))
        XCTAssertTrue(page.body.string.contains("K-"))
    }
}
