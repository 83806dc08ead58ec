/// Applies a policy to a contract: is social return applicable, and how much is owed.
/// docs/rules.md, sections 1 and 2.
public enum ObligationCalculator {
    /// `explained: false` leaves the Dutch explanation empty and computes the rest the same: a list of 150 contracts
    /// shows none, and writing them was a seventh of the list's time (issue 20).
    public static func calculate(_ terms: ContractTerms, policy: SocialReturnPolicy, explained: Bool = true) -> ObligationCalculation {
        var reasonsAgainst = Lines(wanted: explained)
        var reasonsFor = Lines(wanted: explained)
        let value = terms.value

        if let minimum = policy.minimumValue {
            if value < minimum {
                reasonsAgainst.append("de opdrachtwaarde van \(value) is lager dan de drempel van \(minimum)")
            } else {
                reasonsFor.append("opdrachtwaarde \(value) is minstens \(minimum)")
            }
        }
        if let minimum = policy.minimumWageSum {
            if let wageSum = terms.wageSum {
                if wageSum < minimum {
                    reasonsAgainst.append("de loonsom van \(wageSum) is lager dan de drempel van \(minimum)")
                } else {
                    reasonsFor.append("loonsom \(wageSum) is minstens \(minimum)")
                }
            } else {
                reasonsAgainst.append("de loonsom is onbekend, en dit beleid rekent vanaf een loonsom van \(minimum)")
            }
        }
        let months = terms.term.wholeMonths
        if months < policy.minimumDurationMonths {
            reasonsAgainst.append("de looptijd van \(monthsText(months)) is korter dan \(monthsText(policy.minimumDurationMonths))")
        } else if policy.minimumDurationMonths > 0 {
            reasonsFor.append("looptijd \(monthsText(months)) is minstens \(monthsText(policy.minimumDurationMonths))")
        }
        if terms.kind == .levering && !policy.appliesToSupplies {
            reasonsAgainst.append("het is een levering, en dit beleid past social return alleen toe op werken en diensten")
        } else {
            reasonsFor.append("het type is \(terms.kind.dutchLabel)")
        }

        if reasonsAgainst.any {
            return ObligationCalculation(
                applicable: false, amount: .zero, rule: .notApplicable, percentage: nil, base: nil, baseAmount: nil,
                explanation: explained ? ["Social return is niet van toepassing: " + joinDutch(reasonsAgainst.lines) + "."] : [])
        }

        var explanation = Lines(wanted: explained)
        explanation.append("Social return is van toepassing: " + joinDutch(reasonsFor.lines) + ".")
        let (rule, policyPercentage, base, baseAmount) = amountRule(terms, policy: policy, explanation: &explanation)
        var percentage = policyPercentage
        if let regime = policy.smallFirms, regime.applies(toEmployees: terms.supplierEmployees), let employees = terms.supplierEmployees {
            let who = { "De opdrachtnemer is een kleine onderneming (\(employees) medewerkers; de lichtere regeling geldt tot en met \(regime.maximumEmployees))" }
            if regime.percentage.basisPoints == 0 {
                explanation.append(who() + ": vrijgesteld van social return.")
                return ObligationCalculation(applicable: false, amount: .zero, rule: .notApplicable, percentage: nil, base: nil, baseAmount: nil,
                                             explanation: explanation.lines)
            }
            if regime.percentage < percentage {
                explanation.append(who() + ": \(regime.percentage) in plaats van \(percentage).")
                percentage = regime.percentage
            }
        }
        let amount = baseAmount.applying(percentage)
        explanation.append("\(percentage) van de \(base.dutchLabel) van \(baseAmount) = \(amount)")
        return ObligationCalculation(applicable: true, amount: amount, rule: rule, percentage: percentage,
                                     base: base, baseAmount: baseAmount, explanation: explanation.lines)
    }

    private static func amountRule(_ terms: ContractTerms, policy: SocialReturnPolicy, explanation: inout Lines)
        -> (ObligationRule, Percentage, ObligationBasis, Money) {
        if policy.basis == .wageSum, let wageSum = terms.wageSum {
            explanation.append("Dit beleid rekent met een percentage van de loonsom.")
            return (.wageSum, policy.standardPercentage, .wageSum, wageSum)
        }
        if let share = terms.effectiveLabourShare {
            let source = { terms.labourShare == nil && terms.wageSum != nil
                ? " (loonsom \(terms.wageSum!) / opdrachtwaarde \(terms.value))" : "" }
            if share < policy.lowLabourShareThreshold {
                if let wageSum = terms.wageSum {
                    explanation.append("Het arbeidsaandeel van \(share)\(source()) is lager dan \(policy.lowLabourShareThreshold), en de loonsom is bekend: een percentage van de loonsom.")
                    return (.lowLabourShareOfWageSum, policy.lowLabourSharePercentageOfWageSum, .wageSum, wageSum)
                }
                explanation.append("Het arbeidsaandeel van \(share) is lager dan \(policy.lowLabourShareThreshold) en de loonsom is onbekend: een lager percentage van de opdrachtwaarde.")
                return (.lowLabourShareOfValue, policy.lowLabourSharePercentageOfValue, .contractValue, terms.value)
            }
            explanation.append("Het arbeidsaandeel van \(share)\(source()) is minstens \(policy.lowLabourShareThreshold).")
        } else {
            explanation.append("Het arbeidsaandeel is onbekend; het gewone percentage geldt.")
        }
        if let category = policy.categories.rule(for: terms.cpv), let percentage = category.percentage {
            explanation.append("De categorie \(category.name) (CPV \(category.cpvPrefix)…) heeft in dit beleid een eigen percentage.")
            return (.category, percentage, .contractValue, terms.value)
        }
        return (.standard, policy.standardPercentage, .contractValue, terms.value)
    }

    /// Lines of text that are only written when wanted: each is built only then.
    struct Lines {
        let wanted: Bool
        private(set) var lines: [String] = []
        private(set) var any = false

        init(wanted: Bool) { self.wanted = wanted }

        mutating func append(_ line: @autoclosure () -> String) {
            any = true
            if wanted { lines.append(line()) }
        }
    }

    static func monthsText(_ months: Int) -> String { months == 1 ? "1 maand" : "\(months) maanden" }
}

/// "a, b en c"
func joinDutch(_ parts: [String]) -> String {
    switch parts.count {
    case 0: return ""
    case 1: return parts[0]
    default: return parts.dropLast().joined(separator: ", ") + " en " + parts.last!
    }
}
