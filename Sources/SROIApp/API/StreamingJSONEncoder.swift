import Foundation
import NIOCore
import NIOHTTP1
import SROIDomain
import Vapor

/// Writes the API's JSON answers as the values come, straight into bytes.
///
/// Foundation's `JSONEncoder` first builds a tree of every value with a hashed dictionary per object, then writes
/// the tree, and formats every UUID through C's `snprintf`: for the contract list of a buyer with 143 contracts
/// that was 29 % of the request's CPU in `perf` (issue 20). This encoder gives the same JSON as Vapor's default
/// (`JSONEncoder` with ISO 8601 dates): the same keys and values, dates as `2026-12-01T07:30:00Z`, UUIDs in
/// capitals, `Data` as base64, `URL` as its text, `Decimal` as a number; only the order of an object's keys is the
/// order in which the type encodes them (Foundation's is its dictionary's). `StreamingJSONEncoderTests` holds the
/// two equal for every kind of value the API answers with.
///
/// A value's containers are closed when the container that holds the value writes again or the value is done, so
/// types may ask for their container more than once; writing into a nested container after its parent has written
/// something else is not supported (no type of this project's does it).
struct StreamingJSONEncoder: ContentEncoder {
    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        try encode(encodable, to: &body, headers: &headers, userInfo: [:])
    }

    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders,
                              userInfo: [CodingUserInfoKey: Sendable]) throws {
        headers.contentType = .json
        body.writeBytes(try bytes(encodable, userInfo: userInfo))
    }

    /// The JSON text of `value` as UTF-8.
    func bytes<E: Encodable>(_ value: E, userInfo: [CodingUserInfoKey: Any] = [:]) throws -> [UInt8] {
        let writer = JSONStreamWriter(userInfo: userInfo)
        try writer.value(value)
        if let misuse = writer.misuse { throw misuse }
        return writer.out
    }
}

/// The writer behind `StreamingJSONEncoder`: the output so far and a stack of the values and containers open.
final class JSONStreamWriter: Encoder {
    private enum Frame {
        /// A value that has not written anything yet (an object or array opens in its place).
        case pending
        /// A value written whole, by a single-value container.
        case done
        case object(first: Bool)
        case array(first: Bool)
    }

    // One writer serves one encoding on one thread, and no access to these overlaps another: the run-time
    // exclusivity checks were two fifths of the encoder's time in `perf`.
    @exclusivity(unchecked) var out: [UInt8] = []
    @exclusivity(unchecked) private var stack: [Frame] = []
    /// The frame of the value whose `encode(to:)` runs now: the one this writer's containers open in.
    @exclusivity(unchecked) private var current = -1
    /// Set when a type uses its containers in a way this writer cannot follow; `bytes` then throws.
    @exclusivity(unchecked) fileprivate(set) var misuse: EncodingError?
    let userInfo: [CodingUserInfoKey: Any]
    var codingPath: [any CodingKey] { [] }

    init(userInfo: [CodingUserInfoKey: Any]) {
        self.userInfo = userInfo
        out.reserveCapacity(1024)
    }

    // MARK: values

    /// Writes one value where the writer stands: types Foundation writes in its own way first, then any other
    /// through its own `encode(to:)`; the containers it opens are closed when it returns.
    func value<T: Encodable>(_ value: T) throws {
        switch value {
        case let uuid as UUID: string(uuid.upperText)
        case let date as Date: string(ISO8601Seconds.text(date))
        case let url as URL: string(url.absoluteString)
        case let data as Data: string(data.base64EncodedString())
        case let decimal as Decimal: out.append(contentsOf: decimal.description.utf8)
        default:
            let outer = current
            current = stack.count
            stack.append(.pending)
            try value.encode(to: self)
            close(above: current - 1)
            current = outer
        }
    }

    /// Closes every container above `level`; a value that wrote nothing is `{}`, as Foundation writes it.
    fileprivate func close(above level: Int) {
        while stack.count > level + 1 {
            switch stack.removeLast() {
            case .pending: out.append(0x7B); out.append(0x7D)
            case .done: break
            case .object: out.append(0x7D)
            case .array: out.append(0x5D)
            }
        }
    }

    /// Opens an object or array in the value of frame `level`, or hands back the one that value already opened.
    fileprivate func open(object: Bool, at level: Int) -> Int {
        guard stack.indices.contains(level) else { return misused(level) }
        close(above: level)
        switch stack[level] {
        case .pending:
            stack[level] = object ? .object(first: true) : .array(first: true)
            out.append(object ? 0x7B : 0x5B)
        case .object where object, .array where !object:
            break
        default:
            misuse = EncodingError.invalidValue(level, .init(codingPath: [], debugDescription:
                "een waarde vroeg om een tweede, ander soort container"))
        }
        return level
    }

    /// Records that a container was used after its value was done; the encoding then fails instead of writing
    /// broken JSON (or reading past the writer's stack).
    private func misused(_ level: Int) -> Int {
        misuse = EncodingError.invalidValue(level, .init(codingPath: [], debugDescription:
            "een container werd gebruikt nadat zijn waarde al geschreven was"))
        return level
    }

    /// A new value in the container at `level` (after its key or comma) that opens a container of its own.
    fileprivate func openNested(object: Bool) -> Int {
        stack.append(.pending)
        return open(object: object, at: stack.count - 1)
    }

    /// Before the next member of the container at `level`: closes what its last member left open, writes the comma.
    fileprivate func nextMember(of level: Int) {
        guard stack.indices.contains(level) else { _ = misused(level); return }
        close(above: level)
        switch stack[level] {
        case .object(let first):
            if !first { out.append(0x2C) }
            stack[level] = .object(first: false)
        case .array(let first):
            if !first { out.append(0x2C) }
            stack[level] = .array(first: false)
        default: break
        }
    }

    fileprivate func key(_ key: String, of level: Int) {
        nextMember(of: level)
        string(key)
        out.append(0x3A)
    }

    /// A single value written in place of the value of frame `level`.
    fileprivate func single(at level: Int) {
        guard stack.indices.contains(level) else { if level >= 0 { _ = misused(level) }; return }
        if case .pending = stack[level] { stack[level] = .done } else {
            misuse = EncodingError.invalidValue(level, .init(codingPath: [], debugDescription:
                "een waarde schreef een enkele waarde naast een container"))
        }
    }

    fileprivate func null() { out.append(contentsOf: "null".utf8) }
    fileprivate func bool(_ value: Bool) { out.append(contentsOf: value ? "true".utf8 : "false".utf8) }

    fileprivate func integer<I: BinaryInteger & LosslessStringConvertible>(_ value: I) {
        out.append(contentsOf: value.description.utf8)
    }

    fileprivate func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription:
                "\(value) is geen getal dat JSON kan schrijven"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`.
    fileprivate func string(_ value: String) {
        out.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                out.append(0x5C)
                switch byte {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(0x6E)
                case 0x0D: out.append(0x72)
                case 0x09: out.append(0x74)
                case 0x08: out.append(0x62)
                case 0x0C: out.append(0x66)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: [0x75, 0x30, 0x30])
                    hex.withUTF8Buffer { table in
                        out.append(table[Int(byte >> 4)])
                        out.append(table[Int(byte & 0x0F)])
                    }
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ObjectContainer<Key>(writer: self, level: open(object: true, at: current)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ArrayContainer(writer: self, level: open(object: false, at: current))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(writer: self, level: current)
    }

    /// The encoder a super encoder hands out: its containers open in the frame made for it.
    private struct SuperEncoder: Encoder {
        let writer: JSONStreamWriter
        let level: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { writer.userInfo }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(ObjectContainer<Key>(writer: writer, level: writer.open(object: true, at: level)))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            ArrayContainer(writer: writer, level: writer.open(object: false, at: level))
        }
        func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(writer: writer, level: level) }
    }

    fileprivate func superEncoder() -> any Encoder {
        stack.append(.pending)
        return SuperEncoder(writer: self, level: stack.count - 1)
    }

    // MARK: containers

    private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: JSONStreamWriter
        let level: Int
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.null() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { writer.key(key.stringValue, of: level); try writer.floatingPoint(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { writer.key(key.stringValue, of: level); try writer.floatingPoint(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { writer.key(key.stringValue, of: level); writer.integer(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            writer.key(key.stringValue, of: level)
            try writer.value(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            writer.key(key.stringValue, of: level)
            return KeyedEncodingContainer(ObjectContainer<NestedKey>(writer: writer, level: writer.openNested(object: true)))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            writer.key(key.stringValue, of: level)
            return ArrayContainer(writer: writer, level: writer.openNested(object: false))
        }

        mutating func superEncoder() -> any Encoder {
            writer.key("super", of: level)
            return writer.superEncoder()
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            writer.key(key.stringValue, of: level)
            return writer.superEncoder()
        }
    }

    private struct ArrayContainer: UnkeyedEncodingContainer {
        let writer: JSONStreamWriter
        let level: Int
        private(set) var count = 0
        var codingPath: [any CodingKey] { [] }

        init(writer: JSONStreamWriter, level: Int) {
            self.writer = writer
            self.level = level
        }

        private mutating func next() { writer.nextMember(of: level); count += 1 }

        mutating func encodeNil() throws { next(); writer.null() }
        mutating func encode(_ value: Bool) throws { next(); writer.bool(value) }
        mutating func encode(_ value: String) throws { next(); writer.string(value) }
        mutating func encode(_ value: Double) throws { next(); try writer.floatingPoint(value) }
        mutating func encode(_ value: Float) throws { next(); try writer.floatingPoint(value) }
        mutating func encode(_ value: Int) throws { next(); writer.integer(value) }
        mutating func encode(_ value: Int8) throws { next(); writer.integer(value) }
        mutating func encode(_ value: Int16) throws { next(); writer.integer(value) }
        mutating func encode(_ value: Int32) throws { next(); writer.integer(value) }
        mutating func encode(_ value: Int64) throws { next(); writer.integer(value) }
        mutating func encode(_ value: UInt) throws { next(); writer.integer(value) }
        mutating func encode(_ value: UInt8) throws { next(); writer.integer(value) }
        mutating func encode(_ value: UInt16) throws { next(); writer.integer(value) }
        mutating func encode(_ value: UInt32) throws { next(); writer.integer(value) }
        mutating func encode(_ value: UInt64) throws { next(); writer.integer(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { next(); try writer.value(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            next()
            return KeyedEncodingContainer(ObjectContainer<NestedKey>(writer: writer, level: writer.openNested(object: true)))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            next()
            return ArrayContainer(writer: writer, level: writer.openNested(object: false))
        }

        mutating func superEncoder() -> any Encoder {
            next()
            return writer.superEncoder()
        }
    }

    private struct SingleContainer: SingleValueEncodingContainer {
        let writer: JSONStreamWriter
        let level: Int
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { writer.single(at: level); writer.null() }
        mutating func encode(_ value: Bool) throws { writer.single(at: level); writer.bool(value) }
        mutating func encode(_ value: String) throws { writer.single(at: level); writer.string(value) }
        mutating func encode(_ value: Double) throws { writer.single(at: level); try writer.floatingPoint(value) }
        mutating func encode(_ value: Float) throws { writer.single(at: level); try writer.floatingPoint(value) }
        mutating func encode(_ value: Int) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: Int8) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: Int16) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: Int32) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: Int64) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: UInt) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: UInt8) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: UInt16) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: UInt32) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode(_ value: UInt64) throws { writer.single(at: level); writer.integer(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            writer.single(at: level)
            try writer.value(value)
        }
    }
}

/// A date as Foundation's `.iso8601` strategy writes it: UTC, whole seconds (`2026-12-01T07:30:00Z`).
enum ISO8601Seconds {
    static func text(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(ordinal: days).iso)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}
