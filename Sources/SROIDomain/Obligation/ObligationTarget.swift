/// An obligation agreed in another unit than euros: a number of jobs held through the term, a number of placements
/// started, or an effort agreement (a plan of approach with dated milestones). "Percentages werken niet": a buyer can
/// steer on results and effort. A contract with a target owes no euros; its progress and status are the target's.
public enum ObligationTarget: Sendable, Hashable, Codable {
    /// "2 banenafspraak jobs of 25,5 hours a week for the whole term": measured in job-days.
    case jobs(PersonTarget)
    /// "4 apprenticeships": placements started during the term.
    case placements(PersonTarget)
    /// A plan of approach with milestones the buyer marks as met.
    case effort([Milestone])

    public var kind: String {
        switch self {
        case .jobs: "jobs"
        case .placements: "placements"
        case .effort: "effort"
        }
    }

    /// "2 banen (banenafspraak (doelgroepregister), minstens 25,5 uur per week) gedurende de looptijd"
    public func description(scheme: ValuationScheme) -> String {
        switch self {
        case .jobs(let t): "\(t.count) \(t.count == 1 ? "baan" : "banen")\(t.conditions(scheme: scheme)) gedurende de looptijd"
        case .placements(let t): "\(t.count) \(t.count == 1 ? "plaatsing" : "plaatsingen")\(t.conditions(scheme: scheme)) die in de looptijd beginnen"
        case .effort(let m): "een plan van aanpak met \(m.count) \(m.count == 1 ? "mijlpaal" : "mijlpalen")"
        }
    }

    /// Problems by API field: a count of 1 to 1.000, hours 0 to 60, 1 to 50 milestones with a title and a date in the term.
    public func problems(term: Term?) -> [FieldError] {
        var errors: [FieldError] = []
        switch self {
        case .jobs(let t), .placements(let t):
            if !(1...1_000).contains(t.count) { errors.append(.init(field: "count", message: "verwacht een aantal van 1 tot 1.000")) }
            if let h = t.minimumHoursPerWeek, !(0...6_000).contains(h.hundredths) {
                errors.append(.init(field: "minimumHoursPerWeek", message: "verwacht 0 tot 60 uur per week"))
            }
        case .effort(let milestones):
            if milestones.isEmpty || milestones.count > 50 { errors.append(.init(field: "milestones", message: "geef 1 tot 50 mijlpalen")) }
            for (i, m) in milestones.enumerated() {
                if m.title.trimming(" ").isEmpty || m.title.count > 200 {
                    errors.append(.init(field: "milestones.\(i).title", message: "beschrijf de mijlpaal (hoogstens 200 tekens)"))
                }
                if let term, !term.contains(m.due) {
                    errors.append(.init(field: "milestones.\(i).due", message: "de datum valt buiten de looptijd (\(term.start.dutch) – \(term.end.dutch))"))
                }
            }
        }
        return errors
    }
}

/// Which placements count for a target in persons: optionally one block, one target group and a minimum of hours.
public struct PersonTarget: Sendable, Hashable, Codable {
    public var count: Int
    public var block: BuildingBlock?
    public var targetGroup: TargetGroup?
    public var minimumHoursPerWeek: Hours?

    public init(count: Int, block: BuildingBlock? = nil, targetGroup: TargetGroup? = nil, minimumHoursPerWeek: Hours? = nil) {
        self.count = count
        self.block = block
        self.targetGroup = targetGroup
        self.minimumHoursPerWeek = minimumHoursPerWeek
    }

    /// Whether a placement counts: its block and group as asked (a banenafspraak target also takes a placement marked
    /// as in the doelgroepregister), at least the hours asked.
    public func counts(block: BuildingBlock, group: TargetGroup, register: Bool, hoursPerWeek: Hours) -> Bool {
        if let b = self.block, b != block { return false }
        if let g = targetGroup, g != group, !(g == .banenafspraak && register) { return false }
        if let h = minimumHoursPerWeek, hoursPerWeek < h { return false }
        return true
    }

    func conditions(scheme: ValuationScheme) -> String {
        var parts: [String] = []
        if let block { parts.append(scheme.label(of: block)) }
        if let targetGroup { parts.append(scheme.label(of: targetGroup)) }
        if let h = minimumHoursPerWeek { parts.append("minstens \(h) uur per week") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

/// One step of a plan of approach: what, by when, and when the buyer marked it as met.
public struct Milestone: Sendable, Hashable, Codable {
    public var title: String
    public var due: Day
    public var metOn: Day?

    public init(title: String, due: Day, metOn: Day? = nil) {
        self.title = title
        self.due = due
        self.metOn = metOn
    }
}

/// A placement as a target counts it: only verified placements (with an approved report line) are realised; those
/// only in a submitted report are pending.
public struct TargetPlacement: Sendable, Hashable {
    public var start: Day
    public var end: Day?
    public var verified: Bool
    public var pending: Bool

    public init(start: Day, end: Day?, verified: Bool, pending: Bool = false) {
        self.start = start
        self.end = end
        self.verified = verified
        self.pending = pending
    }
}

/// Where a contract stands against a target, in the target's own unit (thousandths, so 1,35 jobs is 1.350).
public struct TargetProgress: Sendable, Hashable {
    /// The unit in words: "banen", "plaatsingen", "mijlpalen".
    public var unit: String
    public var targetThousandths: Int64
    public var realisedThousandths: Int64
    public var pendingThousandths: Int64
    public var expectedThousandths: Int64
    public var status: ProgressStatus
    public var shareOfExpected: Percentage?
    public var explanation: [String]

    /// "1,35" for 1.350 thousandths; whole numbers without decimals.
    public static func dutch(_ thousandths: Int64) -> String {
        let hundredths = divideRoundingHalfUp(thousandths, by: 10)
        return DutchNumberFormat.decimal(hundredths, scale: 2).replacingSuffix(",00", with: "")
    }
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}

/// docs/rules.md, section 5a. The status rule is the euros' one (green from the policy's green share of expected,
/// amber from its amber share, complete when the target is reached), applied in the target's unit:
/// - jobs: job-days held by verified placements that count, from the start up to today, against count × days elapsed;
///   complete at the end of the term when the job-days reach count × the term's days;
/// - placements: verified placements that count and started in the term, against count × the elapsed share of the term;
/// - effort: milestones met against milestones due by today; complete when all are met.
public enum TargetProgressCalculator {
    public static func progress(_ target: ObligationTarget, scheme: ValuationScheme, term: Term, today: Day,
                                placements: [TargetPlacement], green: Percentage, amber: Percentage) -> TargetProgress {
        let elapsed = Int64(term.elapsedDays(on: today))
        let total = Int64(term.days)
        switch target {
        case .jobs(let t):
            let lastCounted = min(today, term.end)
            func days(_ p: TargetPlacement) -> Int64 {
                guard let span = Term(start: max(p.start, term.start), end: min(p.end ?? lastCounted, lastCounted)) else { return 0 }
                return Int64(span.days)
            }
            let heldDays = placements.filter(\.verified).reduce(Int64(0)) { $0 + days($1) }
            let pendingDays = placements.filter { !$0.verified && $0.pending }.reduce(Int64(0)) { $0 + days($1) }
            let count = Int64(t.count)
            // Jobs held on average so far: job-days / days elapsed.
            let realised = elapsed > 0 ? divideRoundingHalfUp(heldDays * 1_000, by: elapsed) : 0
            let pending = elapsed > 0 ? divideRoundingHalfUp(pendingDays * 1_000, by: elapsed) : 0
            var lines = ["Afgesproken: \(target.description(scheme: scheme))."]
            if elapsed > 0 {
                lines.append("Bezet sinds de start: \(heldDays) baandagen / \(elapsed) dagen = gemiddeld \(TargetProgress.dutch(realised)) van \(t.count) banen.")
            }
            let share = elapsed > 0 && count > 0 ? Percentage(basisPoints: Int(divideRoundingHalfUp(heldDays * 10_000, by: count * elapsed))) : nil
            let status: ProgressStatus
            if today >= term.end && heldDays >= count * total {
                status = .complete
                lines.append("De banen zijn de hele looptijd bezet geweest: voldaan.")
            } else if elapsed == 0 {
                status = .notStarted
            } else {
                let s = share ?? Percentage(basisPoints: 0)
                status = s >= green ? .green : s >= amber ? .amber : .red
                lines.append("Dat is \(s) van verwacht: \(status.dutchLabel) (groen vanaf \(green), oranje vanaf \(amber)).")
            }
            return TargetProgress(unit: "banen", targetThousandths: count * 1_000, realisedThousandths: realised, pendingThousandths: pending,
                                  expectedThousandths: elapsed > 0 ? count * 1_000 : 0, status: status, shareOfExpected: share, explanation: lines)
        case .placements(let t):
            let inTerm = placements.filter { term.contains($0.start) && $0.start <= today }
            let realised = Int64(inTerm.filter(\.verified).count) * 1_000
            let pending = Int64(inTerm.filter { !$0.verified && $0.pending }.count) * 1_000
            let count = Int64(t.count)
            let expected = divideRoundingHalfUp(count * 1_000 * elapsed, by: total)
            var lines = ["Afgesproken: \(target.description(scheme: scheme))."]
            lines.append("Verwacht op \(today.dutch): \(t.count) × \(elapsed)/\(total) dagen = \(TargetProgress.dutch(expected)); gestart en goedgekeurd: \(realised / 1_000).")
            let share = expected > 0 ? Percentage(basisPoints: Int(divideRoundingHalfUp(realised * 10_000, by: expected))) : nil
            let status: ProgressStatus
            if realised >= count * 1_000 {
                status = .complete
                lines.append("Alle \(t.count) plaatsingen zijn gerealiseerd: voldaan.")
            } else if elapsed == 0 || expected == 0 {
                status = .notStarted
            } else {
                let s = share ?? Percentage(basisPoints: 0)
                status = s >= green ? .green : s >= amber ? .amber : .red
                lines.append("Dat is \(s) van verwacht: \(status.dutchLabel) (groen vanaf \(green), oranje vanaf \(amber)).")
            }
            return TargetProgress(unit: "plaatsingen", targetThousandths: count * 1_000, realisedThousandths: realised, pendingThousandths: pending,
                                  expectedThousandths: expected, status: status, shareOfExpected: share, explanation: lines)
        case .effort(let milestones):
            let due = milestones.filter { $0.due <= today }
            let met = milestones.filter { $0.metOn != nil }
            let metOfDue = due.filter { $0.metOn != nil }.count
            var lines = ["Afgesproken: \(target.description(scheme: scheme))."]
            let share = due.isEmpty ? nil : Percentage(basisPoints: metOfDue * 10_000 / due.count)
            let status: ProgressStatus
            if !milestones.isEmpty && met.count == milestones.count {
                status = .complete
                lines.append("Alle mijlpalen zijn behaald: voldaan.")
            } else if due.isEmpty {
                status = .notStarted
                lines.append("Nog geen mijlpaal is verlopen; de eerste is \(milestones.map(\.due).min()?.dutch ?? "-").")
            } else {
                let s = share ?? Percentage(basisPoints: 0)
                status = s >= green ? .green : s >= amber ? .amber : .red
                lines.append("\(metOfDue) van de \(due.count) verlopen mijlpalen behaald (\(s)): \(status.dutchLabel).")
            }
            return TargetProgress(unit: "mijlpalen", targetThousandths: Int64(milestones.count) * 1_000, realisedThousandths: Int64(met.count) * 1_000,
                                  pendingThousandths: 0, expectedThousandths: Int64(due.count) * 1_000, status: status, shareOfExpected: share,
                                  explanation: lines)
        }
    }
}
