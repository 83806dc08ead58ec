import FluentKit
import FluentSQL
import Foundation
import SQLKit
import SQLiteKit
import SQLiteNIO
import NIOConcurrencyHelpers

/// A result row read column by column, by name, as the types the app stores. On SQLite the driver's own values are
/// read directly; SQLKit's `Decodable` path looks every column's type up at run time and reads a UUID (stored as
/// text) through a nested decoder and C's `sscanf` (issue 20). Elsewhere (PostgreSQL) SQLKit's own decoding is used.
protocol RowColumns {
    func string(_ column: String) throws -> String
    func optionalString(_ column: String) throws -> String?
    func uuid(_ column: String) throws -> UUID
    func optionalUUID(_ column: String) throws -> UUID?
    func int64(_ column: String) throws -> Int64
    func optionalInt64(_ column: String) throws -> Int64?
    func int(_ column: String) throws -> Int
    func optionalInt(_ column: String) throws -> Int?
    func bool(_ column: String) throws -> Bool
    func optionalBool(_ column: String) throws -> Bool?
    func optionalDate(_ column: String) throws -> Date?
}

/// A column that is missing, or holds something other than the type asked for.
struct RowColumnError: Error, CustomStringConvertible {
    var column: String
    var expected: String
    var description: String { "kolom \(column): verwacht \(expected)" }
}

extension SQLDatabase {
    /// The rows of `query`, read through `RowColumns`: SQLite's own rows, or SQLKit's elsewhere. `single` for a
    /// statement that reads one row (by a key): see `sqliteRows`.
    func rows(_ query: SQLQueryString, single: Bool = false) async throws -> [any RowColumns] {
        if let rows = try await sqliteRows(query, single: single) { return rows }
        return try await raw(query).all().map(SQLKitColumns.init)
    }

    /// The rows of `query` as Fluent models (a statement written out, `SELECT *` of the model's table).
    func models<M: Model>(_ query: SQLQueryString, as type: M.Type, single: Bool = false) async throws -> [M] {
        if let rows = try await sqliteRows(query, single: single) { return try rows.map { try $0.sql().decode(fluentModel: M.self) } }
        return try await raw(query).all(decodingFluent: M.self)
    }

    /// The rows of `query` as Fluent models, each with its row for the columns beside the model's (a sum, a count).
    func modelRows<M: Model>(_ query: SQLQueryString, as type: M.Type) async throws -> [(model: M, row: any RowColumns)] {
        if let rows = try await sqliteRows(query, single: false) { return try rows.map { (try $0.sql().decode(fluentModel: M.self), $0) } }
        return try await raw(query).all().map { (try $0.decode(fluentModel: M.self), SQLKitColumns($0)) }
    }

    /// The rows of `query` decoded by their columns' names (SQLKit's `Decodable` row decoding).
    func values<D: Decodable>(_ query: SQLQueryString, as type: D.Type, single: Bool = false) async throws -> [D] {
        if let rows = try await sqliteRows(query, single: single) { return try rows.map { try $0.sql().decode(model: D.self) } }
        return try await raw(query).all(decoding: D.self)
    }

    /// On SQLite, the rows of `query`; nil on another database.
    ///
    /// The driver's future-based query, which SQLKit and Fluent use, submits a task to the event loop for every
    /// row, a wake-up and a future each: the dashboard's query of 665 placements took 6,5 ms where the same
    /// statement takes 2,6 ms in the database (issue 20). So rows are collected on the driver's thread and handed
    /// over once, in a task of their own. For a statement of one row that task costs more than the one hop it
    /// saves (a contract by its key: 15 % fewer requests a second), so `single` takes the driver's future.
    private func sqliteRows(_ query: SQLQueryString, single: Bool) async throws -> [SQLiteRow]? {
        guard self is any SQLiteDatabase else { return nil }
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        return try await sqliteRows(text: serializer.sql, binds: serializer.binds, single: single)
    }

    /// `sqliteRows` for a statement already written as text, with its values in the order of its parameters.
    func sqliteRows(text: String, binds values: [any Encodable & Sendable], single: Bool) async throws -> [SQLiteRow]? {
        guard let sqlite = self as? any SQLiteDatabase else { return nil }
        let encoder = SQLiteDataEncoder()
        let binds = try values.map { try encoder.encode($0) }
        if let level = queryLogLevel { logger.log(level: level, "\(text)") }
        let rows = NIOLockedValueBox<[SQLiteRow]>([])
        if single {
            try await sqlite.query(text, binds, logger: logger) { row in rows.withLockedValue { $0.append(row) } }.get()
        } else {
            try await sqlite.withConnection { connection in
                try await connection.query(text, binds) { row in rows.withLockedValue { $0.append(row) } }
            }
        }
        return rows.withLockedValue { $0 }
    }
}

extension SQLRow {
    /// The column's value, nil when it is NULL.
    fileprivate func decodeOptional<T: Decodable>(column: String, as type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: T.self)
    }
}

/// SQLKit's row, decoded its own way (PostgreSQL).
struct SQLKitColumns: RowColumns {
    var row: any SQLRow
    init(_ row: any SQLRow) { self.row = row }

    func string(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
    func optionalString(_ c: String) throws -> String? { try row.decodeOptional(column: c, as: String.self) }
    func uuid(_ c: String) throws -> UUID { try row.decode(column: c, as: UUID.self) }
    func optionalUUID(_ c: String) throws -> UUID? { try row.decodeOptional(column: c, as: UUID.self) }
    func int64(_ c: String) throws -> Int64 { try row.decode(column: c, as: Int64.self) }
    func optionalInt64(_ c: String) throws -> Int64? { try row.decodeOptional(column: c, as: Int64.self) }
    func int(_ c: String) throws -> Int { try row.decode(column: c, as: Int.self) }
    func optionalInt(_ c: String) throws -> Int? { try row.decodeOptional(column: c, as: Int.self) }
    func bool(_ c: String) throws -> Bool { try row.decode(column: c, as: Bool.self) }
    func optionalBool(_ c: String) throws -> Bool? { try row.decodeOptional(column: c, as: Bool.self) }
    func optionalDate(_ c: String) throws -> Date? { try row.decodeOptional(column: c, as: Date.self) }
}

/// SQLite's row, read with the driver's own conversions (`SQLiteData.string`, `.integer`, `.bool`, `Date(sqliteData:)`,
/// the ones SQLKit's decoder uses), except UUIDs: stored as text, read without `sscanf`.
extension SQLiteRow: RowColumns {
    private func value(_ c: String) throws -> SQLiteData {
        guard let data = column(c) else { throw RowColumnError(column: c, expected: "een kolom met deze naam") }
        return data
    }

    /// nil for NULL; otherwise the conversion's result, or an error naming the column and the type expected.
    private func optional<T>(_ c: String, _ expected: String, _ convert: (SQLiteData) -> T?) throws -> T? {
        let data = try value(c)
        if data == .null { return nil }
        guard let converted = convert(data) else { throw RowColumnError(column: c, expected: expected) }
        return converted
    }

    private func required<T>(_ c: String, _ expected: String, _ convert: (SQLiteData) -> T?) throws -> T {
        guard let value = try optional(c, expected, convert) else { throw RowColumnError(column: c, expected: expected) }
        return value
    }

    private static func uuid(_ data: SQLiteData) -> UUID? {
        switch data {
        case .text(let s): return UUID(text: s)
        case .blob(let b) where b.readableBytes == 16:
            return b.withUnsafeReadableBytes { raw in
                UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                            raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
            }
        default: return nil
        }
    }

    func string(_ c: String) throws -> String { try required(c, "tekst", \.string) }
    func optionalString(_ c: String) throws -> String? { try optional(c, "tekst", \.string) }
    func uuid(_ c: String) throws -> UUID { try required(c, "een UUID", Self.uuid) }
    func optionalUUID(_ c: String) throws -> UUID? { try optional(c, "een UUID", Self.uuid) }
    func int64(_ c: String) throws -> Int64 { Int64(try required(c, "een geheel getal", \.integer)) }
    func optionalInt64(_ c: String) throws -> Int64? { try optional(c, "een geheel getal", \.integer).map { Int64($0) } }
    func int(_ c: String) throws -> Int { Int(try required(c, "een geheel getal", \.integer)) }
    func optionalInt(_ c: String) throws -> Int? { try optional(c, "een geheel getal", \.integer).map { Int($0) } }
    func bool(_ c: String) throws -> Bool { try required(c, "waar of onwaar", \.bool) }
    func optionalBool(_ c: String) throws -> Bool? { try optional(c, "waar of onwaar", \.bool) }
    func optionalDate(_ c: String) throws -> Date? { try optional(c, "een tijdstip", Date.init(sqliteData:)) }
}

extension UUID {
    /// A UUID from its 36 characters of text, in either case ("E621E1F8-C36C-495A-93FC-0C247A3E6E5F"); nil for anything
    /// else. Foundation's `UUID(uuidString:)` reads through C's `sscanf`.
    init?(text: String) {
        var text = text
        let parsed: uuid_t? = text.withUTF8 { utf8 -> uuid_t? in
            guard utf8.count == 36 else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
                var i = 0
                for o in 0..<16 {
                    if i == 8 || i == 13 || i == 18 || i == 23 {
                        guard utf8[i] == 0x2D else { return false }
                        i += 1
                    }
                    guard let high = UUID.nibble(utf8[i]), let low = UUID.nibble(utf8[i + 1]) else { return false }
                    out[o] = high << 4 | low
                    i += 2
                }
                return true
            }
            return ok ? bytes : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
