import ArgumentParser
import Foundation
import SROIApp
import SROIDomain

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Maak een consistente kopie van de SQLite-database, ook terwijl de server draait.")

    @Argument(help: "Het nieuwe bestand voor de kopie.") var path: String

    func run() async throws {
        try await AppRunner.withApplication { app in
            try await Backup.sqlite(app, to: path)
            AppRunner.say("Back-up geschreven naar \(path).")
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Gegevens exporteren.", subcommands: [Organisation.self])

    struct Organisation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Alle gegevens van een organisatie als JSON (AVG: recht op inzage en overdraagbaarheid).")

        @Argument(help: "Het id van de organisatie.") var id: String
        @ArgumentParser.Option(help: "Schrijf naar dit bestand in plaats van naar de standaarduitvoer.") var output: String?

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("ID: verwacht een id zoals 8F0C…, kreeg '\(id)'") }
            try await AppRunner.withApplication { app in
                let data = try await OrganisationExport.json(app, organisation: uuid)
                if let output {
                    try data.write(to: URL(fileURLWithPath: output))
                    AppRunner.say("Export geschreven naar \(output).")
                } else {
                    FileHandle.standardOutput.write(data)
                    FileHandle.standardOutput.write(Data("\n".utf8))
                }
            }
        }
    }
}

struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Dagelijks onderhoud: verwijdert bewijsstukken na de bewaartermijn (gelogd). Veilig om elke dag te draaien.")

    func run() async throws {
        try await AppRunner.withApplication { app in
            try await prepareDatabase(app)
            let result = try await Maintenance.run(app)
            AppRunner.say("Onderhoud klaar: \(result.evidenceDeleted) bewijsstuk(ken) verwijderd na de bewaartermijn.")
        }
    }
}

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Herinneringen van vandaag (rapportages, acties, dagoverzichten) en de e-mail in de wachtrij versturen. Twee keer draaien verstuurt niets dubbel.")

    func run() async throws {
        try await AppRunner.withApplication { app in
            try await prepareDatabase(app)
            let r = try await NotifyRun.run(app)
            AppRunner.say("Herinneringen verstuurd: over rapportages \(r.reportReminders), over acties \(r.actionReminders); dagoverzichten \(r.digests).")
            AppRunner.say("E-mail: \(r.sent) verstuurd, \(r.retried) later opnieuw, \(r.failed) mislukt.")
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Overzichten afdrukken.", subcommands: [Supplier.self, Organisation.self])

    struct Supplier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "De SR-rekening van een opdrachtnemer: alle verplichtingen bij alle opdrachtgevers.")

        @Argument(help: "Het id van de opdrachtnemer.") var id: String
        @ArgumentParser.Option(help: "text of json") var format: String = "text"

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("ID: verwacht een id zoals 8F0C…, kreeg '\(id)'") }
            guard ["text", "json"].contains(format) else { throw ValidationError("--format: kies text of json") }
            try await AppRunner.withApplication { app in
                try await prepareDatabase(app)
                AppRunner.say(try await SupplierReport.render(app, supplier: uuid, json: format == "json"))
            }
        }
    }

    struct Organisation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "De cijfers van het managementdashboard van een opdrachtgever.")

        @Argument(help: "Het id van de opdrachtgever.") var id: String
        @ArgumentParser.Option(help: "Het jaar (standaard dit jaar).") var year: Int?
        @ArgumentParser.Option(help: "text, csv of json") var format: String = "text"
        @ArgumentParser.Option(help: "De tabel voor text en csv: kerncijfers, contracten, doelgroepen, bouwblokken of tijdlijn.") var table: String = "kerncijfers"

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("ID: verwacht een id zoals 8F0C…, kreeg '\(id)'") }
            guard ["text", "csv", "json"].contains(format) else { throw ValidationError("--format: kies text, csv of json") }
            try await AppRunner.withApplication { app in
                try await prepareDatabase(app)
                let out = try await OrganisationReport.render(app, organisation: uuid, year: year, format: format, table: table)
                FileHandle.standardOutput.write(Data((format == "csv" ? out : out + "\n").utf8))
            }
        }
    }
}

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Metingen met figuren (geen tests).", subcommands: [Dashboard.self, Import.self])

    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Genereert een landelijke dataset in een eigen database en meet het dashboard tegen handgeschreven SQL.")

        @ArgumentParser.Option(help: "SQLite-bestand voor de benchmark (wordt aangemaakt).") var sqlite: String = "sroi-bench.sqlite"
        @ArgumentParser.Option(help: "PostgreSQL-URL van een lege database, in plaats van SQLite.") var postgres: String?
        @ArgumentParser.Option var buyers: Int = 350
        @ArgumentParser.Option var contracts: Int = 50_000
        @ArgumentParser.Option var placements: Int = 250_000
        @ArgumentParser.Option(help: "Weken uren per plaatsing (40 × 250.000 = 10 miljoen regels).") var weeks: Int = 40
        @ArgumentParser.Option(help: "Aantal opdrachtgevers om te meten.") var samples: Int = 21

        func run() async throws {
            var config = AppConfiguration.fromEnvironment()
            config.database = postgres.map { .postgres(url: $0) } ?? .sqlite(path: sqlite)
            config.loadDemoWhenEmpty = false
            config.fixedToday = "2026-11-27"
            try await AppRunner.withApplication(configuration: config) { app in
                app.logger.logLevel = .warning
                try await prepareDatabase(app)
                AppRunner.say("Benchmark dashboard op \(postgres == nil ? "SQLite (\(sqlite))" : "PostgreSQL"), \(ProcessInfo.processInfo.activeProcessorCount) cores")
                try await DashboardBenchmark.run(app, scale: .init(buyers: buyers, contracts: contracts, placements: placements, weeks: weeks),
                                                 samples: samples, say: { AppRunner.say($0) })
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schrijft een urenbestand van een miljoen regels en meet de import: regels per seconde en piekgeheugen.")

        @ArgumentParser.Option(help: "SQLite-bestand voor de benchmark (wordt aangemaakt).") var sqlite: String = "sroi-import-bench.sqlite"
        @ArgumentParser.Option(help: "PostgreSQL-URL van een eigen database, in plaats van SQLite.") var postgres: String?
        @ArgumentParser.Option var rows: Int = 1_000_000
        @ArgumentParser.Option(help: "Waar het gegenereerde CSV-bestand komt (blijft staan).") var file: String = NSTemporaryDirectory() + "sroi-uren-bench.csv"
        @ArgumentParser.Option(help: "Wachtwoord van de rapporteur importbank@bench.example (voor een import via HTTP daarna).")
        var password: String = ProcessInfo.processInfo.environment["SROI_BENCH_PASSWORD"] ?? "Importbank-wachtwoord-1"

        func run() async throws {
            var config = AppConfiguration.fromEnvironment()
            config.database = postgres.map { .postgres(url: $0) } ?? .sqlite(path: sqlite)
            config.loadDemoWhenEmpty = false
            try await AppRunner.withApplication(configuration: config) { app in
                app.logger.logLevel = .warning
                try await prepareDatabase(app)
                AppRunner.say("Benchmark urenimport op \(postgres == nil ? "SQLite (\(sqlite))" : "PostgreSQL"), \(ProcessInfo.processInfo.activeProcessorCount) cores")
                let result = try await ImportBenchmark.run(app, rows: rows, file: file, password: password, say: { AppRunner.say($0) })
                AppRunner.say("Contract: \(result.contractID)")
            }
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Gegevens importeren.", subcommands: [Hours.self])

    struct Hours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Een urenbestand (CSV zoals Excel het schrijft) in een contract importeren: alles of niets.")

        @ArgumentParser.Option(help: "Id van het contract.") var contract: String
        @ArgumentParser.Option(name: .customLong("as"), help: "E-mailadres van de rapporteur van de opdrachtnemer (of een beheerder).") var email: String
        @ArgumentParser.Argument(help: "Het CSV-bestand.") var file: String

        func run() async throws {
            guard let id = UUID(uuidString: contract) else { throw ValidationError("--contract: verwacht een id als 8c6f…-…") }
            let outcome = try await AppRunner.withApplication { app in
                try await prepareDatabase(app)
                return try await HoursImportFromFile.run(app, contract: id, email: email, path: file)
            }
            switch outcome {
            case .imported(let rows, let placements):
                AppRunner.say("\(DutchNumberFormat.grouped(rows)) urenregels geïmporteerd; \(placements) nieuwe plaatsingen.")
            case .refused(let problems, let total):
                AppRunner.say("Er is niets geïmporteerd: \(DutchNumberFormat.grouped(total)) " + (total == 1 ? "probleem." : "problemen."))
                for p in problems { AppRunner.say("  " + p) }
                if total > problems.count { AppRunner.say("  … en nog \(DutchNumberFormat.grouped(total - problems.count))") }
                throw ExitCode(1)
            }
        }
    }
}
