import Foundation
import SROIDomain

/// What a buyer may publish on its transparency page. Nothing is public until a coordinator ticks it; only
/// aggregates, and person counts below 5 read "< 5".
enum PublicFigure: String, CaseIterable, Sendable {
    case contracts, obligation, realised, people, jobs, durable, blocks

    var dutchLabel: String {
        switch self {
        case .contracts: "aantal contracten met social return"
        case .obligation: "totale verplichting"
        case .realised: "gerealiseerde waarde"
        case .people: "aantal geplaatste personen"
        case .jobs: "banenafspraakbanen (en het doel)"
        case .durable: "duurzame plaatsingen"
        case .blocks: "waarde per bouwblok"
        }
    }

    static func parse(_ raw: String?) -> [PublicFigure]? {
        raw.map { $0.split(separator: ",").compactMap { PublicFigure(rawValue: String($0)) } }
    }

    /// The published figures as label and value, in a fixed order.
    static func figures(_ chosen: [PublicFigure], of d: Dashboard) -> [(key: String, label: String, value: String, csv: String)] {
        var out: [(String, String, String, String)] = []
        let t = d.totals
        let counts = d.personCounts
        for f in PublicFigure.allCases where chosen.contains(f) {
            switch f {
            case .contracts: out.append((f.rawValue, "Contracten met social return", String(t.withObligation), String(t.withObligation)))
            case .obligation: out.append((f.rawValue, "Totale verplichting", t.obligation.description, DutchCSVWriter.euros(t.obligation)))
            case .realised: out.append((f.rawValue, "Gerealiseerd (goedgekeurd)", t.realised.description, DutchCSVWriter.euros(t.realised)))
            case .people:
                out.append((f.rawValue, "Geplaatste personen in \(d.filter.year)", counts.people.display, counts.people.display))
            case .jobs:
                out.append((f.rawValue, "Banenafspraakbanen in \(d.filter.year)", BanenafspraakJobs.dutch(d.jobsThousandths), BanenafspraakJobs.dutch(d.jobsThousandths)))
                if let goal = d.jobsGoal { out.append(("jobsGoal", "Doel banenafspraakbanen" + (d.jobsGoalYear.map { " in \($0)" } ?? ""), String(goal), String(goal))) }
            case .durable:
                let v = FigureWords.part(counts.durable, of: counts.judged)
                out.append((f.rawValue, "Duurzame plaatsingen", v, v))
            case .blocks:
                for (block, value) in d.valueByBlock {
                    out.append(("block." + block.rawValue, "Gerealiseerd in \(d.filter.year): \(d.scheme.label(of: block))", value.description, DutchCSVWriter.euros(value)))
                }
            }
        }
        return out
    }
}
