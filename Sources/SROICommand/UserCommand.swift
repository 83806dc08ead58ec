import ArgumentParser
import Foundation
import SROIApp

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Gebruikers beheren.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Maak een gebruiker aan. Het wachtwoord komt uit SROI_PASSWORD of wordt gevraagd.")

        @ArgumentParser.Option(help: "E-mailadres (inlognaam).") var email: String
        @ArgumentParser.Option(help: "Naam.") var name: String
        @ArgumentParser.Option(help: "Organisatie: id, KvK-nummer of exacte naam.") var organisation: String
        @ArgumentParser.Option(help: "Rol: coordinator, purchaser, contract_manager, hr_adviser, viewer, reporter, administrator.") var role: String

        func run() async throws {
            let password: String
            if let fromEnv = ProcessInfo.processInfo.environment["SROI_PASSWORD"], !fromEnv.isEmpty {
                password = fromEnv
            } else {
                print("Wachtwoord: ", terminator: "")
                guard let line = readLine(strippingNewline: true) else { throw ValidationError("Geen wachtwoord gegeven.") }
                password = line
            }
            try await AppRunner.withApplication { app in
                try await prepareDatabase(app)
                let user = try await UserAdministration.create(email: email, name: name, organisation: organisation, role: role,
                                                               password: password, on: app)
                print("Gebruiker \(user.email) aangemaakt (\(user.role)) bij \(user.organisation).")
            }
        }
    }
}
