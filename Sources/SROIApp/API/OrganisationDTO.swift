import Foundation
import Vapor

struct OrganisationDTO: Content {
    var id: UUID
    var name: String
    var kind: String
    var kvk: String?
    var region: String?
    /// Number of employees, as the organisation states it.
    var employees: Int?

    init(_ org: OrganisationModel) throws {
        id = try org.requireID()
        name = org.name
        kind = org.kindRaw
        kvk = org.kvk
        region = org.region
        employees = org.employees
    }
}

struct CreateOrganisationRequest: Content {
    var name: String
    var kind: String
    var kvk: String?
    var region: String?
}
