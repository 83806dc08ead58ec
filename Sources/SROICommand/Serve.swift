import ArgumentParser
import SROIApp
import Vapor

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start de webserver (migreert eerst; laadt demodata in een lege database).")

    @ArgumentParser.Option(help: "Adres om op te luisteren.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Poort.") var port = 8080

    func run() async throws {
        try await AppRunner.withApplication(arguments: ["sroi", "serve", "--hostname", hostname, "--port", String(port)]) { app in
            try await prepareDatabase(app)
            if app.platformConfiguration.loadDemoWhenEmpty, try await DemoData.databaseIsEmpty(app) {
                AppRunner.printAccounts(try await DemoData.load(app))
            }
            AppRunner.say("sroi draait op http://\(hostname):\(port)/ (stoppen met Ctrl-C)")
            try await serveUntilStopped(app)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Voer de databasemigraties uit.")

    func run() async throws {
        try await AppRunner.withApplication { app in
            try await prepareDatabase(app)
            print("De database is bijgewerkt.")
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Laad de demodata (gemeente, ministerie, leveranciers, contracten).")

    func run() async throws {
        try await AppRunner.withApplication { app in
            try await prepareDatabase(app)
            AppRunner.printAccounts(try await DemoData.load(app))
        }
    }
}
