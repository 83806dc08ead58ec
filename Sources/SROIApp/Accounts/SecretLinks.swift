import Foundation
import Vapor

/// Single-use links (invitations, password resets): a random token in the link, only its SHA-256 in the database.
enum SecretLinks {
    static func newToken() -> String { [UInt8].random(count: 32).base64URLEncoded }
    static func hash(_ token: String) -> String { APITokens.hash(token) }
}

/// Who may manage the people of an organisation: its coordinators (buyer) or supplier administrators, and the
/// platform's administrators for any organisation.
enum PeopleAccess {
    static func requireManager(of organisationID: UUID, _ user: CurrentUser) throws {
        guard user.isAdministrator || (user.organisationID == organisationID && (user.role == .coordinator || user.role == .supplierAdmin)) else {
            throw AppError.forbidden("Alleen een SR-coördinator, de beheerder van de opdrachtnemer of platformbeheer beheert de gebruikers van een organisatie.")
        }
    }
}
