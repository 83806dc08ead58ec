import Fluent
import Foundation
import Testing
@testable import SROIApp

extension AppTests {
/// Every model's listed properties are exactly what FluentKit's reflection finds, in the same order: a field added
/// to a model but not to its list would otherwise be neither read nor written.
@Suite("Model properties")
struct ModelPropertiesTests {
    @Test("Each model lists every property wrapper it declares, in declaration order", arguments: ModelProperties.listed.map { ListedModel($0) })
    func listMatchesReflection(model: ListedModel) {
        // Arrange
        let instance = model.type.init()

        // Act
        let listed = instance.properties
        let reflected = ModelProperties.reflected(instance)

        // Check: the same property objects (the wrappers are classes), one for one
        #expect(listed.count == reflected.count, "\(model): \(listed.count) listed, \(reflected.count) declared")
        let listedIDs = listed.map { ObjectIdentifier($0 as AnyObject) }
        let reflectedIDs = reflected.map { ObjectIdentifier($0 as AnyObject) }
        #expect(listedIDs == reflectedIDs, "\(model): order or identity differs")
    }

    @Test("A list that misses a field is caught")
    func missingFieldIsCaught() {
        // Arrange: a model whose list leaves out its second field
        let instance = Incomplete()

        // Act
        let listed = instance.properties
        let reflected = ModelProperties.reflected(instance)

        // Check
        #expect(listed.count == 1)
        #expect(reflected.count == 2)
    }

    struct ListedModel: CustomStringConvertible, Sendable {
        let type: any Model.Type
        init(_ type: any Model.Type) { self.type = type }
        var description: String { String(describing: type) }
    }

    final class Incomplete: Model, @unchecked Sendable {
        static let schema = "incomplete"
        @ID(key: .id) var id: UUID?
        @Field(key: "name") var name: String
        init() {}
        var properties: [any AnyProperty] { [$id] }
    }
}
}
