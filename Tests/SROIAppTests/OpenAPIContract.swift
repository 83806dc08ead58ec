import Foundation
@preconcurrency import OpenAPIKit
import Yams

/// The API's contract: its OpenAPI document, read with OpenAPIKit, against which an answer is checked in `swift test`
/// (not only by schemathesis in CI). `problems(...)` names every place where a JSON answer differs from the schema
/// of its operation and status: a missing required field, a wrong type, a value outside an enum, an undocumented status.
struct OpenAPIContract: @unchecked Sendable {
    let document: DereferencedDocument

    static let shared: OpenAPIContract = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SROIApp/Resources/openapi.yaml")
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            let raw = try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
            return OpenAPIContract(document: try raw.locallyDereferenced())
        } catch {
            fatalError("the OpenAPI document cannot be read: \(error)")
        }
    }()

    /// The documented operation for a concrete path such as /api/v1/contracts/7F…/progress.
    func operation(_ method: String, _ path: String) -> DereferencedOperation? {
        let parts = path.split(separator: "?").first.map { $0.split(separator: "/").map(String.init) } ?? []
        for (template, item) in document.paths {
            let t = template.components
            guard t.count == parts.count else { continue }
            let matches = zip(t, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            if matches, let verb = OpenAPI.HttpMethod(rawValue: method.uppercased()), let op = item[verb] { return op }
        }
        return nil
    }

    /// Every difference between a JSON answer and its documented schema; empty when the answer keeps the contract.
    func problems(method: String, path: String, status: Int, body: Data) -> [String] {
        guard let op = operation(method, path) else { return ["\(method) \(path) is not in the OpenAPI document"] }
        let response = op.responses.first { $0.key.rawValue == String(status) }?.value
            ?? op.responses.first { $0.key.rawValue == "\(status / 100)XX" }?.value
            ?? op.responses.first { $0.key.rawValue == "default" }?.value
        guard let response else { return ["\(method) \(path): status \(status) is not documented"] }
        guard let schema = response.content[.json]?.schema else { return [] }
        guard let json = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return ["\(method) \(path) \(status): the answer is not JSON"]
        }
        return Self.check(json, against: schema, at: "$")
    }

    static func check(_ value: Any, against schema: DereferencedJSONSchema, at place: String) -> [String] {
        if value is NSNull {
            if schema.nullable { return [] }
            if case .null = schema { return [] }
            if case .fragment = schema { return [] }
            return ["\(place): null where \(name(schema)) is required"]
        }
        switch schema {
        case .null: return ["\(place): expected null"]
        case .fragment: return []
        case .boolean:
            return isBool(value) ? [] : ["\(place): expected a boolean, got \(value)"]
        case .integer(let core, _):
            guard let n = value as? NSNumber, !isBool(value), n.doubleValue == n.doubleValue.rounded() else { return ["\(place): expected an integer, got \(value)"] }
            return allowed(value, core.allowedValues, place)
        case .number(let core, _):
            guard value is NSNumber, !isBool(value) else { return ["\(place): expected a number, got \(value)"] }
            return allowed(value, core.allowedValues, place)
        case .string(let core, _):
            guard value is String else { return ["\(place): expected a string, got \(value)"] }
            return allowed(value, core.allowedValues, place)
        case .array(_, let context):
            guard let array = value as? [Any] else { return ["\(place): expected an array"] }
            guard let items = context.items else { return [] }
            return array.enumerated().flatMap { check($1, against: items, at: "\(place)[\($0)]") }
        case .object(_, let context):
            guard let object = value as? [String: Any] else { return ["\(place): expected an object"] }
            var found: [String] = []
            for key in context.requiredProperties where object[key] == nil {
                found.append("\(place).\(key): required but missing")
            }
            for (key, v) in object {
                if let property = context.properties[key] {
                    found += check(v, against: property, at: "\(place).\(key)")
                } else if case .b(let additional)? = context.additionalProperties {
                    found += check(v, against: additional, at: "\(place).\(key)")
                } else if case .a(false)? = context.additionalProperties {
                    found.append("\(place).\(key): not in the schema")
                }
            }
            return found
        case .all(let schemas, _):
            return schemas.flatMap { check(value, against: $0, at: place) }
        case .one(let schemas, _), .any(let schemas, _):
            return schemas.contains { check(value, against: $0, at: place).isEmpty } ? [] : ["\(place): matches none of its schemas"]
        case .not(let schema, _):
            return check(value, against: schema, at: place).isEmpty ? ["\(place): matches a schema it must not"] : []
        }
    }

    static func isBool(_ value: Any) -> Bool {
        // Foundation gives JSON's true and false as a boolean NSNumber of its own class.
        "\(type(of: value))".contains("Boolean")
    }

    static func allowed(_ value: Any, _ values: [AnyCodable]?, _ place: String) -> [String] {
        guard let values, !values.isEmpty else { return [] }
        let text = "\(value)"
        return values.contains { "\($0.value)" == text } ? [] : ["\(place): '\(text)' is not one of \(values.map { "\($0.value)" })"]
    }

    static func name(_ schema: DereferencedJSONSchema) -> String {
        switch schema {
        case .boolean: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        default: "a value"
        }
    }
}
