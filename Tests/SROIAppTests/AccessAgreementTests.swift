import Fluent
import Foundation
import SQLKit
import SROIDomain
import Testing
@testable import SROIApp

extension AppTests {
/// `Access.contract` reads one row and judges it in Swift; `Access.contracts` filters in the database, and
/// `Access.contractRecords` (the lists) with conditions written out. For every role and every contract of the fixtures
/// they must agree, or one of them shows what the other hides.
@Suite("One scope for a contract and the contract list")
struct AccessAgreementTests {
    @Test("Every user reads exactly the contracts its list holds, one by one; others answer 404")
    func singleAndListAgree() async throws {
        try await withWorld { world in
            // Arrange: contracts of both buyers, awarded to A, to B, not awarded; one of A's delegated to supplier B
            let awardedToA = try await world.createContract(["title": "Voor A", "status": "awarded", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Voor B", "status": "running", "supplierId": .string(world.supplierB.uuidString)])
            _ = try await world.createContract(["title": "Nog niet gegund", "status": "planned", "supplierId": .string(world.supplierA.uuidString)])
            _ = try await world.createContract(["title": "Ander", "status": "awarded", "supplierId": .string(world.supplierA.uuidString)], as: "otherCoordinator")
            let db = world.app.db
            let all = try await ContractModel.query(on: db).all()
            #expect(all.count >= 4)
            var checked = 0

            for email in ["coordinator", "purchaser", "viewer", "othercoordinator", "reportera", "reporterb", "admin"] {
                let model = try #require(try await UserModel.query(on: db).filter(\.$email == "\(email)@test.example").with(\.$organisation).first())
                var user = try #require(try await UserLookup.currentUser(model, on: db))
                if email == "reporterb" { user.delegatedContracts = [awardedToA] }

                // Act
                let listed = Set(try await Access.contracts(for: user, on: db).all().compactMap(\.id))
                // Supplier A: its two awarded contracts (one of each buyer), not the planned one; B: its own and the delegated one
                let records = try await Access.contractRecords(for: user, filter: ContractFilter(), on: db).contracts.compactMap(\.id)
                if email == "reportera" || email == "reporterb" { #expect(listed.count == 2, "\(email) lists \(listed.count)") }
                #expect(Set(records) == listed && records.count == listed.count, "\(email): records \(records.count), models \(listed.count)")
                for contract in all {
                    let id = try contract.requireID()
                    let single = (try? await Access.contract(id, for: user, on: db)) != nil

                    // Check
                    #expect(single == listed.contains(id), "\(email), \(contract.title): one by one \(single), in the list \(listed.contains(id))")
                    checked += 1
                }
            }
            #expect(checked == all.count * 7)
        }
    }

    @Test("A contract read with its obligation's context in one statement gets the context the separate query gives, for every kind of contract")
    func contextInOneStatement() async throws {
        try await withWorld { world in
            // Arrange: supplier A states 12 employees; a framework with two awarded call-offs and one in tender; a
            // contract with a target; a planned contract without supplier; one of the other buyer; a joint tender.
            let stated = try await world.request(.PATCH, "/api/v1/organisations/\(world.supplierA!)", as: "reporterA", json: ["employees": 12] as [String: JSONValue])
            #expect(stated.status == .ok, "\(stated.body.string)")
            let framework = try await world.createContract(["title": "Raamovereenkomst", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            for status in ["running", "awarded", "in_tender"] {
                _ = try await world.createContract(["title": "Nadere opdracht", "status": .string(status), "supplierId": .string(world.supplierA.uuidString),
                                                    "frameworkId": .string(framework.uuidString)])
            }
            let targeted = try await world.createContract(["title": "Met doel", "status": "running", "supplierId": .string(world.supplierB.uuidString)])
            let target = try await world.request(.PUT, "/api/v1/contracts/\(targeted)/target", as: "coordinator", json: ["kind": "jobs", "count": 2] as [String: JSONValue])
            #expect(target.status == .ok, "\(target.body.string)")
            _ = try await world.createContract(["title": "Gepland", "status": "planned", "supplierId": nil])
            _ = try await world.createContract(["title": "Ander", "status": "awarded", "supplierId": .string(world.supplierA.uuidString)], as: "otherCoordinator")
            // A joint tender: three quarters booked to the lead buyer, a quarter to the other.
            let joint = try await world.createContract(["title": "Gezamenlijk", "status": "running", "supplierId": .string(world.supplierB.uuidString)])
            let value = try #require(try await ContractModel.find(joint, on: world.app.db)).valueCents
            let shared = try await world.request(.PUT, "/api/v1/contracts/\(joint)/participants", as: "coordinator", json: ["participants": [
                ["organisationId": .string(world.buyer.uuidString), "valueCents": .int(value - value / 4)],
                ["organisationId": .string(world.otherBuyer.uuidString), "valueCents": .int(value / 4)]]] as [String: JSONValue])
            #expect(shared.status == .ok, "\(shared.body.string)")
            let db = world.app.db
            let sql = try #require(db as? any SQLDatabase)
            let admin = try #require(try await UserModel.query(on: db).filter(\.$email == "admin@test.example").with(\.$organisation).first())
            let user = try #require(try await UserLookup.currentUser(admin, on: db))
            let all = try await ContractModel.query(on: db).all()
            #expect(all.count >= 8)

            for contract in all {
                // Act
                let (read, together) = try await Access.contractToRead(contract.id, for: user, on: db)
                let apart = try await ObligationService.context(of: [contract], on: sql)
                // Check: the same context, and so the same obligation
                #expect(together == apart, "\(contract.title)")
                let one = try await ObligationService.obligation(for: read, context: together, on: db)
                let other = try await ObligationService.obligation(for: contract, on: db)
                #expect(one?.effective.amount == other?.effective.amount && one?.effective.explanation == other?.effective.explanation, "\(contract.title)")
            }
            #expect(try await ObligationService.context(of: all.filter { $0.id == framework }, on: sql).callOffs[framework] == 2)
            #expect(try await ObligationService.context(of: all.filter { $0.id == targeted }, on: sql).withTarget == [targeted])
            #expect(try await ObligationService.context(of: all, on: sql).shared == [joint])
        }
    }
}
}
