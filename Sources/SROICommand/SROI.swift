import ArgumentParser
import Foundation
import Logging
import SROIApp

/// The one `sroi` command.
@main
struct SROI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sroi",
        abstract: "Social return in Nederlandse overheidsopdrachten: afspreken, volgen en aantonen.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Obligation.self, UserCommand.self, BackupCommand.self, ExportCommand.self, MaintenanceCommand.self, NotifyCommand.self, ReportCommand.self, ImportCommand.self, BenchCommand.self],
        defaultSubcommand: Serve.self)

    /// Structured logs for a log collector when `SROI_LOG_FORMAT=json`; readable lines otherwise.
    static func main() async {
        if ProcessInfo.processInfo.environment["SROI_LOG_FORMAT"] == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
