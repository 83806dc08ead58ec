import Foundation
import SROIDomain

/// A contract as entered, before it is checked: the API's JSON and the web form both become one of these,
/// so the rules for a valid contract live in one place.
struct ContractDraft: Sendable, Codable, Equatable {
    var title: String?
    var buyerID: UUID?
    var supplierID: UUID?
    var cpv: String?
    var kind: String?
    var valueCents: Int64?
    var wageSumCents: Int64?
    var labourShareBasisPoints: Int?
    var start: String?
    var end: String?
    var region: String?
    var status: String?
    var frameworkID: UUID?
    var publicationDate: String?
    var extensionUntil: String?
    /// Reserved for social enterprises (voorbehouden opdracht, art. 2.82 Aanbestedingswet).
    var reserved: Bool?
    /// How the tender asks for social return, and for an award criterion its weight, the unit of offers and the
    /// closing date for bids; whether a planned tender is open for market consultation.
    var srAsk: String?
    var srWeightBasisPoints: Int?
    var offerUnit: String?
    var bidsCloseOn: String?
    var marketConsultation: Bool?

    init() {}

    init(_ contract: ContractModel) {
        title = contract.title
        buyerID = contract.$buyer.id
        supplierID = contract.$supplier.id
        cpv = contract.cpv
        kind = contract.kindRaw
        valueCents = contract.valueCents
        wageSumCents = contract.wageSumCents
        labourShareBasisPoints = contract.labourShareBasisPoints
        start = contract.startDate
        end = contract.endDate
        region = contract.region
        status = contract.statusRaw
        frameworkID = contract.frameworkID
        publicationDate = contract.publicationDate
        extensionUntil = contract.extensionUntil
        reserved = contract.reserved
        srAsk = contract.srAskRaw
        srWeightBasisPoints = contract.srWeightBasisPoints
        offerUnit = contract.offerUnit
        bidsCloseOn = contract.bidsCloseOn
        marketConsultation = contract.marketConsultation
    }

    /// The checks that need nothing but the draft itself. Field names are the API's.
    func problems() -> [FieldError] {
        var errors: [FieldError] = []
        let trimmedTitle = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmedTitle.isEmpty {
            errors.append(.init(field: "title", message: "geef de opdracht een titel"))
        } else if trimmedTitle.count > 200 {
            errors.append(.init(field: "title", message: "de titel mag hoogstens 200 tekens hebben"))
        }
        if let cpv, !cpv.isEmpty, CPVCode(cpv) == nil {
            errors.append(.init(field: "cpv", message: "verwacht een CPV-code van 8 cijfers, zoals 90910000"))
        }
        if kind.flatMap(ContractKind.init(rawValue:)) == nil {
            errors.append(.init(field: "kind", message: "kies werk, dienst of levering"))
        }
        if let value = valueCents {
            if value < 0 { errors.append(.init(field: "valueCents", message: "de opdrachtwaarde mag niet negatief zijn")) }
            // Far above any contract, and small enough that every percentage of it stays within 64 bits.
            if value > 10_000_000_000_000 { errors.append(.init(field: "valueCents", message: "hoogstens € 100.000.000.000")) }
        } else {
            errors.append(.init(field: "valueCents", message: "vul de opdrachtwaarde excl. btw in"))
        }
        if let wageSum = wageSumCents {
            if wageSum < 0 {
                errors.append(.init(field: "wageSumCents", message: "de loonsom mag niet negatief zijn"))
            } else if let value = valueCents, wageSum > value {
                errors.append(.init(field: "wageSumCents", message: "de loonsom kan niet hoger zijn dan de opdrachtwaarde"))
            }
        }
        if let share = labourShareBasisPoints, !(0...10_000).contains(share) {
            errors.append(.init(field: "labourSharePercent", message: "verwacht een percentage van 0 tot 100"))
        }
        let startDay = start.flatMap(Day.init(iso:))
        let endDay = end.flatMap(Day.init(iso:))
        if startDay == nil { errors.append(.init(field: "start", message: "verwacht een begindatum als JJJJ-MM-DD")) }
        if endDay == nil { errors.append(.init(field: "end", message: "verwacht een einddatum als JJJJ-MM-DD")) }
        if let s = startDay, let e = endDay, e < s {
            errors.append(.init(field: "end", message: "de einddatum ligt voor de begindatum"))
        }
        let parsedStatus = status.flatMap(ContractStatus.init(rawValue:))
        if parsedStatus == nil {
            errors.append(.init(field: "status", message: "kies planned, in_tender, awarded, running of ended"))
        }
        if let parsedStatus, parsedStatus.isAwarded, supplierID == nil {
            errors.append(.init(field: "supplierId", message: "kies de opdrachtnemer aan wie de opdracht is gegund"))
        }
        if let p = publicationDate, !p.isEmpty, Day(iso: p) == nil {
            errors.append(.init(field: "publicationDate", message: "verwacht een datum als JJJJ-MM-DD"))
        }
        if let x = extensionUntil, !x.isEmpty {
            if let until = Day(iso: x) {
                if let e = endDay, until <= e {
                    errors.append(.init(field: "extensionUntil", message: "een verlenging loopt tot na de einddatum"))
                }
            } else {
                errors.append(.init(field: "extensionUntil", message: "verwacht een datum als JJJJ-MM-DD"))
            }
        }
        if case .failure = LabourMarketRegion.optional(region) {
            errors.append(.init(field: "region", message: LabourMarketRegion.message))
        }
        if let ask = srAsk, !ask.isEmpty {
            if let way = SocialReturnAsk(rawValue: ask) {
                if way == .awardCriterion, !(1...10_000).contains(srWeightBasisPoints ?? 0) {
                    errors.append(.init(field: "srWeightPercent", message: "geef het gewicht van social return als gunningscriterium, 1 tot 100%"))
                }
            } else {
                errors.append(.init(field: "srAsk", message: "kies " + SocialReturnAsk.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        if let unit = offerUnit, !unit.isEmpty, unit != "euros", unit != "jobs" {
            errors.append(.init(field: "offerUnit", message: "kies euros of jobs"))
        }
        if let close = bidsCloseOn, !close.isEmpty, Day(iso: close) == nil {
            errors.append(.init(field: "bidsCloseOn", message: "verwacht een datum als JJJJ-MM-DD"))
        }
        return errors
    }
}
