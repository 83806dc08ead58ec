/// A framework agreement (raamovereenkomst) carries the obligation; its call-offs (nadere opdrachten) add
/// their value to it and their realisations count towards it. The supplier reports once, for the framework.
public enum FrameworkAgreement {
    /// The framework's terms with the value (and known wage sums) of its call-offs added.
    public static func combined(framework: ContractTerms, callOffs: [ContractTerms]) -> (terms: ContractTerms, explanation: String?) {
        guard !callOffs.isEmpty else { return (framework, nil) }
        var terms = framework
        let callOffValue = callOffs.reduce(Money.zero) { $0 + $1.value }
        terms.value = framework.value + callOffValue
        let wageSums = callOffs.compactMap(\.wageSum)
        if framework.wageSum != nil || !wageSums.isEmpty {
            terms.wageSum = wageSums.reduce(framework.wageSum ?? .zero, +)
        }
        let count = callOffs.count == 1 ? "1 nadere opdracht" : "\(callOffs.count) nadere opdrachten"
        return (terms, "Raamovereenkomst: eigen waarde \(framework.value) + \(count) \(callOffValue) = \(terms.value).")
    }

    /// A call-off has no obligation of its own.
    public static func callOffCalculation(frameworkTitle: String) -> ObligationCalculation {
        ObligationCalculation(applicable: false, amount: .zero, rule: .notApplicable, percentage: nil, base: nil, baseAmount: nil,
                              explanation: ["Nadere opdracht onder de raamovereenkomst ‘\(frameworkTitle)’: de social return telt mee in de verplichting van de raamovereenkomst."])
    }
}
