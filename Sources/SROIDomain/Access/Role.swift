/// What an organisation is on the platform.
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    /// Opdrachtgever: a municipality, ministry, university.
    case buyer
    /// Opdrachtnemer / leverancier.
    case supplier
    /// Sociale onderneming or SW-bedrijf: a supplier one can buy from socially.
    case socialEnterprise = "social_enterprise"
    /// The platform's own administrators.
    case platform
    /// Werkgeversdienstverlening: a werkgeversservicepunt (WSP), UWV or a municipality's employer services, holding
    /// the candidates and matching them to vacancies.
    case jobService = "job_service"

    public var dutchLabel: String {
        switch self {
        case .buyer: "opdrachtgever"
        case .supplier: "opdrachtnemer"
        case .socialEnterprise: "sociale onderneming"
        case .platform: "platformbeheer"
        case .jobService: "werkgeversdienstverlening"
        }
    }

    /// Suppliers and social enterprises can be awarded contracts.
    public var canBeAwarded: Bool { self == .supplier || self == .socialEnterprise }
}

/// A user's role within the own organisation.
public enum Role: String, Sendable, Codable, CaseIterable {
    case coordinator
    case purchaser
    case contractManager = "contract_manager"
    case hrAdviser = "hr_adviser"
    case viewer
    case reporter
    /// A supplier's own administrator: invites colleagues and manages their roles, and reports like a reporter.
    case supplierAdmin = "supplier_admin"
    /// A job service's coordinator: manages its people and proposes candidates.
    case serviceCoordinator = "service_coordinator"
    /// A job service's account manager: proposes candidates to suppliers' vacancies.
    case accountManager = "account_manager"
    case administrator

    public var dutchLabel: String {
        switch self {
        case .coordinator: "SR-coördinator"
        case .purchaser: "inkoper"
        case .contractManager: "contractmanager"
        case .hrAdviser: "HR-adviseur"
        case .viewer: "meekijker"
        case .reporter: "rapporteur"
        case .supplierAdmin: "beheerder (opdrachtnemer)"
        case .serviceCoordinator: "coördinator (werkgeversdienstverlening)"
        case .accountManager: "accountmanager"
        case .administrator: "platformbeheerder"
        }
    }

    /// The roles a user of this kind of organisation can have.
    public static func allowed(for kind: OrganisationKind) -> [Role] {
        switch kind {
        case .buyer: [.coordinator, .purchaser, .contractManager, .hrAdviser, .viewer]
        case .supplier, .socialEnterprise: [.supplierAdmin, .reporter, .viewer]
        case .platform: [.administrator]
        case .jobService: [.serviceCoordinator, .accountManager]
        }
    }

    /// Sets the policy and overrides obligations.
    public var canManagePolicy: Bool { self == .coordinator }
    /// Registers and changes tenders and contracts.
    public var canEditContracts: Bool { self == .coordinator || self == .purchaser || self == .contractManager }
    public var canOverrideObligation: Bool { self == .coordinator }
    public var canManageOrganisations: Bool { self == .administrator }
    /// Records placements, hours, activities and reports for the supplier.
    public var reports: Bool { self == .reporter || self == .supplierAdmin }
    /// Invites people to the own organisation, changes their roles, deactivates accounts.
    public var managesPeople: Bool { self == .coordinator || self == .supplierAdmin || self == .serviceCoordinator || self == .administrator }
    /// Proposes candidates to vacancies for a job service.
    public var matches: Bool { self == .serviceCoordinator || self == .accountManager }
}
