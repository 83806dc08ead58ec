/// The step on the PSO ladder (Prestatieladder Socialer Ondernemen) of a registered enterprise.
public enum PSOStep: String, Sendable, Codable, CaseIterable {
    case aspirant
    case step1 = "1"
    case step2 = "2"
    case step3 = "3"
    case step30Plus = "30+"

    public var dutchLabel: String {
        switch self {
        case .aspirant: "PSO aspirant"
        case .step1: "PSO trede 1"
        case .step2: "PSO trede 2"
        case .step3: "PSO trede 3"
        case .step30Plus: "PSO 30+"
        }
    }
}

/// A social enterprise or sheltered workshop in the register (sociale ondernemingen, SW-bedrijven).
public struct SocialEnterpriseProfile: Sendable, Hashable {
    public var psoStep: PSOStep?
    /// At least 30% of staff with a distance to the labour market (art. 2.82 Aanbestedingswet): may take part
    /// in reserved contracts and lots (step 2Ab).
    public var article282: Bool
    public var shelteredWorkshop: Bool
    /// The last day the PSO certificate is valid; nil when none is known.
    public var psoValidUntil: Day?

    public init(psoStep: PSOStep?, article282: Bool, shelteredWorkshop: Bool, psoValidUntil: Day? = nil) {
        self.psoStep = psoStep
        self.article282 = article282
        self.shelteredWorkshop = shelteredWorkshop
        self.psoValidUntil = psoValidUntil
    }

    /// The status on `day`: a PSO step whose certificate expired before it no longer counts (art. 2.82 and a
    /// sheltered workshop still do).
    public func status(on day: Day) -> SocialEnterpriseStatus? {
        guard let until = psoValidUntil, until < day else { return status }
        var lapsed = self
        lapsed.psoStep = nil
        lapsed.psoValidUntil = nil
        return lapsed.status
    }

    /// The status a purchase from this enterprise is valued by: art. 2.82 first, then the PSO step.
    /// A sheltered workshop (SW-bedrijf) counts as recognised. Nil: not a social enterprise for valuation.
    public var status: SocialEnterpriseStatus? {
        if article282 { return .article282 }
        switch psoStep {
        case .step3, .step30Plus: return .psoHighest
        case .step1, .step2: return .recognised
        case .aspirant: return shelteredWorkshop ? .recognised : .aspirant
        case nil: return shelteredWorkshop ? .recognised : nil
        }
    }

    /// A KvK number has exactly 8 digits.
    public static func isValidKvK(_ text: String) -> Bool { text.count == 8 && text.allSatisfy(\.isASCIIDigit) }
}
