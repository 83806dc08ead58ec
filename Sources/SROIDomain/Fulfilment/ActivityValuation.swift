/// What the valuation of an activity (a block that places nobody) needs to know.
public struct ActivityFacts: Sendable, Hashable {
    public var block: BuildingBlock
    /// Invoice amount excl. VAT, where the block is valued by invoice.
    public var amount: Money?
    /// Hours, for job coaching and social contributions by the hour.
    public var hours: Hours?
    /// For social purchasing: the status of the enterprise bought from.
    public var enterpriseStatus: SocialEnterpriseStatus?

    public init(block: BuildingBlock, amount: Money? = nil, hours: Hours? = nil, enterpriseStatus: SocialEnterpriseStatus? = nil) {
        self.block = block
        self.amount = amount
        self.hours = hours
        self.enterpriseStatus = enterpriseStatus
    }

    /// The problems with these facts, by API field name; empty when the activity can be valued.
    public static let maximumAmount = Money(euros: 1_000_000_000)

    public func problems(scheme: ValuationScheme = .haaglanden2023) -> [FieldError] {
        var errors: [FieldError] = []
        if let amount, amount.cents < 0 { errors.append(.init(field: "amountCents", message: "het bedrag mag niet negatief zijn")) }
        // Far above any real invoice, and small enough that every valuation stays within 64 bits.
        if let amount, amount.cents > Self.maximumAmount.cents {
            errors.append(.init(field: "amountCents", message: "hoogstens \(Self.maximumAmount) per activiteit"))
        }
        if let hours, hours.hundredths < 0 { errors.append(.init(field: "hours", message: "het aantal uren mag niet negatief zijn")) }
        if let hours, hours.hundredths > 10_000_000 { errors.append(.init(field: "hours", message: "hoogstens 100.000 uur per activiteit")) }
        switch block {
        case .own(let key) where scheme.isActivity(block):
            if scheme.ownBlock(key)?.unit == .perHour {
                if hours == nil { errors.append(.init(field: "hours", message: "\(scheme.label(of: block)) telt per uur: vul het aantal uren in")) }
            } else if amount == nil {
                errors.append(.init(field: "amountCents", message: "\(scheme.label(of: block)) telt met het factuurbedrag: vul het bedrag in"))
            }
        case .training:
            if amount == nil { errors.append(.init(field: "amountCents", message: "een opleiding telt met het factuurbedrag: vul het bedrag in")) }
        case .jobCoaching:
            if hours == nil && amount == nil {
                errors.append(.init(field: "amountCents", message: "jobcoaching telt met de kosten op de factuur: vul het bedrag in (of het aantal uren)"))
            }
        case .socialPurchase:
            if amount == nil { errors.append(.init(field: "amountCents", message: "vul het factuurbedrag excl. btw in")) }
            if enterpriseStatus == nil { errors.append(.init(field: "enterpriseStatus", message: "kies de status van de sociale onderneming")) }
        case .socialContribution:
            if amount == nil && hours == nil {
                errors.append(.init(field: "hours", message: "vul het aantal uren of het factuurbedrag in"))
            }
        default:
            let choices = scheme.buildingBlocks.filter(scheme.isActivity).map(scheme.label(of:))
            errors.append(.init(field: "block", message: "kies " + choices.dropLast().joined(separator: ", ") + " of " + (choices.last ?? "")))
        }
        return errors
    }
}

/// Values activities: training at the invoice cost, job coaching at the invoice cost (or hours × the policy's rate
/// without an invoice), social purchasing as the
/// policy's share of the invoice by the enterprise's status, social contributions as hours × rate or the invoice.
public enum ActivityValuation {
    public static func value(_ a: ActivityFacts, scheme: ValuationScheme) -> Valuation {
        switch a.block {
        case .training:
            let amount = a.amount ?? .zero
            return Valuation(value: amount, explanation: ["Opleiding: de kosten op de factuur, \(amount)"])
        case .jobCoaching:
            // The actual cost on invoice; without an invoice, the hours at the policy's rate.
            if let amount = a.amount {
                return Valuation(value: amount, explanation: ["Jobcoaching: de kosten op de factuur, \(amount)"])
            }
            let hours = a.hours ?? .zero
            let value = Money(cents: divideRoundingHalfUp(scheme.jobCoachingPerHour.cents * hours.hundredths, by: 100))
            return Valuation(value: value, explanation: ["Jobcoaching: \(hours) uur × \(scheme.jobCoachingPerHour) = \(value)"])
        case .socialPurchase:
            let amount = a.amount ?? .zero
            guard let status = a.enterpriseStatus, let share = scheme.socialPurchaseShare[status] else {
                return Valuation(value: .zero, explanation: ["Sociale inkoop telt alleen bij een erkende sociale onderneming."])
            }
            let value = Money(cents: divideRoundingHalfUp(amount.cents * Int64(share.basisPoints), by: 10_000))
            return Valuation(value: value, explanation: ["Sociale inkoop bij een \(status.dutchLabel): \(share) van de factuur van \(amount) = \(value)"])
        case .socialContribution:
            if let hours = a.hours {
                let value = Money(cents: divideRoundingHalfUp(scheme.socialContributionPerHour.cents * hours.hundredths, by: 100))
                return Valuation(value: value, explanation: [
                    "Maatschappelijke bijdrage: \(hours) uur × \(scheme.socialContributionPerHour) = \(value) (samen hoogstens \(scheme.socialContributionCap) van de verplichting)"])
            }
            let amount = a.amount ?? .zero
            return Valuation(value: amount, explanation: [
                "Maatschappelijke bijdrage: de kosten op de factuur, \(amount) (samen hoogstens \(scheme.socialContributionCap) van de verplichting)"])
        case .own(let key) where scheme.isActivity(a.block):
            let name = PlacementValuation.capitalised(scheme.label(of: a.block))
            let own = scheme.ownBlock(key)!
            if own.unit == .perHour {
                let hours = a.hours ?? .zero
                let value = Money(cents: divideRoundingHalfUp(own.value.cents * hours.hundredths, by: 100))
                return Valuation(value: value, explanation: ["\(name): \(hours) uur × \(own.value) = \(value)"])
            }
            let amount = a.amount ?? .zero
            return Valuation(value: amount, explanation: ["\(name): de kosten op de factuur, \(amount)"])
        default:
            return Valuation(value: .zero, explanation: ["\(PlacementValuation.capitalised(scheme.label(of: a.block))) is een plaatsing, geen activiteit (of staat niet in de waarderingstabel)."])
        }
    }

    /// Social contributions count together up to the cap: a share of the obligation.
    public static func capContributions(_ total: Money, obligation: Money, cap: Percentage) -> Valuation {
        let maximum = Money(cents: divideRoundingHalfUp(obligation.cents * Int64(cap.basisPoints), by: 10_000))
        guard total > maximum else {
            return Valuation(value: total, explanation: ["Maatschappelijke bijdragen: \(total), binnen het maximum van \(cap) van \(obligation) = \(maximum)"])
        }
        return Valuation(value: maximum, explanation: [
            "Maatschappelijke bijdragen: \(total), begrensd op \(cap) van de verplichting van \(obligation) = \(maximum)"])
    }
}
