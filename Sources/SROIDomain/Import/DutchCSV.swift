/// Reads CSV the way Dutch Excel writes it: semicolons and decimal commas, UTF-8 with or without BOM, a header
/// row; also plain comma-separated files with decimal points. Quoted fields may hold separators, quotes ("")
/// and line breaks.
public struct DutchCSV: Sendable {
    public struct Row: Sendable, Equatable {
        /// The line in the file where the row starts (the header is line 1).
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public let separator: Character
    public let header: [String]
    public let rows: [Row]

    public enum ReadError: Error, Equatable, Sendable {
        case empty
        case notUTF8(line: Int)
        case unterminatedQuote(line: Int)
        case rowTooLong(line: Int)
        case nulCharacter(line: Int)
    }

    /// Reads a whole file that is already in memory; `DutchCSVReader` reads one that arrives in pieces.
    public init(data: [UInt8]) throws {
        var reader = DutchCSVReader()
        var rows = try reader.feed(data)
        rows += try reader.finish()
        self.separator = Character(Unicode.Scalar(reader.separator ?? 0x3B))
        self.header = reader.header ?? []
        self.rows = rows
    }

    public init(text: String) throws {
        try self.init(data: Array(text.utf8))
    }

    /// The index of the first header that is one of `names`.
    public func column(_ names: [String]) -> Int? {
        DutchCSV.column(names, in: header)
    }

    public static func column(_ names: [String], in header: [String]) -> Int? {
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

extension DutchCSV.ReadError {
    /// What the supplier reads: where the file could not be read, and how to fix it.
    public var problem: ImportProblem {
        switch self {
        case .empty: ImportProblem(line: 1, column: "-", message: "het bestand is leeg")
        case .notUTF8(let line): ImportProblem(line: line, column: "-", message: "de regel is geen UTF-8; sla het bestand in Excel op als 'CSV UTF-8'")
        case .unterminatedQuote(let line): ImportProblem(line: line, column: "-", message: "een aanhalingsteken wordt niet afgesloten")
        case .nulCharacter(let line): ImportProblem(line: line, column: "-", message: "de regel bevat een nul-teken; is het bestand als CSV opgeslagen (niet als .xlsx)?")
        case .rowTooLong(let line):
            ImportProblem(line: line, column: "-", message: "de regel is langer dan \(DutchCSVReader.maximumRowBytes / 1024) kB; ontbreken er regeleinden of een afsluitend aanhalingsteken?")
        }
    }
}
