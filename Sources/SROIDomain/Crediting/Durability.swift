/// How a placement turned out (uitstroom), recorded by the supplier.
public enum PlacementOutcome: String, Sendable, Codable, CaseIterable {
    case continued
    case permanentContract = "permanent_contract"
    case hiredByBuyer = "hired_by_buyer"
    case hiredElsewhere = "hired_elsewhere"
    case education
    case ended

    public var dutchLabel: String {
        switch self {
        case .continued: "loopt door"
        case .permanentContract: "vast contract"
        case .hiredByBuyer: "in dienst bij de opdrachtgever"
        case .hiredElsewhere: "in dienst bij een andere werkgever"
        case .education: "naar opleiding"
        case .ended: "beëindigd"
        }
    }

    /// A permanent contract or a job with another employer makes a placement durable whatever its length.
    public var isDurable: Bool { self == .permanentContract || self == .hiredByBuyer || self == .hiredElsewhere }

    /// Ended well for the revolving-door rule: durable, or the work continued, or the person went to education.
    public var endedWell: Bool { isDurable || self == .continued || self == .education }
}

/// A placement's step on the ladder from day activities to a job (participatieladder, simplified): day activities <
/// work-experience place < internship or apprenticeship < employment; within employment, more hours a week or a
/// permanent contract is a step up. A policy's own blocks count by their unit: per month like a work-experience
/// place, per year like employment.
public struct LadderStep: Sendable, Hashable {
    public var rank: Int
    public var hoursPerWeek: Hours
    public var permanent: Bool

    public init(block: BuildingBlock, hoursPerWeek: Hours, permanent: Bool, scheme: ValuationScheme? = nil) {
        switch block {
        case .dayActivities: rank = 0
        case .workExperience: rank = 1
        case .internship, .apprenticeship: rank = 2
        case .employment: rank = 3
        case .own(let key): rank = scheme?.ownBlock(key)?.unit == .perYear ? 3 : 1
        default: rank = 0
        }
        self.hoursPerWeek = hoursPerWeek
        self.permanent = permanent
    }

    public static let names = ["dagbesteding", "werkervaringsplek", "stage of leerwerkplek", "baan"]

    /// A step up from `earlier`: a higher rung, or the same job rung with more hours or a permanent contract.
    public func isProgression(from earlier: LadderStep) -> Bool {
        if rank != earlier.rank { return rank > earlier.rank }
        guard rank == 3 else { return false }
        return hoursPerWeek > earlier.hoursPerWeek || (permanent && !earlier.permanent)
    }
}

/// The facts of one placement that durability needs: who (pseudonym), when, and how it ended.
public struct PlacementSpan: Sendable, Hashable {
    public var id: String
    public var candidate: String
    public var start: Day
    public var end: Day?
    public var outcome: PlacementOutcome?
    /// Its step on the ladder; nil when unknown (then a later placement is never taken as progression).
    public var step: LadderStep?

    public init(id: String, candidate: String, start: Day, end: Day?, outcome: PlacementOutcome?, step: LadderStep? = nil) {
        self.id = id
        self.candidate = candidate
        self.start = start
        self.end = end
        self.outcome = outcome
        self.step = step
    }

    /// The placement lasted (or, still running, has lasted by `today`) at least `months` months.
    public func lasted(months: Int, on today: Day) -> Bool {
        let last = min(end ?? today, today)
        return last >= start.adding(months: months).adding(days: -1)
    }

    /// Durable (duurzaam): at least 12 months, or a durable outcome (docs/rules.md).
    public func isDurable(on today: Day) -> Bool {
        (outcome?.isDurable ?? false) || lasted(months: 12, on: today)
    }
}

/// Retention and revolving doors over a set of placements.
public enum Durability {
    public struct Retention: Sendable, Hashable {
        /// Placements that started at least this many months before today.
        public var eligible: Int
        /// Of those, the ones still in work this many months after the start (or hired on).
        public var retained: Int
        public init(eligible: Int, retained: Int) {
            self.eligible = eligible
            self.retained = retained
        }
        public var share: Percentage? { eligible == 0 ? nil : Percentage(basisPoints: Int(divideRoundingHalfUp(Int64(retained) * 10_000, by: Int64(eligible)))) }
    }

    /// Retention at `months` (behoud na 6 of 12 maanden): only placements old enough to tell count.
    public static func retention(_ spans: [PlacementSpan], months: Int, on today: Day) -> Retention {
        let eligible = spans.filter { $0.start.adding(months: months).adding(days: -1) <= today }
        let retained = eligible.filter { $0.lasted(months: months, on: today) || ($0.outcome?.isDurable ?? false) }
        return Retention(eligible: eligible.count, retained: retained.count)
    }

    /// The share of durable placements among those that ended or are at least 12 months old.
    public static func durableShare(_ spans: [PlacementSpan], on today: Day) -> (durable: Int, judged: Int) {
        let judged = spans.filter { $0.end.map { $0 <= today } ?? false || $0.lasted(months: 12, on: today) || ($0.outcome?.isDurable ?? false) }
        return (judged.filter { $0.isDurable(on: today) }.count, judged.count)
    }

    /// Revolving doors (draaideur): placements of a pseudonym that start within 24 months after an earlier
    /// placement of the same pseudonym ended without a good outcome (durable, continued or education), unless the
    /// later placement is a step up the ladder from it (progression). Returns the ids of the later placements.
    public static func revolvingDoors(_ spans: [PlacementSpan], on today: Day, withinMonths: Int = 24) -> Set<String> {
        var flagged: Set<String> = []
        for (_, group) in Dictionary(grouping: spans, by: \.candidate) where group.count > 1 {
            let sorted = group.sorted { $0.start < $1.start }
            for later in sorted {
                let earlier = sorted.contains { e in
                    guard e.id != later.id, let end = e.end, end < later.start, end <= today else { return false }
                    if let up = later.step, let from = e.step, up.isProgression(from: from) { return false }
                    return !e.isDurable(on: today) && !(e.outcome?.endedWell ?? false) && later.start <= end.adding(months: withinMonths)
                }
                if earlier { flagged.insert(later.id) }
            }
        }
        return flagged
    }
}
