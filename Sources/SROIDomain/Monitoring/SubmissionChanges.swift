/// One line of a report as submitted: what it is about, its block and value.
public struct SubmittedLine: Sendable, Codable, Equatable {
    public var sourceType: String
    public var sourceID: String
    public var block: String
    public var valueCents: Int64
    public var explanation: String

    public init(sourceType: String, sourceID: String, block: String, valueCents: Int64, explanation: String) {
        self.sourceType = sourceType
        self.sourceID = sourceID
        self.block = block
        self.valueCents = valueCents
        self.explanation = explanation
    }
}

/// What changed between two submissions of a report: lines that are new, lines whose value changed (old and new),
/// lines that are gone, and both totals. Lines are matched by what they are about (source type and id).
public struct SubmissionChanges: Sendable, Equatable {
    public struct Changed: Sendable, Equatable {
        public var before: SubmittedLine
        public var after: SubmittedLine
    }

    public var added: [SubmittedLine]
    public var changed: [Changed]
    public var removed: [SubmittedLine]
    public var previousTotalCents: Int64
    public var totalCents: Int64

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    public init(previous: [SubmittedLine], current: [SubmittedLine]) {
        func key(_ l: SubmittedLine) -> String { l.sourceType + ":" + l.sourceID }
        let old = Dictionary(previous.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(current.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        added = current.filter { old[key($0)] == nil }
        removed = previous.filter { new[key($0)] == nil }
        changed = current.compactMap { l in
            guard let o = old[key(l)], o.valueCents != l.valueCents || o.block != l.block else { return nil }
            return Changed(before: o, after: l)
        }
        previousTotalCents = previous.reduce(0) { $0 + $1.valueCents }
        totalCents = current.reduce(0) { $0 + $1.valueCents }
    }
}
