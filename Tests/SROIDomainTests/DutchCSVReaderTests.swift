import SROIDomain
import XCTest

final class DutchCSVReaderTests: XCTestCase {
    /// A file as Dutch Excel writes it, with everything that makes CSV hard: a byte order mark, a separator and a
    /// quote inside quotes, a line break inside a quoted field, CRLF, a blank row, and no line break at the end.
    let file: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(("Referentie;Periode_van;Uren\r\n" +
        "K-1;2026-01-01;86,5\r\n" +
        "\"K;2\";2026-01-01;\"zegt \"\"hallo\"\"\"\r\n" +
        ";;\r\n" +
        "\"K\n3\";2026-02-01;12\r\n" +
        "K-4;2026-03-01;7,25").utf8)

    let expected = [
        DutchCSV.Row(line: 2, fields: ["K-1", "2026-01-01", "86,5"]),
        DutchCSV.Row(line: 3, fields: ["K;2", "2026-01-01", "zegt \"hallo\""]),
        // Line 4 is blank and skipped; the row on line 5 holds a line break, so the next row starts on line 7.
        DutchCSV.Row(line: 5, fields: ["K\n3", "2026-02-01", "12"]),
        DutchCSV.Row(line: 7, fields: ["K-4", "2026-03-01", "7,25"]),
    ]

    func read(_ bytes: [UInt8], pieces size: Int) throws -> (header: [String]?, rows: [DutchCSV.Row]) {
        var reader = DutchCSVReader()
        var rows: [DutchCSV.Row] = []
        var index = 0
        while index < bytes.count {
            rows += try reader.feed(bytes[index..<min(index + size, bytes.count)])
            index += size
        }
        rows += try reader.finish()
        return (reader.header, rows)
    }

    func testTheSameRowsWhateverThePiecesTheFileArrivesIn() throws {
        for size in [1, 2, 3, 4, 5, 7, 16, 64, file.count] {
            let (header, rows) = try read(file, pieces: size)
            XCTAssertEqual(header, ["referentie", "periode_van", "uren"], "pieces of \(size)")
            XCTAssertEqual(rows, expected, "pieces of \(size)")
        }
        let whole = try DutchCSV(data: file)
        XCTAssertEqual(whole.separator, ";")
        XCTAssertEqual(whole.rows, expected)
    }

    func testCommasWhenTheHeaderHasMoreCommasThanSemicolons() throws {
        let (header, rows) = try read(Array("referentie,uren\nK-1,\"86,5\"\n".utf8), pieces: 3)
        XCTAssertEqual(header, ["referentie", "uren"])
        XCTAssertEqual(rows, [DutchCSV.Row(line: 2, fields: ["K-1", "86,5"])])
    }

    func testProblemsNameTheLine() {
        XCTAssertThrowsError(try read(Array("a;b\n1;2\n\"open;3\n4;5".utf8), pieces: 4)) {
            XCTAssertEqual($0 as? DutchCSV.ReadError, .unterminatedQuote(line: 3))
        }
        // Latin-1 "é" (0xE9), as an old Excel writes it, on line 3.
        XCTAssertThrowsError(try read(Array("a;b\n1;2\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x3B, 0x31, 0x0A], pieces: 5)) {
            XCTAssertEqual($0 as? DutchCSV.ReadError, .notUTF8(line: 3))
            XCTAssertEqual(($0 as? DutchCSV.ReadError)?.problem.dutch, "regel 3, kolom -: de regel is geen UTF-8; sla het bestand in Excel op als 'CSV UTF-8'")
        }
        // An .xlsx renamed to .csv is full of NUL bytes.
        XCTAssertThrowsError(try read(Array("a;b\n1;2\n3;".utf8) + [0x00, 0x34], pieces: 2)) {
            XCTAssertEqual($0 as? DutchCSV.ReadError, .nulCharacter(line: 3))
        }
        XCTAssertThrowsError(try read([], pieces: 1)) { XCTAssertEqual($0 as? DutchCSV.ReadError, .empty) }
        XCTAssertThrowsError(try read([0xEF, 0xBB, 0xBF], pieces: 1)) { XCTAssertEqual($0 as? DutchCSV.ReadError, .empty) }
    }

    func testARowWithoutLineBreaksCannotGrowWithoutBound() {
        // 100 kB without a line break after the header: refused at line 2 once the row passes 64 kB, without
        // holding the rest.
        let long = Array("a;b\n".utf8) + [UInt8](repeating: 0x78, count: 100 * 1024)
        XCTAssertThrowsError(try read(long, pieces: 4096)) { XCTAssertEqual($0 as? DutchCSV.ReadError, .rowTooLong(line: 2)) }
        let longHeader = [UInt8](repeating: 0x78, count: 70 * 1024)
        XCTAssertThrowsError(try read(longHeader, pieces: 4096)) { XCTAssertEqual($0 as? DutchCSV.ReadError, .rowTooLong(line: 1)) }
    }

    func testAFileOfOnlyAHeaderHasNoRows() throws {
        let (header, rows) = try read(Array("referentie;uren".utf8), pieces: 2)
        XCTAssertEqual(header, ["referentie", "uren"])
        XCTAssertEqual(rows, [])
    }
}
