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
    /// Every labour-market region it covers (a job service may cover several).
    var regions: [String]

    init(_ org: OrganisationModel) throws {
        id = try org.requireID()
        name = org.name
        kind = org.kindRaw
        kvk = org.kvk
        region = org.region
        employees = org.employees
        regions = org.regions
    }
}

struct CreateOrganisationRequest: Content {
    var name: String
    var kind: String
    var kvk: String?
    var region: String?
    /// A job service: further regions it covers.
    var regions: [String]?
}
