import Fluent
import Foundation
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
                let records = try await Access.contractRecords(for: user, filter: ContractFilter(), on: db).compactMap(\.id)
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
}
}
