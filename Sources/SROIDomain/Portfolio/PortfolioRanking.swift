/// A running or awarded contract as the portfolio sees it.
public struct PortfolioContract: Sendable, Hashable {
    public var id: String
    public var title: String
    public var value: Money
    public var cpv: CPVCode?
    public var term: Term
    /// The last day the contract can be extended to, when it has an extension option (verlengingsoptie).
    public var extensionUntil: Day?

    public init(id: String, title: String, value: Money, cpv: CPVCode?, term: Term, extensionUntil: Day? = nil) {
        self.id = id
        self.title = title
        self.value = value
        self.cpv = cpv
        self.term = term
        self.extensionUntil = extensionUntil
    }
}

/// A contract's place in the ranking, with every reason that added to its score.
public struct PortfolioEntry: Sendable, Hashable {
    public var contract: PortfolioContract
    public var score: Int
    public var annualValue: Money
    public var reasons: [String]
}

/// Kansrijke contracten (step 2Ba/2B of the Handreiking): larger contracts (e.g. over € 200.000 a year)
/// that are labour-intensive and multi-year, with the remaining term and a coming extension in view.
public enum PortfolioRanking {
    public static let annualValuePoints = 3
    public static let labourIntensivePoints = 3
    public static let multiYearPoints = 2
    public static let longRemainingTermPoints = 2
    public static let endingSoonPoints = 1
    public static let extensionComingPoints = 2

    public static func rank(_ contracts: [PortfolioContract], policy: SocialReturnPolicy, today: Day) -> [PortfolioEntry] {
        contracts
            .filter { $0.term.end >= today }
            .map { entry(for: $0, policy: policy, today: today) }
            .sorted {
                if $0.score != $1.score { return $0.score > $1.score }
                if $0.annualValue != $1.annualValue { return $0.annualValue > $1.annualValue }
                return $0.contract.title < $1.contract.title
            }
    }

    /// Value per year: value × 365 / days of the term, rounded half up to whole euros.
    public static func annualValue(of contract: PortfolioContract) -> Money {
        let days = Int64(contract.term.days)
        let cents = divideRoundingHalfUp(contract.value.cents * 365, by: days)
        return Money(cents: cents).roundedToWholeEuros
    }

    static func entry(for contract: PortfolioContract, policy: SocialReturnPolicy, today: Day) -> PortfolioEntry {
        var score = 0
        var reasons: [String] = []
        let annual = annualValue(of: contract)
        if annual >= policy.promisingAnnualValue {
            score += annualValuePoints
            reasons.append("grote opdracht: \(annual) per jaar, minstens \(policy.promisingAnnualValue)")
        }
        if let category = policy.categories.rule(for: contract.cpv), category.labourIntensive {
            score += labourIntensivePoints
            reasons.append("arbeidsintensieve categorie: \(category.name)")
        }
        let months = contract.term.wholeMonths
        if months >= 24 {
            score += multiYearPoints
            reasons.append("meerjarige looptijd van \(months) maanden")
        }
        let remainingMonths = Term(start: max(today.adding(days: 1), contract.term.start), end: contract.term.end)?.wholeMonths ?? 0
        if remainingMonths >= 12 {
            score += longRemainingTermPoints
            reasons.append("nog \(remainingMonths) maanden looptijd: tijd om samen met de opdrachtnemer banen te realiseren")
        } else {
            score += endingSoonPoints
            reasons.append("loopt af op \(contract.term.end.dutch): neem social return mee in de volgende aanbesteding")
        }
        if let until = contract.extensionUntil, until > contract.term.end,
           contract.term.end <= today.adding(months: 6) {
            score += extensionComingPoints
            reasons.append("verlenging op handen (mogelijk tot \(until.dutch)): gebruik die voor nieuwe afspraken, zonder wezenlijke wijziging")
        }
        return PortfolioEntry(contract: contract, score: score, annualValue: annual, reasons: reasons)
    }
}
