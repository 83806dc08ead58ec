import Fluent
import Foundation
import SQLKit
import SROIDomain
import Vapor

/// Requires a logged-in user on every route behind it.
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.currentUser()
        return try await next.respond(to: request)
    }
}

/// The JSON API under /api/v1.
struct APIController: Sendable {
    func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.post("login", use: login)
        api.get("openapi.yaml", use: openAPI)
        PeopleAPIController().registerPublic(api)
        let auth = api.grouped(BearerAuthenticator(), RequireUser(), ReadOnlyGuard())
        auth.get("me", use: me)
        auth.get("organisations", use: listOrganisations)
        auth.post("organisations", use: createOrganisation)
        auth.get("organisations", ":id", use: organisation)
        auth.patch("organisations", ":id", use: updateOrganisation)
        auth.get("organisations", ":id", "policy", use: policy)
        auth.put("organisations", ":id", "policy", use: updatePolicy)
        auth.get("organisations", ":id", "policy", "versions", use: policyVersions)
        auth.get("contracts", use: listContracts)
        auth.post("contracts", use: createContract)
        auth.get("contracts", ":id", use: contract)
        auth.patch("contracts", ":id", use: updateContract)
        auth.get("contracts", ":id", "obligation", use: obligation)
        auth.put("contracts", ":id", "obligation", "override", use: setOverride)
        auth.delete("contracts", ":id", "obligation", "override", use: removeOverride)
        auth.get("portfolio", use: portfolio)
        FulfilmentAPIController().register(auth)
        AccountAPIController().register(auth)
        PartnershipAPIController().register(auth)
        ActionPlanAPIController().register(auth)
        EvaluationAPIController().register(auth)
        TargetAPIController().register(auth)
        DelegationAPIController().register(auth)
        SuccessStoryAPIController().register(auth)
        MatchingAPIController().register(auth)
        TenderAPIController().register(auth)
        CreditingAPIController().register(auth)
        DashboardAPIController().register(auth)
        PeopleAPIController().register(auth)
        DashboardAPIController().registerPublic(api)
    }

    // MARK: Login

    struct LoginRequest: Content {
        var email: String
        var password: String
    }

    struct LoginResponse: Content {
        var token: String
        var expiresAt: Date
        var user: MeDTO
    }

    func login(req: Request) async throws -> Response {
        let body = try req.content.decode(LoginRequest.self)
        guard let user = try await UserLookup.login(email: body.email, password: body.password, address: req.clientAddress,
                                                    passwords: req.platform.passwords, on: req.db) else {
            throw AppError.unauthenticated
        }
        let current = try UserLookup.currentUser(user)
        let lifetime = req.platform.configuration.apiTokenLifetime
        let token = try await APITokens.issue(for: current.userID, lifetime: lifetime, on: req.db)
        return try await LoginResponse(token: token, expiresAt: Date().addingTimeInterval(lifetime), user: MeDTO(current))
            .encodeResponse(status: .ok, for: req)
    }

    func me(req: Request) async throws -> MeDTO {
        MeDTO(try req.currentUser())
    }

    func openAPI(req: Request) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    // MARK: Organisations

    func listOrganisations(req: Request) async throws -> [OrganisationDTO] {
        try await Access.organisations(for: try req.currentUser(), on: req.db).map(OrganisationDTO.init)
    }

    func organisation(req: Request) async throws -> OrganisationDTO {
        try OrganisationDTO(try await Access.organisation(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db))
    }

    /// `{"employees": 12}` or `{"employees": null}` (unknown); a body without it changes nothing.
    struct OrganisationChange: Decodable {
        var employees: Int?
        var mentionsEmployees: Bool
        enum CodingKeys: String, CodingKey { case employees }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mentionsEmployees = c.contains(.employees)
            employees = try c.decodeIfPresent(Int.self, forKey: .employees)
        }
    }

    /// Only the number of employees changes here.
    func updateOrganisation(req: Request) async throws -> OrganisationDTO {
        let change = try req.content.decode(OrganisationChange.self)
        let user = try req.currentUser()
        guard change.mentionsEmployees else {
            return try OrganisationDTO(try await Access.organisation(req.parameters.get("id", as: UUID.self), for: user, on: req.db))
        }
        return try OrganisationDTO(try await OrganisationService.setEmployees(change.employees, of: req.parameters.get("id", as: UUID.self),
                                                                             by: user, on: req.db))
    }

    func createOrganisation(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateOrganisationRequest.self)
        let org = try await OrganisationService.create(.init(name: body.name, kind: body.kind, kvk: body.kvk, region: body.region, regions: body.regions),
                                                       by: try req.currentUser(), on: req.db)
        return try await OrganisationDTO(org).encodeResponse(status: .created, for: req)
    }

    // MARK: Policy

    func policy(req: Request) async throws -> PolicyVersionDTO {
        let owner = try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        guard let version = try await PolicyStore.current(of: try owner.requireID(), on: req.db) else { throw AppError.notFound }
        return try PolicyVersionDTO(version)
    }

    func policyVersions(req: Request) async throws -> [PolicyVersionDTO] {
        let owner = try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        return try await PolicyStore.versions(of: try owner.requireID(), on: req.db).map(PolicyVersionDTO.init)
    }

    func updatePolicy(req: Request) async throws -> PolicyVersionDTO {
        let user = try req.currentUser()
        let owner = try await Access.policyOwner(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(UpdatePolicyRequest.self)
        // Unchanged settings add no version: the current one is answered, as the page does.
        let (version, _) = try await PolicyStore.change(for: try owner.requireID(), by: user, note: body.note, on: req.db) { current in
            try body.settings.applied(to: current, presentKeys: body.presentSettingKeys)
        }
        guard let version else { throw AppError.notFound }
        return try PolicyVersionDTO(version)
    }

    // MARK: Contracts

    /// Kept while nothing changes (`AnswerCache`), per filter.
    func listContracts(req: Request) async throws -> Response {
        let filter = try req.query.decode(ContractFilter.self)
        return try await req.keptAnswer(dependingOn: filter.kept) {
            let user = try req.currentUser()
            let (contracts, context) = try await Access.contractRecords(for: user, filter: filter, on: req.db)
            let obligations = try await ObligationService.obligations(for: contracts, context: context, explained: false, on: req.db)
            return try contracts.map { try ContractDTO($0, obligation: $0.id.flatMap { obligations[$0] }) }
        }
    }

    /// Kept while nothing changes (`AnswerCache`).
    func contract(req: Request) async throws -> Response {
        try await req.keptAnswer {
            let (c, context) = try await Access.contractToRead(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
            return try ContractDTO(c, obligation: try await ObligationService.obligation(for: c, context: context, on: req.db))
        }
    }

    func createContract(req: Request) async throws -> Response {
        let payload = try req.content.decode(ContractPayload.self)
        let c = try await ContractService.create(payload.applied(to: ContractDraft()), by: try req.currentUser(), on: req.db)
        return try await ContractDTO(c, obligation: try await ObligationService.obligation(for: c, on: req.db))
            .encodeResponse(status: .created, for: req)
    }

    func updateContract(req: Request) async throws -> ContractDTO {
        let user = try req.currentUser()
        let c = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let payload = try req.content.decode(ContractPayload.self)
        try await ContractService.update(c, with: payload.applied(to: ContractDraft(c)), by: user, on: req.db)
        return try ContractDTO(c, obligation: try await ObligationService.obligation(for: c, on: req.db))
    }

    func obligation(req: Request) async throws -> ObligationDTO {
        let c = try await Access.contract(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        guard let o = try await ObligationService.obligation(for: c, on: req.db) else { throw AppError.notFound }
        return ObligationDTO(contractID: try c.requireID(), o)
    }

    func setOverride(req: Request) async throws -> ObligationDTO {
        let user = try req.currentUser()
        let c = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(OverrideRequest.self)
        try await ContractService.setOverride(
            ObligationOverride(applicable: body.applicable, amount: body.amountCents.map(Money.init(cents:)), reason: body.reason),
            on: c, by: user, on: req.db)
        return try await obligation(req: req)
    }

    func removeOverride(req: Request) async throws -> ObligationDTO {
        let user = try req.currentUser()
        let c = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        try await ContractService.setOverride(nil, on: c, by: user, on: req.db)
        return try await obligation(req: req)
    }

    func portfolio(req: Request) async throws -> PortfolioDTO {
        PortfolioDTO(try await PortfolioService.portfolio(for: try req.currentUser(), today: req.platform.today(), on: req.db))
    }
}

/// The filters of a contract list, shared by the API and the web page.
struct ContractFilter: Content {
    var status: String?
    /// CPV prefix of a category, e.g. "909".
    var category: String?
    var supplierId: String?

    /// The filter as conditions on the table `contracts`.
    var conditions: [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let status, !status.isEmpty { conditions.append("status = \(bind: status)") }
        if let category, !category.isEmpty, category.allSatisfy(\.isNumber) { conditions.append("cpv LIKE \(bind: category + "%")") }
        if let supplierId = supplierId.flatMap(UUID.init(uuidString:)) { conditions.append("supplier_id = \(bind: supplierId)") }
        return conditions
    }

    /// What the answer depends on, as text (`Request.keptAnswer`): the values as the conditions read them.
    var kept: String {
        [status.map { "status=\($0)" }, category.map { "category=\($0)" },
         supplierId.flatMap(UUID.init(uuidString:)).map { "supplierId=\($0.uuidString)" }].compactMap { $0 }.joined(separator: "&")
    }
}
