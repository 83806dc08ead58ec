import Foundation
import SROIDomain
import Vapor

/// Who is making the request: the user, the organisation and the role. Every access check reads this.
struct CurrentUser: Authenticatable, Sendable {
    let userID: UUID
    let name: String
    let email: String
    let role: Role
    let organisationID: UUID
    let organisationName: String
    let organisationKind: OrganisationKind
    /// Sessions and tokens from before this moment are revoked.
    var sessionsValidAfter: Date? = nil
    /// Logged in with a read-only API token.
    var readOnly = false
    /// Contracts another supplier authorised this organisation to record and report for (`ContractDelegationModel`).
    var delegatedContracts: Set<UUID> = []

    var isAdministrator: Bool { role == .administrator && organisationKind == .platform }
    var isBuyer: Bool { organisationKind == .buyer }
    var isSupplier: Bool { organisationKind.canBeAwarded }
    var isJobService: Bool { organisationKind == .jobService }
}

extension Request {
    /// The logged-in user, or 401.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw AppError.unauthenticated }
        return user
    }
}
