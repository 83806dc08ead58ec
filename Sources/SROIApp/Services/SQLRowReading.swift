import SQLKit

extension SQLRow {
    /// The column's value, nil when it is NULL: for rows read column by column instead of through SQLKit's
    /// `Decodable` row decoder, which costs as much as the query on the dashboard (issue 20).
    func decodeOptional<T: Decodable>(column: String, as type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: T.self)
    }
}

extension Duration {
    /// Whole milliseconds, for logs and benchmarks.
    var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
