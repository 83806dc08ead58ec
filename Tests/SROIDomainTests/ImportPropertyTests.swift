import XCTest
@testable import SROIDomain

/// Property tests of the hours import on mutated files (seeded, so a failure repeats): whatever the bytes, reading
/// never crashes; it either reads every row or names problems on lines and columns that exist, never both.
final class ImportPropertyTests: XCTestCase {
    let valid = Array("\u{FEFF}referentie;bsn;doelgroep;begindatum;uren_per_week;periode_van;periode_tot;verloonde_uren\r\nP-1;;ww;2026-01-01;24;1-1-2026;31-1-2026;103,5\r\n;111222333;participatiewet;2026-02-01;32;2026-02-01;2026-02-28;128\r\n\"P;2\";;wia_wao;2026-01-01;20;2026-03-01;2026-03-31;\"80,25\"\r\n".utf8)
    let alphabet = Array(";,\"\r\n0123456789-,.aZé\u{0}".utf8)

    func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var b = bytes
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let i = Int.random(in: 0..<max(1, b.count), using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !b.isEmpty: b.remove(at: i)
            case 1: b.insert(alphabet.randomElement(using: &rng)!, at: min(i, b.count))
            case 2 where !b.isEmpty: b[i] = UInt8.random(in: 0...255, using: &rng)
            default: b.insert(contentsOf: b[i..<min(b.count, i + 8)], at: i)
            }
        }
        return b
    }

    func testAnyMutationOfAValidFileReadsWhollyOrNamesItsProblems() {
        var rng = SeededGenerator(seed: 20261127)
        var read = 0, refused = 0, unreadable = 0
        for _ in 0..<3_000 {
            let bytes = mutate(valid, &rng)
            guard let csv = try? DutchCSV(data: bytes) else { unreadable += 1; continue }
            switch HoursImportFile.read(csv, supplier: "S") {
            case .success(let rows):
                read += 1
                XCTAssertEqual(rows.count, csv.rows.count, "every row or none")
                for row in rows { XCTAssertTrue(row.paidHours.hundredths >= 0 && row.periodStart <= row.periodEnd) }
            case .failure(let failure):
                refused += 1
                XCTAssertFalse(failure.problems.isEmpty)
                let lastLine = (csv.rows.map(\.line).max() ?? 1)
                for p in failure.problems {
                    XCTAssertTrue((1...max(1, lastLine)).contains(p.line), "line \(p.line) of \(lastLine)")
                    XCTAssertFalse(p.column.isEmpty)
                    XCTAssertFalse(p.message.isEmpty)
                }
            }
        }
        // The mutations reach all three outcomes, or the test would prove little.
        XCTAssertGreaterThan(read, 0)
        XCTAssertGreaterThan(refused, 0)
        XCTAssertGreaterThan(unreadable + refused, 100)
    }

    func testRandomBytesNeverCrashTheReader() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            if let csv = try? DutchCSV(data: bytes) { _ = HoursImportFile.read(csv, supplier: "S") }
        }
    }
}
