import Foundation
import SROIDomain

/// The dashboard's tables, in one place for the page, the CSV and JSON exports, the printed report and
/// `sroi report organisation`. Person counts as `DashboardPersonCounts` shows them ("< 5", "afgeschermd").
struct DashboardTable: Sendable {
    var key: String
    var title: String
    var header: [String]
    /// Cells as people read them (€ 1.200, "< 5").
    var rows: [[String]]
    /// Cells as a spreadsheet reads them (1200,00).
    var csvRows: [[String]]
}

enum DashboardTables {
    static let keys = ["kerncijfers", "contracten", "doelgroepen", "bouwblokken", "tijdlijn", "rapportages", "bemiddeling"]

    static func all(_ d: Dashboard) -> [DashboardTable] { keys.compactMap { table($0, of: d) } }

    static func table(_ key: String, of d: Dashboard) -> DashboardTable? {
        let csvMoney = DutchCSVWriter.euros
        let counts = d.personCounts
        switch key {
        case "bemiddeling":
            guard let m = d.matching else { return nil }
            let rows: [[String]] = [
                ["Vacatures", DutchNumberFormat.grouped(m.vacancies)], ["Open vacatures", DutchNumberFormat.grouped(m.openVacancies)],
                ["Voorgedragen kandidaten", m.proposals.display], ["Sollicitatiegesprekken", m.interviews.display], ["Geplaatst", m.placements.display],
                ["Gemiddeld dagen van vacature tot vervuld", m.averageDaysToFill.map(String.init) ?? FigureWords.notYet],
                ["Na 6 maanden nog aan het werk", FigureWords.part(m.retention6.retained, of: m.retention6.eligible)],
                ["Na 12 maanden nog aan het werk", FigureWords.part(m.retention12.retained, of: m.retention12.eligible)],
                ["Geplaatste personen met een vastgestelde doelgroep", counts.verified.display],
            ]
            return DashboardTable(key: key, title: "Bemiddeling door werkgeversdienstverlening", header: ["Maat", "Waarde"], rows: rows, csvRows: rows)
        case "kerncijfers":
            let t = d.totals
            var figures: [(String, String, String)] = [
                ("Contracten", DutchNumberFormat.grouped(t.contracts), String(t.contracts)),
                ("Met social return", DutchNumberFormat.grouped(t.withObligation), String(t.withObligation)),
                ("Verplichting", t.obligation.description, csvMoney(t.obligation)),
                ("Gerealiseerd (goedgekeurd, tot en met \(d.day.dutch))", t.realised.description, csvMoney(t.realised)),
                ("Gerealiseerd in \(d.filter.year)", t.realisedInYear.description, csvMoney(t.realisedInYear)),
                ("In beoordeling", t.pending.description, csvMoney(t.pending)),
                ("Verwacht op \(d.day.dutch)", t.expected.description, csvMoney(t.expected)),
            ]
            for s in ProgressStatus.listed {
                let n = t.statusCounts[s] ?? 0
                figures.append(("Status \(s.dutchLabel)", String(n), String(n)))
            }
            figures += [
                ("Geplaatste personen in \(d.filter.year)", counts.people.display, counts.people.display),
                ("Banenafspraakbanen in \(d.filter.year)", BanenafspraakJobs.dutch(d.jobsThousandths), BanenafspraakJobs.dutch(d.jobsThousandths)),
            ]
            if let goal = d.jobsGoal {
                figures.append(("Doel banenafspraakbanen" + (d.jobsGoalYear.map { " in \($0)" } ?? ""), String(goal), String(goal)))
            }
            figures += [
                ("Duurzame plaatsingen", FigureWords.part(counts.durable, of: counts.judged), FigureWords.part(counts.durable, of: counts.judged)),
                ("Draaideuren", counts.revolvingDoors.display, counts.revolvingDoors.display),
            ]
            return DashboardTable(key: key, title: "Kerncijfers", header: ["Kerncijfer", "Waarde"],
                                  rows: figures.map { [$0.0, $0.1] }, csvRows: figures.map { [$0.0, $0.2] })
        case "contracten":
            let header = ["Contract", "Opdrachtnemer", "Categorie", "Regio", "Status contract", "Verplichting", "Gerealiseerd", "In beoordeling", "Verwacht", "Voortgang"]
            return DashboardTable(key: key, title: "Per contract", header: header,
                rows: d.contracts.map { [$0.title, $0.supplier, $0.category, $0.region, $0.status.dutchLabel, $0.obligation.description,
                                         $0.realised.description, $0.pending.description, $0.expected.description, $0.progress.dutchLabel] },
                csvRows: d.contracts.map { [$0.title, $0.supplier, $0.category, $0.region, $0.status.dutchLabel, csvMoney($0.obligation),
                                            csvMoney($0.realised), csvMoney($0.pending), csvMoney($0.expected), $0.progress.dutchLabel] })
        case "doelgroepen":
            let rows = counts.byTargetGroup.map { [d.scheme.label(of: $0.0), $0.1.display] }
            return DashboardTable(key: key, title: "Geplaatste personen per doelgroep", header: ["Doelgroep", "Personen"], rows: rows, csvRows: rows)
        case "bouwblokken":
            let people = counts.byBlock
            let value = Dictionary(d.valueByBlock, uniquingKeysWith: { a, _ in a })
            let blocks = BuildingBlock.ordered(Array(people.keys) + Array(value.keys))
            return DashboardTable(key: key, title: "Per bouwblok in \(d.filter.year)", header: ["Bouwblok", "Personen", "Gerealiseerd"],
                rows: blocks.map { [d.scheme.label(of: $0), people[$0]?.display ?? "0", (value[$0] ?? .zero).description] },
                csvRows: blocks.map { [d.scheme.label(of: $0), people[$0]?.display ?? "0", csvMoney(value[$0] ?? .zero)] })
        case "tijdlijn":
            return DashboardTable(key: key, title: "Gerealiseerd tegenover verwacht, cumulatief", header: ["Kwartaal", "Verwacht", "Gerealiseerd"],
                rows: d.timeline.map { [$0.label, $0.expected.description, $0.realised?.description ?? "-"] },
                csvRows: d.timeline.map { [$0.label, csvMoney($0.expected), $0.realised.map(csvMoney) ?? ""] })
        case "rapportages":
            let rows = d.lateReports.map { [$0.supplier, $0.contract, "te laat: \($0.period.start.dutch) – \($0.period.end.dutch)", "uiterlijk \($0.dueDate.dutch)"] }
                + d.reviewBacklog.map { [$0.supplier, $0.contract, "wacht \($0.days) dagen op beoordeling", "ingediend \($0.submittedOn.dutch)"] }
            return DashboardTable(key: key, title: "Rapportages die aandacht vragen", header: ["Opdrachtnemer", "Contract", "Wat", "Datum"],
                                  rows: rows, csvRows: rows)
        default:
            return nil
        }
    }

    static func csv(_ table: DashboardTable) -> String { DutchCSVWriter.csv(header: table.header, rows: table.csvRows) }
}
