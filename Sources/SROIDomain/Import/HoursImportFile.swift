/// One row of a payroll file: whose hours, in which period, and (for a person not placed yet) the placement.
public struct HoursImportRow: Sendable, Hashable {
    public var line: Int
    public var identifier: CandidateIdentifier
    public var block: BuildingBlock
    public var targetGroup: TargetGroup?
    public var start: Day?
    public var end: Day?
    public var hoursPerWeek: Hours?
    public var doelgroepregister: Bool?
    public var periodStart: Day
    public var periodEnd: Day
    public var paidHours: Hours
}

/// The paid-hours file (verloonde uren) and its columns. Every problem of every row is collected, so the
/// supplier can fix the whole file at once.
public enum HoursImportFile {
    public struct Column: Sendable {
        public var name: String
        public var aliases: [String]
        public var required: Bool
        public var meaning: String
    }

    public static let columns: [Column] = [
        Column(name: "referentie", aliases: ["reference", "personeelsnummer"], required: false, meaning: "uw eigen referentie van de kandidaat (of vul bsn)"),
        Column(name: "bsn", aliases: [], required: false, meaning: "burgerservicenummer; wordt gecontroleerd met de elfproef en nooit opgeslagen"),
        Column(name: "bouwblok", aliases: ["block"], required: false, meaning: "employment (standaard), apprenticeship, internship, work_experience of day_activities"),
        Column(name: "doelgroep", aliases: ["target_group"], required: false, meaning: "nodig voor een nieuwe plaatsing: " + TargetGroup.standard.map(\.rawValue).joined(separator: ", ")),
        Column(name: "begindatum", aliases: ["start"], required: false, meaning: "nodig voor een nieuwe plaatsing: JJJJ-MM-DD of D-M-JJJJ"),
        Column(name: "einddatum", aliases: ["end"], required: false, meaning: "einde van de plaatsing, leeg als die doorloopt"),
        Column(name: "uren_per_week", aliases: ["hours_per_week"], required: false, meaning: "nodig voor een nieuwe plaatsing: contracturen per week"),
        Column(name: "doelgroepregister", aliases: [], required: false, meaning: "ja of nee: telt mee voor de banenafspraak"),
        Column(name: "periode_van", aliases: ["period_start"], required: true, meaning: "eerste dag van de verloonde periode"),
        Column(name: "periode_tot", aliases: ["period_end"], required: true, meaning: "laatste dag van de verloonde periode"),
        Column(name: "verloonde_uren", aliases: ["paid_hours", "uren"], required: true, meaning: "verloonde uren in de periode, zoals 86,5"),
    ]

    /// Reads every row; returns the rows, or every problem found.
    public static func read(_ csv: DutchCSV, supplier: String, scheme: ValuationScheme = .haaglanden2023) -> Result<[HoursImportRow], ImportFailure> {
        let layout: Layout
        switch Layout.of(header: csv.header) {
        case .success(let l): layout = l
        case .failure(let failure): return .failure(failure)
        }
        if csv.rows.isEmpty { return .failure(ImportFailure(problems: [Layout.noRows])) }
        var rows: [HoursImportRow] = []
        rows.reserveCapacity(csv.rows.count)
        var problems: [ImportProblem] = []
        for row in csv.rows {
            switch layout.read(row, supplier: supplier, scheme: scheme) {
            case .success(let r): rows.append(r)
            case .failure(let failure): problems += failure.problems
            }
        }
        return problems.isEmpty ? .success(rows) : .failure(ImportFailure(problems: problems))
    }

    /// Where each column is in a file's header. Checked once; then every row is read on its own, so a file can
    /// be read as it arrives.
    public struct Layout: Sendable {
        /// The columns a row is read from.
        enum Column: Int, CaseIterable {
            case bsn, reference, block, targetGroup, start, end, hoursPerWeek, periodStart, periodEnd, register, paidHours

            var name: String {
                ["bsn", "referentie", "bouwblok", "doelgroep", "begindatum", "einddatum", "uren_per_week", "periode_van",
                 "periode_tot", "doelgroepregister", "verloonde_uren"][rawValue]
            }
        }

        /// Each column's position in the file (-1: absent), found once rather than by name for every cell (issue 20).
        let positions: [Int]

        init(index: [String: Int]) {
            positions = Column.allCases.map { index[$0.name] ?? -1 }
        }

        public static let noRows = ImportProblem(line: 2, column: "-", message: "het bestand heeft geen regels onder de kopregel")

        public static func of(header: [String]) -> Result<Layout, ImportFailure> {
            var problems: [ImportProblem] = []
            var index: [String: Int] = [:]
            for column in columns {
                if let i = DutchCSV.column([column.name] + column.aliases, in: header) { index[column.name] = i }
                else if column.required { problems.append(ImportProblem(line: 1, column: column.name, message: "kolom ontbreekt in de kopregel")) }
            }
            if index["referentie"] == nil && index["bsn"] == nil {
                problems.append(ImportProblem(line: 1, column: "referentie", message: "de kopregel heeft een kolom referentie of bsn nodig"))
            }
            return problems.isEmpty ? .success(Layout(index: index)) : .failure(ImportFailure(problems: problems))
        }

        /// One row: what it says, or every problem with it.
        /// One row; the block and target group may be one of `scheme`'s own, by key or name.
        public func read(_ row: DutchCSV.Row, supplier: String, scheme: ValuationScheme = .haaglanden2023) -> Result<HoursImportRow, ImportFailure> {
            func cell(_ column: Column) -> String {
                let i = positions[column.rawValue]
                guard i >= 0, i < row.fields.count else { return "" }
                return row.fields[i].trimming(" \t")
            }
            var rowProblems: [ImportProblem] = []
            func problem(_ column: String, _ message: String) { rowProblems.append(ImportProblem(line: row.line, column: column, message: message)) }
            var identifier: CandidateIdentifier?
            switch Pseudonymizer.identifier(bsn: cell(.bsn), reference: cell(.reference), supplier: supplier) {
            case .success(let id): identifier = id
            case .failure(let e): problem(e.field == "bsn" ? "bsn" : "referentie", e.message)
            }
            let blockText = cell(.block).lowercased()
            let block = blockText.isEmpty ? BuildingBlock.employment
                : (BuildingBlock(rawValue: blockText) ?? dutchBlock(blockText) ?? scheme.buildingBlock(parsing: blockText))
            if block.map(scheme.placesAPerson) != true {
                problem("bouwblok", "verwacht " + scheme.buildingBlocks.filter(scheme.placesAPerson).map(\.rawValue).joined(separator: ", "))
            }
            var targetGroup: TargetGroup?
            let groupText = cell(.targetGroup)
            if !groupText.isEmpty {
                targetGroup = scheme.targetGroup(parsing: groupText)
                if targetGroup == nil {
                    problem("doelgroep", "onbekende doelgroep '\(groupText)'; schrijf bijvoorbeeld " + scheme.targetGroups.map { "\(scheme.label(of: $0)) (\($0.rawValue))" }.joined(separator: ", "))
                }
            }
            func day(_ column: Column, required: Bool) -> Day? {
                let text = cell(column)
                if text.isEmpty {
                    if required { problem(column.name, "vul een datum in (JJJJ-MM-DD of D-M-JJJJ)") }
                    return nil
                }
                guard let d = parseDay(text) else { problem(column.name, "verwacht een datum als JJJJ-MM-DD of D-M-JJJJ, niet '\(text)'"); return nil }
                return d
            }
            let start = day(.start, required: false)
            let end = day(.end, required: false)
            let periodStart = day(.periodStart, required: true)
            let periodEnd = day(.periodEnd, required: true)
            if let s = periodStart, let e = periodEnd, e < s { problem("periode_tot", "het einde van de periode ligt voor het begin") }
            if let s = start, let e = end, e < s { problem("einddatum", "de einddatum ligt voor de begindatum") }
            var hoursPerWeek: Hours?
            let hoursPerWeekText = cell(.hoursPerWeek)
            if !hoursPerWeekText.isEmpty {
                hoursPerWeek = Hours(text: hoursPerWeekText)
                if hoursPerWeek == nil || hoursPerWeek!.hundredths <= 0 || hoursPerWeek!.hundredths > 6_000 {
                    problem("uren_per_week", "verwacht een aantal uren tussen 0 en 60, zoals 24 of 24,5")
                }
            }
            var register: Bool?
            switch cell(.register).lowercased() {
            case "": register = nil
            case "ja", "j", "yes", "true", "1": register = true
            case "nee", "n", "no", "false", "0": register = false
            default: problem("doelgroepregister", "verwacht ja of nee")
            }
            let paidText = cell(.paidHours)
            let paid = Hours(text: paidText)
            if paidText.isEmpty { problem("verloonde_uren", "vul het aantal verloonde uren in") }
            // No fixed maximum here: what a person can work depends on the length of the period (`PaidHoursRule`).
            else if paid == nil || paid!.hundredths < 0 || paid!.hundredths > 10_000_000 {
                problem("verloonde_uren", "verwacht een aantal uren zoals 86,5, niet '\(paidText)'")
            }
            if rowProblems.isEmpty, let identifier, let block, let periodStart, let periodEnd, let paid {
                return .success(HoursImportRow(line: row.line, identifier: identifier, block: block, targetGroup: targetGroup, start: start, end: end,
                                               hoursPerWeek: hoursPerWeek, doelgroepregister: register, periodStart: periodStart,
                                               periodEnd: periodEnd, paidHours: paid))
            }
            return .failure(ImportFailure(problems: rowProblems))
        }
    }

    /// "2026-03-01" or the way Dutch Excel writes it: "1-3-2026", "01-03-2026", "1/3/2026".
    public static func parseDay(_ text: String) -> Day? {
        if let d = Day(iso: text) { return d }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    static func dutchBlock(_ text: String) -> BuildingBlock? {
        switch text {
        case "arbeidsovereenkomst", "dienstverband": .employment
        case "leerwerkplek", "bbl": .apprenticeship
        case "stage": .internship
        case "werkervaringsplek": .workExperience
        case "dagbesteding": .dayActivities
        default:
            // The label as the pages show it ("leerwerkplek (BBL)"), in any case and punctuation.
            BuildingBlock.allCases.first { b in
                String(b.dutchLabel.lowercased().filter { $0.isLetter }) == String(text.filter { $0.isLetter })
            }
        }
    }
}
