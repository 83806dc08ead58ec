/// The problems of a refused file, in line order. A file of a million bad rows must not become a million problems
/// in memory or in an answer: the first `limit` are kept, the rest only counted ("en nog 12.345").
public struct ImportProblems: Sendable, Equatable, Error {
    public static let defaultLimit = 1_000

    public private(set) var kept: [ImportProblem] = []
    public private(set) var total = 0
    public let limit: Int

    public init(limit: Int = ImportProblems.defaultLimit) {
        self.limit = limit
    }

    public init(_ problems: [ImportProblem], limit: Int = ImportProblems.defaultLimit) {
        self.limit = limit
        add(problems)
    }

    public var isEmpty: Bool { total == 0 }
    /// How many were counted but not kept.
    public var notKept: Int { total - kept.count }

    public mutating func add(_ problem: ImportProblem) {
        total += 1
        if kept.count < limit { kept.append(problem) }
    }

    public mutating func add(_ problems: [ImportProblem]) {
        for p in problems { add(p) }
    }

    /// The kept problems by line, then column.
    public var sorted: [ImportProblem] { kept.sorted { ($0.line, $0.column) < ($1.line, $1.column) } }
}
