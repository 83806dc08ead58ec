/// Reads CSV the way Dutch Excel writes it: semicolons and decimal commas, UTF-8 with or without BOM, a header
/// row; also plain comma-separated files with decimal points. Quoted fields may hold separators, quotes ("")
/// and line breaks.
public struct DutchCSV: Sendable {
    public struct Row: Sendable, Equatable {
        /// The line in the file where the row starts (the header is line 1).
        public var line: Int
        public var fields: [String]
    }

    public let separator: Character
    public let header: [String]
    public let rows: [Row]

    public enum ReadError: Error, Equatable {
        case empty
        case notUTF8
        case unterminatedQuote(line: Int)
    }

    public init(data: [UInt8]) throws {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ReadError.notUTF8 }
        try self.init(text: text)
    }

    public init(text: String) throws {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r" }
        // Excel in a Dutch locale writes semicolons; count both in the header and take the more frequent.
        separator = firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count && firstLine.contains(";") ? ";" : ","
        var records = try DutchCSV.records(body, separator: separator)
        guard !records.isEmpty else { throw ReadError.empty }
        let head = records.removeFirst()
        header = head.fields.map { $0.trimming(" \t").lowercased() }
        rows = records.filter { !$0.fields.allSatisfy { $0.trimming(" \t").isEmpty } }
    }

    private static func records(_ text: Substring, separator: Character) throws -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
            case separator:
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            default:
                field.append(c)
            }
        }
        if inQuotes { throw ReadError.unterminatedQuote(line: rowLine) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }

    /// The index of the first header that is one of `names`.
    public func column(_ names: [String]) -> Int? {
        header.firstIndex { names.contains($0) }
    }
}

/// A problem with one cell of an imported file: line, column and what was expected.
public struct ImportProblem: Sendable, Hashable, Codable {
    public var line: Int
    public var column: String
    public var message: String

    public init(line: Int, column: String, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var dutch: String { "regel \(line), kolom \(column): \(message)" }
}

/// Every problem of a file that was refused as a whole.
public struct ImportFailure: Error, Sendable, Equatable {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) { self.problems = problems }
}
