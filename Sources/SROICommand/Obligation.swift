import ArgumentParser
import Foundation
import SROIDomain

/// `sroi obligation`: the obligation of a contract under a policy preset, as JSON. Needs no database.
struct Obligation: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bereken de social return-verplichting van een opdracht en toon die als JSON.")

    enum Preset: String, ExpressibleByArgument, CaseIterable {
        case municipal, rijk
    }

    @ArgumentParser.Option(help: "Opdrachtwaarde excl. btw in euro's (1200000 of 1.200.000,00).") var value: String
    @ArgumentParser.Option(name: .customLong("wage-sum"), help: "Loonsom in euro's.") var wageSum: String?
    @ArgumentParser.Option(name: .customLong("labour-share"), help: "Arbeidsaandeel in procenten (66,7).") var labourShare: String?
    @ArgumentParser.Option(help: "werk, dienst of levering.") var kind: String
    @ArgumentParser.Option(help: "CPV-code, 8 cijfers.") var cpv: String?
    @ArgumentParser.Option(help: "Begindatum JJJJ-MM-DD.") var start: String
    @ArgumentParser.Option(help: "Einddatum JJJJ-MM-DD.") var end: String
    @ArgumentParser.Option(help: "Beleid: municipal (5% van de opdrachtwaarde) of rijk (5% van de loonsom vanaf € 250.000).") var policy: Preset = .municipal
    @ArgumentParser.Option(help: "Ander standaardpercentage (5 of 2,5).") var percentage: String?

    struct Output: Encodable {
        var applicable: Bool
        var amountCents: Int64
        var percentage: Double?
        var base: String?
        var baseAmountCents: Int64?
        var rule: String
        var explanation: String
        var explanationLines: [String]
        var policy: String
    }

    func run() throws {
        guard let valueMoney = DutchNumberFormat.parseMoney(value) else { throw ValidationError("--value: verwacht een bedrag in euro's, kreeg '\(value)'") }
        let wage = try wageSum.map { text -> Money in
            guard let m = DutchNumberFormat.parseMoney(text) else { throw ValidationError("--wage-sum: verwacht een bedrag in euro's, kreeg '\(text)'") }
            return m
        }
        let share = try labourShare.map { text -> Percentage in
            guard let p = Percentage(text: text) else { throw ValidationError("--labour-share: verwacht een percentage, kreeg '\(text)'") }
            return p
        }
        guard let contractKind = ContractKind(rawValue: kind) else { throw ValidationError("--kind: verwacht werk, dienst of levering") }
        let code = try cpv.map { text -> CPVCode in
            guard let c = CPVCode(text) else { throw ValidationError("--cpv: verwacht 8 cijfers, kreeg '\(text)'") }
            return c
        }
        guard let s = Day(iso: start) else { throw ValidationError("--start: verwacht JJJJ-MM-DD") }
        guard let e = Day(iso: end) else { throw ValidationError("--end: verwacht JJJJ-MM-DD") }
        guard let term = Term(start: s, end: e) else { throw ValidationError("--end: de einddatum ligt voor de begindatum") }
        var chosen: SocialReturnPolicy = policy == .rijk ? .nationalGovernment : .municipalDefault
        if let percentage {
            guard let p = Percentage(text: percentage) else { throw ValidationError("--percentage: verwacht een percentage") }
            chosen.standardPercentage = p
        }
        let result = ObligationCalculator.calculate(
            ContractTerms(value: valueMoney, wageSum: wage, labourShare: share, kind: contractKind, cpv: code, term: term), policy: chosen)
        let output = Output(applicable: result.applicable, amountCents: result.amount.cents,
                            percentage: result.percentage.map { Double($0.basisPoints) / 100 }, base: result.base?.rawValue,
                            baseAmountCents: result.baseAmount?.cents, rule: result.rule.rawValue,
                            explanation: result.explanation.joined(separator: " "), explanationLines: result.explanation, policy: chosen.name)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }
}
