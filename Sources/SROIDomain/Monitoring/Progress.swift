/// Where a contract stands against its obligation (voortgang).
public enum ProgressStatus: String, Sendable, Codable {
    case notStarted = "not_started"
    case green
    case amber
    case red
    case complete
    /// No social return applies to the contract: nothing is expected, so it is neither behind nor not started.
    case noObligation = "no_obligation"

    /// Every status, in the order pages and exports list them.
    public static let listed: [ProgressStatus] = [.green, .amber, .red, .complete, .notStarted, .noObligation]

    public var dutchLabel: String {
        switch self {
        case .noObligation: "geen verplichting"
        case .notStarted: "nog niet begonnen"
        case .green: "groen: op koers"
        case .amber: "oranje: achter"
        case .red: "rood: ver achter"
        case .complete: "voldaan"
        }
    }
}

public struct ContractProgress: Sendable, Hashable {
    public var obligation: Money
    /// Approved value.
    public var realised: Money
    /// Submitted, not yet reviewed.
    public var pending: Money
    /// Obligation × the elapsed share of the term.
    public var expected: Money
    public var status: ProgressStatus
    /// Realised at the current pace by the end date; nil before the start.
    public var forecast: Money?
    /// Realised as a share of expected.
    public var shareOfExpected: Percentage?
    public var explanation: [String]
}

/// docs/rules.md, section 5: expected = obligation × elapsed share of the term; green when
/// realised ≥ 90% of expected, amber ≥ 60%, red below; complete when realised ≥ obligation; a forecast at the
/// current pace. Thresholds come from the policy. A contract without an obligation has its own status and no
/// expectation or forecast: "€ 0 × 275/306 dagen" says nothing.
public enum ProgressCalculator {
    /// With `explained: false` the Dutch explanation lines are not written (dashboards and totals show none; writing
    /// them was a twentieth of a dashboard's CPU, issue 20); every figure is the same.
    public static func progress(obligation: Money, term: Term, today: Day, realised: Money, pending: Money,
                                green: Percentage, amber: Percentage, explained: Bool = true) -> ContractProgress {
        guard obligation.cents > 0 else {
            return ContractProgress(obligation: .zero, realised: realised, pending: pending, expected: .zero, status: .noObligation,
                                    forecast: nil, shareOfExpected: nil,
                                    explanation: explained ? ["Voor dit contract geldt geen social-returnverplichting: er wordt niets verwacht."] : [])
        }
        let elapsed = Int64(term.elapsedDays(on: today))
        let total = Int64(term.days)
        let expected = Money(cents: divideRoundingHalfUp(obligation.cents * elapsed, by: total))
        var lines: [String] = []
        if explained { lines.append("Verwacht op \(today.dutch): \(obligation) × \(elapsed)/\(total) dagen = \(expected)") }
        let forecast = elapsed > 0 ? Money(cents: divideRoundingHalfUp(realised.cents * total, by: elapsed)) : nil
        if let forecast, explained {
            lines.append("Prognose in dit tempo: \(realised) × \(total)/\(elapsed) dagen = \(forecast)"
                         + (forecast >= obligation ? "" : ", \(obligation - forecast) te weinig"))
        }
        let share = expected.cents > 0 ? Percentage.ratio(realised, of: expected) : nil
        let status: ProgressStatus
        if obligation.cents > 0 && realised >= obligation {
            status = .complete
            if explained { lines.append("Gerealiseerd \(realised) is minstens de verplichting van \(obligation): voldaan.") }
        } else if elapsed == 0 || expected.cents == 0 {
            status = .notStarted
        } else {
            let s = share ?? Percentage(basisPoints: 0)
            status = s >= green ? .green : s >= amber ? .amber : .red
            if explained {
                lines.append("Gerealiseerd \(realised) is \(s) van verwacht: \(status.dutchLabel) (groen vanaf \(green), oranje vanaf \(amber)).")
            }
        }
        return ContractProgress(obligation: obligation, realised: realised, pending: pending, expected: expected, status: status,
                        forecast: forecast, shareOfExpected: share, explanation: lines)
    }
}

/// Banenafspraak jobs: one job is 25,5 paid hours a week; jobs in a period = paid hours of doelgroepregister
/// placements / (25,5 × weeks in the period), in thousandths of a job.
public enum BanenafspraakJobs {
    public static func thousandths(paidHours: Hours, days: Int) -> Int64 {
        guard days > 0 else { return 0 }
        // hours/100 / (25,5 × days/7) × 1000 = hundredths × 7 × 1000 / (2.550 × days)... with 25,5 = 255/10.
        return divideRoundingHalfUp(paidHours.hundredths * 7 * 1_000 * 10, by: 255 * 100 * Int64(days))
    }

    /// "0,997"
    public static func dutch(_ thousandths: Int64) -> String {
        let whole = thousandths / 1000
        var fraction = String(thousandths % 1000)
        while fraction.count < 3 { fraction = "0" + fraction }
        return "\(whole),\(fraction)"
    }
}
