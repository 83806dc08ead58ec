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

    /// Structured logs for a log collector when `SROI_LOG_FORMAT=json`; readable lines otherwise. `SROI_LOG_LEVEL`
    /// (trace, debug, info, notice, warning, error, critical) sets the level; at debug every SQL statement is logged.
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["SROI_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        if environment["SROI_LOG_FORMAT"] == "json" {
            LoggingSystem.bootstrap { var handler = JSONLogHandler(label: $0); handler.logLevel = level; return handler }
        } else if level != .info {
            LoggingSystem.bootstrap { var handler = StreamLogHandler.standardError(label: $0); handler.logLevel = level; return handler }
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
