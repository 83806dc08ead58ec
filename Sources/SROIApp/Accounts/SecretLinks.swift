import Foundation
import Vapor

/// Single-use links (invitations, password resets): a random token in the link, only its SHA-256 in the database.
enum SecretLinks {
    static func newToken() -> String { [UInt8].random(count: 32).base64URLEncoded }
    static func hash(_ token: String) -> String { APITokens.hash(token) }
}

/// Why a single-use link (an invitation, a password reset) no longer works, in words a person can act on.
enum LinkProblem: Error, Equatable {
    case unknown, used, expired

    var message: String {
        switch self {
        case .unknown: "Deze link kennen we niet. Controleer of u de hele link uit de e-mail heeft gebruikt."
        case .used: "Deze link is al gebruikt of vervangen door een nieuwere uitnodiging. Heeft u al een account, log dan in; anders kunt u een nieuwe uitnodiging vragen."
        case .expired: "Deze uitnodiging is verlopen (een uitnodiging is 72 uur geldig). Vraag degene die u uitnodigde om een nieuwe."
        }
    }
}

/// Who may manage the people of an organisation: its coordinators (buyer) or supplier administrators, and the
/// platform's administrators for any organisation.
enum PeopleAccess {
    static func requireManager(of organisationID: UUID, _ user: CurrentUser) throws {
        guard user.isAdministrator || (user.organisationID == organisationID && user.role.managesPeople) else {
            throw AppError.forbidden("Alleen een SR-coördinator, de beheerder van de opdrachtnemer of platformbeheer beheert de gebruikers van een organisatie.")
        }
    }
}
