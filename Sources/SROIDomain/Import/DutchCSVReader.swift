/// Reads CSV the way Dutch Excel writes it, piece by piece: feed it the bytes as they arrive and it hands back
/// the rows that are complete. A file of a million rows is never in memory whole; only the row being read is,
/// and a row is at most `maximumRowBytes` long.
///
/// Works on bytes, not characters: the separators, quotes and line breaks are ASCII and never part of a
/// multi-byte UTF-8 sequence, so splitting first and validating each field afterwards is safe (and fast).
public struct DutchCSVReader: Sendable {
    /// A row longer than this is refused: a CSV of paid hours has rows of about a hundred bytes, and a file
    /// without line breaks must not grow one row until memory runs out.
    public static let maximumRowBytes = 64 * 1024
    /// The header line is held until it is complete, to choose the separator from it.
    static let maximumHeaderBytes = maximumRowBytes

    /// `;` or `,`, chosen from the header line (Excel in a Dutch locale writes semicolons).
    public private(set) var separator: UInt8?
    /// The header's names, trimmed and in lower case; nil until the header line is complete.
    public private(set) var header: [String]?

    private var headerLine: [UInt8] = []
    private var bomChecked = false
    private var bomBytes: [UInt8] = []
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var rowBytes = 0
    private var inQuotes = false
    /// A quote inside a quoted field: the next byte says whether it was "" (a quote) or the end of the quotes.
    private var quoteSeen = false
    /// A carriage return ended a row; a line feed right after it belongs to the same line break.
    private var carriageReturn = false
    private var line = 1
    private var rowLine = 1
    private var finished = false

    public init() {}

    /// Reads the next piece of the file; returns the data rows it completed (never the header, never blank rows).
    public mutating func feed(_ bytes: some Collection<UInt8>) throws -> [DutchCSV.Row] {
        var rows: [DutchCSV.Row] = []
        if let done = try bytes.withContiguousStorageIfAvailable({ buffer in
            try read(buffer, into: &rows)
        }) {
            _ = done
        } else {
            let copy = Array(bytes)
            try copy.withUnsafeBufferPointer { buffer in try read(buffer, into: &rows) }
        }
        return rows
    }

    /// The end of the file: returns the last row if it had no line break after it.
    public mutating func finish() throws -> [DutchCSV.Row] {
        guard !finished else { return [] }
        finished = true
        var rows: [DutchCSV.Row] = []
        if !bomChecked {
            // Fewer than three bytes in the whole file.
            let held = bomBytes
            bomBytes = []
            bomChecked = true
            try held.withUnsafeBufferPointer { buffer in try read(buffer, into: &rows) }
        }
        if separator == nil {
            if headerLine.isEmpty { throw DutchCSV.ReadError.empty }
            chooseSeparator()
            let held = headerLine
            headerLine = []
            try held.withUnsafeBufferPointer { buffer in try read(buffer, into: &rows) }
        }
        if inQuotes && !quoteSeen { throw DutchCSV.ReadError.unterminatedQuote(line: rowLine) }
        if !field.isEmpty || !fields.isEmpty || quoteSeen {
            try endRow(into: &rows)
        }
        if header == nil { throw DutchCSV.ReadError.empty }
        return rows
    }

    private mutating func read(_ buffer: UnsafeBufferPointer<UInt8>, into rows: inout [DutchCSV.Row]) throws {
        var start = 0
        if !bomChecked {
            // The byte order mark Excel writes (EF BB BF) may arrive split over pieces.
            while bomBytes.count < 3 && start < buffer.count {
                bomBytes.append(buffer[start])
                start += 1
            }
            guard bomBytes.count == 3 else { return }
            bomChecked = true
            let held = bomBytes == [0xEF, 0xBB, 0xBF] ? [] : bomBytes
            bomBytes = []
            try held.withUnsafeBufferPointer { b in try read(b, into: &rows) }
        }
        if separator == nil {
            // Hold the header line until its end, then choose the separator and read it like any other line.
            var index = start
            while index < buffer.count && buffer[index] != 0x0A && buffer[index] != 0x0D { index += 1 }
            headerLine.append(contentsOf: buffer[start..<index])
            if headerLine.count > DutchCSVReader.maximumHeaderBytes { throw DutchCSV.ReadError.rowTooLong(line: 1) }
            guard index < buffer.count else { return }
            chooseSeparator()
            let held = headerLine
            headerLine = []
            try held.withUnsafeBufferPointer { b in try read(b, into: &rows) }
            start = index
        }
        let separator = self.separator!
        var index = start
        while index < buffer.count {
            if !inQuotes && !carriageReturn {
                // Most of a file is ordinary bytes outside quotes: take the run up to the next separator, quote or line
                // break at once rather than byte by byte (issue 20).
                var end = index
                while end < buffer.count {
                    let byte = buffer[end]
                    if byte == separator || byte == 0x0A || byte == 0x0D || byte == 0x22 { break }
                    end += 1
                }
                if end > index {
                    rowBytes += end - index
                    if rowBytes > DutchCSVReader.maximumRowBytes { throw DutchCSV.ReadError.rowTooLong(line: rowLine) }
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    index = end
                    continue
                }
            }
            let byte = buffer[index]
            index += 1
            if carriageReturn {
                carriageReturn = false
                if byte == 0x0A { continue }
            }
            rowBytes += 1
            if rowBytes > DutchCSVReader.maximumRowBytes { throw DutchCSV.ReadError.rowTooLong(line: rowLine) }
            if inQuotes {
                if quoteSeen {
                    quoteSeen = false
                    if byte == 0x22 { field.append(0x22); continue }
                    inQuotes = false
                    // The quotes ended; this byte is read as outside them (below).
                } else if byte == 0x22 {
                    quoteSeen = true
                    continue
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                    continue
                }
            }
            switch byte {
            case 0x22 where field.isEmpty:
                inQuotes = true
            case separator:
                try endField()
            case 0x0A, 0x0D:
                carriageReturn = byte == 0x0D
                try endRow(into: &rows)
                line += 1
                rowLine = line
            default:
                field.append(byte)
            }
        }
    }

    private mutating func chooseSeparator() {
        let semicolons = headerLine.count(where: { $0 == 0x3B })
        let commas = headerLine.count(where: { $0 == 0x2C })
        separator = semicolons > 0 && semicolons >= commas ? 0x3B : 0x2C
    }

    private mutating func endField() throws {
        // A NUL is valid UTF-8 but no text: a spreadsheet saved in another format, and PostgreSQL cannot store it.
        if field.contains(0) { throw DutchCSV.ReadError.nulCharacter(line: rowLine) }
        guard let text = String(validating: field, as: UTF8.self) else { throw DutchCSV.ReadError.notUTF8(line: rowLine) }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRow(into rows: inout [DutchCSV.Row]) throws {
        inQuotes = false
        quoteSeen = false
        try endField()
        let row = DutchCSV.Row(line: rowLine, fields: fields)
        fields.removeAll(keepingCapacity: true)
        rowBytes = 0
        if header == nil {
            header = row.fields.map { $0.trimming(" \t").lowercased() }
        } else if !row.fields.allSatisfy({ $0.trimming(" \t").isEmpty }) {
            rows.append(row)
        }
    }
}
