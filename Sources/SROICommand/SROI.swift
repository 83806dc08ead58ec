import ArgumentParser

/// The one `sroi` command.
@main
struct SROI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sroi",
        abstract: "Social return in Nederlandse overheidsopdrachten: afspreken, volgen en aantonen.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Obligation.self, UserCommand.self, BackupCommand.self, ExportCommand.self, MaintenanceCommand.self, ReportCommand.self, BenchCommand.self],
        defaultSubcommand: Serve.self)
}
