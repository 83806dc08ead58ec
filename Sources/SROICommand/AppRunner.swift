import Foundation
import SROIApp
import Vapor

/// Builds a configured application for a subcommand and always shuts it down.
enum AppRunner {
    static func withApplication<T>(arguments: [String] = ["sroi"], configuration: AppConfiguration = .fromEnvironment(),
                                   _ body: (Application) async throws -> T) async throws -> T {
        let environment = Environment(name: ProcessInfo.processInfo.environment["SROI_ENV"] ?? "production", arguments: arguments)
        let app = try await Application.make(environment)
        do {
            try await configure(app, configuration)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func printAccounts(_ accounts: [DemoData.Account]) {
        say("Demodata geladen. Inloggen kan met deze accounts:")
        let width = accounts.map(\.email.count).max() ?? 20
        for a in accounts {
            let pad = String(repeating: " ", count: max(0, width - a.email.count))
            say("  \(a.email)\(pad)  \(a.password)  \(a.role), \(a.organisation)")
        }
        say("Bewaar deze wachtwoorden: ze worden niet opnieuw getoond.")
    }

    /// Writes a line to standard output at once (print is buffered when output goes to a file).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
