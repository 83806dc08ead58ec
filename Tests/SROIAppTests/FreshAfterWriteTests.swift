import Foundation
import Testing
import Vapor
@testable import SROIApp

extension AppTests {
/// Issue 20 made the read paths cache what never changes (policy versions) and read contracts with their context in
/// one statement; what does change must still be seen on the very next request, on every path that shows it.
@Suite("A change is seen on the next request")
struct FreshAfterWriteTests {
    @Test("A new policy and a contract's new value show at once in the list, the contract, its progress and the dashboard")
    func changesShowAtOnce() async throws {
        try await withWorld { world in
            // Arrange: a running contract (it keeps policy version 1) and a planned one (it follows the current
            // version); € 1.200.000 with a wage sum of € 800.000, labour share 66,7 %: 5 % of the value = € 60.000.
            let running = try await world.createContract(["title": "Lopend", "status": "running", "supplierId": .string(world.supplierA.uuidString)])
            let planned = try await world.createContract(["title": "Gepland"])
            let buyer = try #require(world.buyer)
            func list() async throws -> [UUID: Int64] {
                let contracts = try await world.request(.GET, "/api/v1/contracts", as: "coordinator").content.decode([ContractDTO].self)
                return Dictionary(uniqueKeysWithValues: contracts.map { ($0.id, $0.obligationCents ?? -1) })
            }
            func contract(_ id: UUID) async throws -> ContractDTO {
                try await world.request(.GET, "/api/v1/contracts/\(id)", as: "coordinator").content.decode(ContractDTO.self)
            }
            func progress(_ id: UUID) async throws -> ProgressDTO {
                try await world.request(.GET, "/api/v1/contracts/\(id)/progress", as: "coordinator").content.decode(ProgressDTO.self)
            }
            func dashboard() async throws -> DashboardDTO {
                try await world.request(.GET, "/api/v1/organisations/\(buyer)/dashboard?year=2026", as: "coordinator").content.decode(DashboardDTO.self)
            }
            // Every path read once, so that whatever it keeps is kept.
            #expect(try await list() == [running: 6_000_000, planned: 6_000_000])
            #expect(try await contract(planned).policyVersion == 1)
            #expect(try await progress(running).obligationCents == 6_000_000)
            let before = try await dashboard()
            #expect(before.obligationCents == 6_000_000)
            #expect(before.perContract.map(\.category) == ["Schoonmaak"])

            // Act: the coordinator raises the standard percentage to 6,5 % and renames the cleaning category
            let put = try await world.request(.PUT, "/api/v1/organisations/\(buyer)/policy", as: "coordinator", json: [
                "settings": ["standardPercentage": 6.5, "categories": [["name": "Schoonmaak en glazenwassen", "cpvPrefix": "909",
                                                                          "labourIntensive": true]]]] as [String: JSONValue])
            #expect(put.status == .ok, "\(put.body.string)")

            // Check: the planned contract follows version 2 at once, 6,5 % × € 1.200.000 = € 78.000; the running one
            // keeps version 1; the dashboard names the category as the new version does
            #expect(try await list() == [running: 6_000_000, planned: 7_800_000])
            let followed = try await contract(planned)
            #expect(followed.obligationCents == 7_800_000 && followed.policyVersion == 2)
            #expect(try await contract(running).policyVersion == 1)
            let renamed = try await dashboard()
            #expect(renamed.perContract.map(\.category) == ["Schoonmaak en glazenwassen"])
            #expect(renamed.obligationCents == 6_000_000)

            // Act: the running contract's value becomes € 2.000.000 (wage sum € 800.000: labour share 40 % < 50 %)
            let patch = try await world.request(.PATCH, "/api/v1/contracts/\(running)", as: "coordinator",
                                                json: ["valueCents": 200_000_000] as [String: JSONValue])
            #expect(patch.status == .ok, "\(patch.body.string)")

            // Check: version 1's rule for a low labour share, 5 % of the wage sum = € 40.000, everywhere at once
            #expect(try await list()[running] == 4_000_000)
            #expect(try await contract(running).obligationCents == 4_000_000)
            #expect(try await progress(running).obligationCents == 4_000_000)
            #expect(try await dashboard().obligationCents == 4_000_000)
        }
    }
}
}
