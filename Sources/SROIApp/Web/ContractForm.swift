import Foundation
import SROIDomain
import Vapor

/// The contract form as posted: text as typed, in Dutch notation. Becomes a `ContractDraft`.
struct ContractForm: Content {
    var title: String?
    var supplierId: String?
    var status: String?
    var kind: String?
    var cpv: String?
    var value: String?
    var wageSum: String?
    var labourShare: String?
    var start: String?
    var end: String?
    var publicationDate: String?
    var extensionUntil: String?
    var region: String?
    var reserved: String?
    var srAsk: String?
    var srWeight: String?
    var offerUnit: String?
    var bidsCloseOn: String?
    var marketConsultation: String?

    /// API field names that appear on the form under another name.
    static let formName = ["valueCents": "value", "wageSumCents": "wageSum", "labourSharePercent": "labourShare", "srWeightPercent": "srWeight"]

    init(_ draft: ContractDraft) {
        title = draft.title
        supplierId = draft.supplierID?.uuidString
        status = draft.status
        kind = draft.kind
        cpv = draft.cpv
        value = draft.valueCents.map { DutchNumberFormat.amount(Money(cents: $0)) }
        wageSum = draft.wageSumCents.map { DutchNumberFormat.amount(Money(cents: $0)) }
        labourShare = draft.labourShareBasisPoints.map { DutchNumberFormat.decimal(Int64($0), scale: 2) }
        start = draft.start
        end = draft.end
        publicationDate = draft.publicationDate
        extensionUntil = draft.extensionUntil
        region = draft.region
        reserved = draft.reserved == true ? "yes" : "no"
        srAsk = draft.srAsk
        srWeight = draft.srWeightBasisPoints.map { DutchNumberFormat.decimal(Int64($0), scale: 2) }
        offerUnit = draft.offerUnit
        bidsCloseOn = draft.bidsCloseOn
        marketConsultation = draft.marketConsultation == true ? "yes" : "no"
    }

    /// The draft, and the fields that could not be read (by form name).
    func draft(base: ContractDraft) -> (ContractDraft, [String: String]) {
        var d = base
        var errors: [String: String] = [:]
        func text(_ s: String?) -> String? {
            let t = s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return t.isEmpty ? nil : t
        }
        d.title = text(title)
        if let s = text(supplierId) {
            if let id = UUID(uuidString: s) { d.supplierID = id } else { errors["supplierId"] = "onbekende opdrachtnemer" }
        } else {
            d.supplierID = nil
        }
        d.status = text(status)
        d.kind = text(kind)
        d.cpv = text(cpv)
        func money(_ s: String?, field: String) -> Int64? {
            guard let t = text(s) else { return nil }
            guard let m = DutchNumberFormat.parseMoney(t) else {
                errors[field] = "verwacht een bedrag in euro's, zoals 1.200.000 of 1200000,50"
                return nil
            }
            return m.cents
        }
        d.valueCents = money(value, field: "value")
        d.wageSumCents = money(wageSum, field: "wageSum")
        if let t = text(labourShare) {
            if let p = Percentage(text: t) { d.labourShareBasisPoints = p.basisPoints } else { errors["labourShare"] = "verwacht een percentage, zoals 66,7" }
        } else {
            d.labourShareBasisPoints = nil
        }
        d.start = text(start)
        d.end = text(end)
        d.publicationDate = text(publicationDate)
        d.extensionUntil = text(extensionUntil)
        d.reserved = reserved == "yes"
        d.region = text(region)
        d.srAsk = text(srAsk)
        if let t = text(srWeight) {
            if let p = Percentage(text: t) { d.srWeightBasisPoints = p.basisPoints } else { errors["srWeight"] = "verwacht een percentage, zoals 20" }
        } else {
            d.srWeightBasisPoints = nil
        }
        d.offerUnit = text(offerUnit)
        d.bidsCloseOn = text(bidsCloseOn)
        d.marketConsultation = marketConsultation == "yes"
        return (d, errors)
    }

    func fields(suppliers: [(String, String)], errors: [String: String]) -> ([FormField], [String]) {
        var fields: [FormField] = [
            FormField(name: "title", label: "Titel", value: title ?? "", required: true),
            .select("status", "Status", value: status ?? ContractStatus.planned.rawValue,
                    options: ContractStatus.allCases.map { ($0.rawValue, $0.dutchLabel) }, required: true),
            .select("supplierId", "Opdrachtnemer", value: supplierId, options: suppliers,
                    hint: "Verplicht zodra de opdracht is gegund.", blank: "nog niet gegund"),
            .select("kind", "Type opdracht", value: kind ?? ContractKind.dienst.rawValue,
                    options: ContractKind.allCases.map { ($0.rawValue, $0.dutchLabel) }, required: true),
            FormField(name: "cpv", label: "CPV-code", value: cpv ?? "",
                      hint: "8 cijfers, bijvoorbeeld 90910000 (schoonmaak) of 77310000 (groenonderhoud).", inputmode: "numeric"),
            FormField(name: "value", label: "Opdrachtwaarde excl. btw (€)", value: value ?? "", hint: "Bijvoorbeeld 1.200.000",
                      required: true, inputmode: "decimal"),
            FormField(name: "wageSum", label: "Loonsom (€)", value: wageSum ?? "", hint: "Als die bekend is.", inputmode: "decimal"),
            FormField(name: "labourShare", label: "Arbeidsaandeel (%)", value: labourShare ?? "",
                      hint: "Leeg laten: dan volgt het uit loonsom / opdrachtwaarde.", inputmode: "decimal"),
            FormField(name: "start", label: "Begindatum", type: "date", value: start ?? "", required: true),
            FormField(name: "end", label: "Einddatum", type: "date", value: end ?? "", required: true),
            FormField(name: "extensionUntil", label: "Verlengingsoptie tot", type: "date", value: extensionUntil ?? "",
                      hint: "Als het contract verlengd kan worden: de laatste mogelijke einddatum."),
            FormField(name: "publicationDate", label: "Geplande publicatie", type: "date", value: publicationDate ?? "",
                      hint: "Voor een aanbesteding: wanneer die gepubliceerd wordt."),
            .select("reserved", "Voorbehouden opdracht (art. 2.82)", value: reserved ?? "no",
                    options: [("no", "nee"), ("yes", "ja: alleen sociale ondernemingen mogen inschrijven")]).explained("art282"),
            .select("srAsk", "Hoe social return wordt gevraagd", value: srAsk,
                    options: SocialReturnAsk.allCases.map { ($0.rawValue, $0.dutchLabel) },
                    hint: "Handreiking stap 2A. Als gunningscriterium doen inschrijvers een aanbod dat wordt beoordeeld.", blank: "nog niet bepaald"),
            FormField(name: "srWeight", label: "Gewicht als gunningscriterium (%)", value: srWeight ?? "",
                      hint: "Alleen bij een gunningscriterium, bijvoorbeeld 20.", inputmode: "decimal"),
            .select("offerUnit", "Inschrijvers bieden", value: offerUnit ?? "euros", options: [("euros", "een bedrag"), ("jobs", "een aantal banen")]),
            FormField(name: "bidsCloseOn", label: "Inschrijven tot en met", type: "date", value: bidsCloseOn ?? "",
                      hint: "Tot deze dag kunnen inschrijvers hun aanbod zelf invoeren en wijzigen."),
            .select("marketConsultation", "Marktconsultatie", value: marketConsultation ?? "no",
                    options: [("no", "nee"), ("yes", "ja: opdrachtnemers in de regio zien de geplande aanbesteding en sturen ideeën")]),
            FormField(name: "region", label: "Arbeidsmarktregio", value: region ?? "",
                      hint: "Kies een van de 35 arbeidsmarktregio's; de lijst verschijnt als u begint te typen.", suggestions: LabourMarketRegion.all),
        ]
        let unplaced = fields.attach(errors)
        return (fields, unplaced)
    }
}
