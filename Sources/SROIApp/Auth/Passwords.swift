import Vapor

/// Hashing and checking passwords with bcrypt, at the configured cost.
struct Passwords: Sendable {
    let cost: Int
    /// Checked against when an e-mail is unknown, so a failed login takes as long either way.
    let decoyHash: String

    static let minimumLength = 10

    init(cost: Int) throws {
        self.cost = cost
        self.decoyHash = try Bcrypt.hash("decoy-\(UUID().uuidString)", cost: cost)
    }

    func hash(_ password: String) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    func verify(_ password: String, against hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// The password rules, in Dutch; empty when the password is fine.
    static func problems(with password: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength { problems.append("minstens \(minimumLength) tekens") }
        if !password.isEmpty && password.allSatisfy({ $0.isLetter }) { problems.append("niet alleen letters") }
        return problems
    }
}
