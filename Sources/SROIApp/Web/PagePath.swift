import Foundation

/// The addresses of the pages, built in one place: a link, a redirect and an e-mail all point at the same page.
enum PagePath {
    static func contract(_ contract: some CustomStringConvertible) -> String { "/contracts/\(contract)" }
    static func report(_ contract: some CustomStringConvertible, _ report: some CustomStringConvertible) -> String {
        "/contracts/\(contract)/reports/\(report)"
    }
    static func placement(_ contract: some CustomStringConvertible, _ placement: some CustomStringConvertible) -> String {
        "/contracts/\(contract)/placements/\(placement)"
    }
    static func evidence(_ contract: some CustomStringConvertible, _ evidence: some CustomStringConvertible) -> String {
        "/contracts/\(contract)/evidence/\(evidence)"
    }
    static func meeting(_ contract: some CustomStringConvertible, _ meeting: some CustomStringConvertible) -> String {
        "/contracts/\(contract)/meetings/\(meeting)"
    }
}
