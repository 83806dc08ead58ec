import Fluent
import Foundation
import SQLKit
import SROIDomain

/// The obligation of a stored contract: the policy version it is computed with, and the result.
struct ContractObligation: Sendable {
    let effective: EffectiveObligation
    let policyVersion: Int
    let policyName: String
    /// The policy the obligation was computed with; its valuation table values the fulfilment too.
    let policy: SocialReturnPolicy
    /// How often the supplier reports: the policy's frequency, or its small-firm regime's.
    let reportingFrequency: MonitoringFrequency
}

enum ObligationService {
    /// The valuation table that values a contract's fulfilment: its obligation's policy (pinned once awarded), or the
    /// buyer's current policy for a contract without an obligation. Placements and activities are checked against it
    /// (its own target groups and building blocks).
    static func scheme(for contract: ContractModel, on db: any Database) async throws -> ValuationScheme {
        if let obligation = try await obligation(for: contract, on: db) { return obligation.policy.valuation }
        return try await PolicyStore.currentPolicy(of: contract.$buyer.id, on: db).valuation
    }

    static func obligation(for contract: some ContractFields, context: Context? = nil, on db: any Database) async throws -> ContractObligation? {
        guard let id = contract.id else { return nil }
        return try await obligations(for: [contract], context: context, on: db)[id]
    }

    /// What obligations need besides the contracts' own fields, read in one query (issue 20): the buyers' current
    /// policy versions, the suppliers' sizes, the frameworks' titles, the number of awarded call-offs of each
    /// contract and which contracts have an obligation in another unit. Keyed by the contracts' fields as they are in
    /// memory, so a contract being changed is judged as it will be saved.
    struct Context: Equatable {
        var currentVersion: [UUID: UUID] = [:]
        var employees: [UUID: Int] = [:]
        var frameworkTitle: [UUID: String] = [:]
        var callOffs: [UUID: Int] = [:]
        var withTarget: Set<UUID> = []
        /// Contracts of a joint tender, with participants to book their share to (not needed for the obligation
        /// itself; a request that shows the shares skips their query for every other contract).
        var shared: Set<UUID> = []

        /// Adds another contract's context (each key belongs to one buyer, supplier, framework or contract).
        mutating func add(_ other: Context) {
            currentVersion.merge(other.currentVersion) { mine, _ in mine }
            employees.merge(other.employees) { mine, _ in mine }
            frameworkTitle.merge(other.frameworkTitle) { mine, _ in mine }
            callOffs.merge(other.callOffs) { mine, _ in mine }
            withTarget.formUnion(other.withTarget)
            shared.formUnion(other.shared)
        }
    }

    /// Contracts read with `contextColumns` beside each row (`SELECT c.*, … FROM contracts c`), and the context of
    /// them all: a list needs no second statement for it.
    static func recordsWithContext(_ rows: [any RowColumns]) throws -> ([ContractRecord], Context) {
        var records: [ContractRecord] = []
        records.reserveCapacity(rows.count)
        var context = Context()
        for row in rows {
            let record = try ContractRecord(row: row)
            context.add(try self.context(in: row, of: record))
            records.append(record)
        }
        return (records, context)
    }

    static func context<Contract: ContractFields>(of contracts: [Contract], on sql: any SQLDatabase) async throws -> Context {
        let ids = contracts.compactMap(\.id)
        let buyers = Array(Set(contracts.filter { $0.policyVersionID == nil }.map(\.buyerID)))
        let suppliers = Array(Set(contracts.compactMap(\.supplierID)))
        let frameworks = Array(Set(contracts.compactMap(\.frameworkID)))
        let awarded = ContractStatus.awardedRawValues
        var context = Context()
        // Each list in slices a database accepts as bound parameters; usually all fit in one statement.
        let slices = max(buyers.count, suppliers.count, frameworks.count, ids.count).chunkCount(500)
        for i in 0..<slices {
            var parts: [SQLQueryString] = []
            if let chunk = buyers.slice(i, 500) {
                parts.append("""
                    SELECT 'v' AS kind, pv.organisation_id AS key, pv.id AS ref, CAST(NULL AS BIGINT) AS n, CAST(NULL AS TEXT) AS text FROM policy_versions pv
                    WHERE pv.organisation_id IN (\(binds: chunk))
                      AND pv.number = (SELECT MAX(p2.number) FROM policy_versions p2 WHERE p2.organisation_id = pv.organisation_id)
                    """)
            }
            if let chunk = suppliers.slice(i, 500) {
                parts.append("SELECT 'e' AS kind, o.id AS key, NULL AS ref, CAST(o.employees AS BIGINT) AS n, CAST(NULL AS TEXT) AS text FROM organisations o WHERE o.id IN (\(binds: chunk)) AND o.employees IS NOT NULL")
            }
            if let chunk = frameworks.slice(i, 500) {
                parts.append("SELECT 'f' AS kind, f.id AS key, NULL AS ref, CAST(NULL AS BIGINT) AS n, f.title AS text FROM contracts f WHERE f.id IN (\(binds: chunk))")
            }
            if let chunk = ids.slice(i, 500) {
                parts.append("""
                    SELECT 'c' AS kind, co.framework_id AS key, NULL AS ref, COUNT(*) AS n, CAST(NULL AS TEXT) AS text FROM contracts co
                    WHERE co.framework_id IN (\(binds: chunk)) AND co.status IN (\(binds: awarded)) GROUP BY co.framework_id
                    """)
                parts.append("SELECT 't' AS kind, t.contract_id AS key, NULL AS ref, CAST(NULL AS BIGINT) AS n, CAST(NULL AS TEXT) AS text FROM contract_targets t WHERE t.contract_id IN (\(binds: chunk))")
                parts.append("""
                    SELECT 's' AS kind, cp.contract_id AS key, NULL AS ref, CAST(NULL AS BIGINT) AS n, CAST(NULL AS TEXT) AS text
                    FROM contract_participants cp WHERE cp.contract_id IN (\(binds: chunk)) GROUP BY cp.contract_id
                    """)
            }
            guard var query = parts.first else { continue }
            for part in parts.dropFirst() { query = "\(query) UNION ALL \(part)" }
            for row in try await sql.rows(query) {
                let key = try row.uuid("key")
                switch try row.string("kind") {
                case "v": if let ref = try row.optionalUUID("ref") { context.currentVersion[key] = ref }
                case "e": if let n = try row.optionalInt("n") { context.employees[key] = n }
                case "f": context.frameworkTitle[key] = try row.optionalString("text") ?? ""
                case "c": context.callOffs[key] = try row.optionalInt("n") ?? 0
                case "s": context.shared.insert(key)
                default: context.withTarget.insert(key)
                }
            }
        }
        return context
    }

    /// The same context for one contract as columns beside its row (`SELECT c.*, … FROM contracts c`): a request that
    /// reads one contract and its obligation then needs one statement for both (issue 20). Read with `context(in:of:)`.
    static var contextColumns: SQLQueryString { "\(unsafeRaw: contextColumnsSQL)" }

    /// `contextColumns` as text, with no parameters of its own (the awarded statuses are the enum's own constants),
    /// so that PostgreSQL can keep it in a prepared statement (`PreparedReads`).
    static let contextColumnsSQL: String = {
        let awarded = ContractStatus.awardedRawValues.map { "'\($0)'" }.joined(separator: ", ")
        return """
            (SELECT pv.id FROM policy_versions pv WHERE pv.organisation_id = c.buyer_id ORDER BY pv.number DESC LIMIT 1) AS context_version, \
            (SELECT o.employees FROM organisations o WHERE o.id = c.supplier_id) AS context_employees, \
            (SELECT f.title FROM contracts f WHERE f.id = c.framework_id) AS context_framework_title, \
            (SELECT COUNT(*) FROM contracts co WHERE co.framework_id = c.id AND co.status IN (\(awarded))) AS context_call_offs, \
            (SELECT COUNT(*) FROM contract_targets t WHERE t.contract_id = c.id) AS context_targets, \
            (SELECT COUNT(*) FROM contract_participants cp WHERE cp.contract_id = c.id) AS context_participants
            """
    }()

    static func context(in row: any RowColumns, of contract: some ContractFields) throws -> Context {
        var context = Context()
        guard let id = contract.id else { return context }
        if contract.policyVersionID == nil, let version = try row.optionalUUID("context_version") {
            context.currentVersion[contract.buyerID] = version
        }
        if let supplier = contract.supplierID, let employees = try row.optionalInt("context_employees") {
            context.employees[supplier] = employees
        }
        if let framework = contract.frameworkID {
            context.frameworkTitle[framework] = try row.optionalString("context_framework_title") ?? ""
        }
        let callOffs = try row.int("context_call_offs")
        if callOffs > 0 { context.callOffs[id] = callOffs }
        if try row.int("context_targets") > 0 { context.withTarget.insert(id) }
        if try row.int("context_participants") > 0 { context.shared.insert(id) }
        return context
    }

    /// Obligations of many contracts: one query for what they need besides their own fields (`context`, unless read
    /// with the contract), one more only for contracts with awarded call-offs or an obligation in another unit;
    /// policy versions come from the process-wide cache (a version never changes once written). Lists that show no
    /// explanation ask for none (`explained: false`); everything else is the same.
    static func obligations<Contract: ContractFields>(for contracts: [Contract], context known: Context? = nil, explained: Bool = true,
                                                      on db: any Database) async throws -> [UUID: ContractObligation] {
        guard !contracts.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let context: Context
        if let known { context = known } else { context = try await self.context(of: contracts, on: sql) }
        var result: [UUID: ContractObligation] = [:]
        // Frameworks: their awarded call-offs add their value; a call-off's obligation is the framework's.
        let awarded = ContractStatus.awardedRawValues
        let frameworks = Array(context.callOffs.keys)
        var callOffs: [ContractRecord] = []
        for chunk in frameworks.chunked(500) {
            callOffs += try await sql.rows("SELECT * FROM contracts WHERE framework_id IN (\(binds: chunk)) AND status IN (\(binds: awarded))")
                .map(ContractRecord.init(row:))
        }
        let callOffsByFramework = Dictionary(grouping: callOffs, by: { $0.frameworkID! })
        // Obligations agreed in jobs, placements or effort.
        var targets: [UUID: ObligationTarget] = [:]
        if !context.withTarget.isEmpty {
            for chunk in Array(context.withTarget).chunked(500) {
                for t in try await sql.models("SELECT * FROM contract_targets WHERE contract_id IN (\(binds: chunk))", as: ContractTargetModel.self) {
                    targets[t.$contract.id] = t.target
                }
            }
        }
        let versionIDs = Set(contracts.compactMap { $0.policyVersionID ?? context.currentVersion[$0.buyerID] })
        let versions = try await PolicyCache.shared.versions(versionIDs, on: db)
        for contract in contracts {
            guard let id = contract.id, var terms = contract.terms else { continue }
            let combined = FrameworkAgreement.combined(framework: terms, callOffs: (callOffsByFramework[id] ?? []).compactMap(\.terms))
            terms = combined.terms
            let supplierEmployees = contract.supplierID.flatMap { context.employees[$0] }
            terms.supplierEmployees = supplierEmployees
            let version = (contract.policyVersionID ?? context.currentVersion[contract.buyerID]).flatMap { versions[$0] }
            let policy = version?.policy ?? .municipalDefault
            var computed = ObligationCalculator.calculate(terms, policy: policy, explained: explained)
            if let frameworkID = contract.frameworkID {
                computed = FrameworkAgreement.callOffCalculation(frameworkTitle: context.frameworkTitle[frameworkID] ?? "")
            } else if explained, let line = combined.explanation {
                computed.explanation.insert(line, at: 0)
            }
            result[id] = ContractObligation(
                effective: EffectiveObligation(computed: computed, override: contract.override, target: targets[id],
                                               targetDescription: targets[id]?.description(scheme: policy.valuation)),
                policyVersion: version?.number ?? 0, policyName: policy.name, policy: policy,
                reportingFrequency: policy.reportingFrequency(supplierEmployees: supplierEmployees))
        }
        return result
    }
}
