import Foundation
import Testing
import Vapor
@testable import SROIApp

/// `StreamingJSONEncoder` must write what Vapor's default encoder (Foundation's, ISO 8601 dates) writes: the same
/// JSON value, key for key. Compared as parsed JSON, since Foundation's key order is its dictionary's.
@Suite("JSON answers written as they are encoded")
struct StreamingJSONEncoderTests {
    private static let foundation = JSONEncoder.custom(dates: .iso8601)

    /// Both encodings of `value`, parsed; and the streaming text, which must be valid JSON on its own.
    private func both<T: Encodable>(_ value: T) throws -> (streaming: NSObject, foundation: NSObject, text: String) {
        let streamed = try StreamingJSONEncoder().bytes(value)
        let reference = try Self.foundation.encode(value)
        let a = try JSONSerialization.jsonObject(with: Data(streamed), options: [.fragmentsAllowed]) as! NSObject
        let b = try JSONSerialization.jsonObject(with: reference, options: [.fragmentsAllowed]) as! NSObject
        return (a, b, String(decoding: streamed, as: UTF8.self))
    }

    enum Colour: String, Codable { case rood, groen }

    struct Inner: Codable, Equatable {
        var name: String
        var tags: [String]
        var maybe: Int?
    }

    struct Everything: Codable {
        var id: UUID
        var at: Date
        var text: String
        var flag: Bool
        var int: Int
        var int64: Int64
        var uint64: UInt64
        var int8: Int8
        var double: Double
        var whole: Double
        var float: Float
        var decimal: Decimal
        var url: URL
        var data: Data
        var colour: Colour
        var missing: String?
        var present: String?
        var inner: Inner
        var inners: [Inner]
        var empty: [Int]
        var grid: [[Int]]
        var counts: [String: Int]
        var byKey: [String: [String]]
        var optionals: [Int?]
        var ids: [UUID]
    }

    /// Asks for its container twice, nests a container and an array by key and writes into a super encoder.
    struct Unusual: Encodable {
        enum Keys: String, CodingKey { case a, b, nested, list, `super`, base }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: Keys.self)
            try first.encode(1, forKey: .a)
            var nested = first.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode("binnen", forKey: .a)
            var list = first.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var row = list.nestedUnkeyedContainer()
            try row.encode(true)
            try row.encodeNil()
            var object = list.nestedContainer(keyedBy: Keys.self)
            try object.encode(2.5, forKey: .b)
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode("daarna", forKey: .b)
            var base = again.superEncoder().container(keyedBy: Keys.self)
            try base.encode(7, forKey: .a)
            _ = again.superEncoder(forKey: .base)
        }
    }

    struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }

    /// Writes an object, then a single value or an array in the same place: no JSON can say that.
    struct Mixed: Encodable {
        var array = false
        enum Keys: String, CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: Keys.self)
            try object.encode(1, forKey: .a)
            if array {
                var list = encoder.unkeyedContainer()
                try list.encode(2)
            } else {
                var single = encoder.singleValueContainer()
                try single.encode(2)
            }
        }
    }

    @Test("Every kind of value the API writes gives the same JSON as Foundation's encoder")
    func everyKindOfValue() throws {
        // Arrange
        let value = Everything(
            id: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, at: Date(timeIntervalSince1970: 1_764_574_200.75),
            text: "Aanhalingsteken \" schuine streep \\ / regel\nnieuw\ttab \u{01}\u{1F} é € 🙂", flag: true,
            int: -42, int64: .min, uint64: .max, int8: -128, double: 0.1, whole: 30, float: 2.5,
            decimal: Decimal(string: "1234.5678")!, url: URL(string: "https://sroi.example/a?b=c d")!,
            data: Data([0, 1, 2, 250, 255]), colour: .groen, missing: nil, present: "ja",
            inner: Inner(name: "binnen", tags: ["a", "b"], maybe: 3),
            inners: [Inner(name: "x", tags: [], maybe: nil), Inner(name: "y", tags: ["z"], maybe: 0)],
            empty: [], grid: [[1, 2], [], [3]], counts: ["één": 1, "twee": 2], byKey: ["k": ["v", "w"], "leeg": []],
            optionals: [1, nil, 3], ids: [UUID(), UUID()])

        // Act
        let (streaming, reference, text) = try both(value)

        // Check
        #expect(streaming == reference, "\(text)")
        #expect(text.contains(#""id":"E621E1F8-C36C-495A-93FC-0C247A3E6E5F""#))
        #expect(text.contains(#""at":"2025-12-01T07:30:00Z""#))
        #expect(!text.contains("missing"))
    }

    @Test("Large and small numbers, a single value, an empty object and unusual containers as Foundation writes them")
    func numbersAndContainers() throws {
        for number in [0, -0.5, 1e20, 1e-7, 123_456_789.125, Double.greatestFiniteMagnitude, 5e-324] {
            let (a, b, text) = try both(number)
            #expect(a == b, "\(number) → \(text)")
        }
        let (unusual, unusualReference, unusualText) = try both(Unusual())
        #expect(unusual == unusualReference, "\(unusualText)")
        #expect(unusualText == #"{"a":1,"nested":{"a":"binnen"},"list":[1,[true,null],{"b":2.5}],"b":"daarna","super":{"a":7},"base":{}}"#)
        let (nothing, nothingReference, nothingText) = try both(["leeg": Nothing()])
        #expect(nothing == nothingReference && nothingText == #"{"leeg":{}}"#)
        #expect(try StreamingJSONEncoder().bytes("één") == Array(#""één""#.utf8))
        #expect(try StreamingJSONEncoder().bytes([String: Int]()) == Array("{}".utf8))
    }

    @Test("A value that writes an object and then something else in its place is refused, not written as broken JSON")
    func mixedContainersAreRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().bytes(Mixed()) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().bytes(["x": Mixed(array: true)]) }
    }

    @Test("A number JSON cannot hold is refused, as Foundation refuses it")
    func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().bytes(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().bytes([Float.infinity]) }
        #expect(throws: EncodingError.self) { try Self.foundation.encode(["x": Double.nan]) }
    }

    @Test("Dates as Foundation's ISO 8601 strategy writes them, for 20.000 moments from 1901 to 2199")
    func datesAsFoundation() throws {
        // Arrange: seconds with fractions, midnights, leap days and the turn of a year
        var generator = SystemRandomNumberGenerator()
        var dates = (0..<20_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -2_174_000_000 ... 7_200_000_000, using: &generator)) }
        dates += [0, -1, -0.25, 951_782_400, 951_868_799.999, 1_767_225_599.5, 1_767_225_600].map(Date.init(timeIntervalSince1970:))
        // Act
        let ours = dates.map { "[\"\(ISO8601Seconds.text($0))\"]" }
        let theirs = try dates.map { String(decoding: try Self.foundation.encode([$0]), as: UTF8.self) }
        // Check
        for (i, date) in dates.enumerated() where ours[i] != theirs[i] {
            Issue.record("\(date.timeIntervalSince1970): \(ours[i]) ≠ \(theirs[i])")
        }
        #expect(ours.count == 20_007)
    }
}

extension AppTests {
    @Suite("API answers through the streaming encoder")
    struct StreamingAnswersTests {
        @Test("The contract list, a contract, its progress and the dashboard encode as Foundation encodes them")
        func realAnswersAgree() async throws {
            try await withWorld { world in
                // Arrange: a running contract with a placement, so every answer has content
                let c = try await world.createContract(["status": "running", "supplierId": .string(world.supplierA.uuidString)])
                let placed = try await world.request(.POST, "/api/v1/contracts/\(c)/placements", as: "reporterA", json: [
                    "reference": "P-1", "block": "employment", "targetGroup": "ww", "hoursPerWeek": 24, "start": "2026-02-01"] as [String: JSONValue])
                #expect(placed.status == .created, "\(placed.body.string)")
                let foundation = JSONEncoder.custom(dates: .iso8601)
                func same<T: Codable>(_ path: String, as type: T.Type) async throws {
                    // Act: the answer as the server wrote it, decoded into the API's own type and encoded both ways
                    let response = try await world.request(.GET, path, as: "coordinator")
                    #expect(response.status == .ok, "\(path): \(response.body.string)")
                    let value = try response.content.decode(T.self)
                    let streamed = try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().bytes(value))) as! NSObject
                    let reference = try JSONSerialization.jsonObject(with: try foundation.encode(value)) as! NSObject
                    let served = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! NSObject
                    // Check
                    #expect(streamed == reference, "\(path)")
                    #expect(served == reference, "\(path)")
                }
                try await same("/api/v1/contracts", as: [ContractDTO].self)
                try await same("/api/v1/contracts/\(c)", as: ContractDTO.self)
                try await same("/api/v1/contracts/\(c)/progress", as: ProgressDTO.self)
                try await same("/api/v1/organisations/\(world.buyer!)/dashboard?year=2026", as: DashboardDTO.self)
            }
        }
    }
}
