import SROIDomain
import Vapor

/// The errors the application raises on purpose. Their HTTP status and code are decided here, in one place.
enum AppError: Error, Sendable {
    /// Not logged in, or a bad token.
    case unauthenticated
    /// Logged in, but the role does not allow this.
    case forbidden(String)
    /// Does not exist, or belongs to another organisation: the two are not told apart.
    case notFound
    /// Clashes with what is there (an e-mail or KvK number in use).
    case conflict(field: String?, message: String)
    /// The request itself is malformed (bad JSON, wrong type).
    case badRequest(field: String?, message: String)
    /// Well-formed, but the values break the rules.
    case validation([FieldError])
    /// Too many attempts; try again later.
    case tooManyRequests(String)
    /// An import refused as a whole, with every problem by line and column.
    case importRefused(ImportProblems)
    /// A file could not be stored: the disk is full (507) or the storage cannot be written (503). Nothing was kept.
    case storage(full: Bool, field: String, message: String)
    /// The body is larger than this route accepts (413); refused before it was read.
    case payloadTooLarge(String)
    /// A single-use link that was used, replaced or expired (410), with its own code.
    case gone(code: String, message: String)

    var status: HTTPResponseStatus {
        switch self {
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .badRequest: .badRequest
        case .validation, .importRefused: .unprocessableEntity
        case .tooManyRequests: .tooManyRequests
        case .storage(let full, _, _): full ? .insufficientStorage : .serviceUnavailable
        case .payloadTooLarge: .payloadTooLarge
        case .gone: .gone
        }
    }

    var code: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .badRequest: "bad_request"
        case .validation: "validation_failed"
        case .importRefused: "import_refused"
        case .tooManyRequests: "too_many_requests"
        case .storage(let full, _, _): full ? "storage_full" : "storage_unavailable"
        case .payloadTooLarge: "payload_too_large"
        case .gone(let code, _): code
        }
    }

    var message: String {
        switch self {
        case .unauthenticated: "Log in om verder te gaan."
        case .forbidden(let why), .tooManyRequests(let why), .payloadTooLarge(let why): why
        case .notFound: "Niet gevonden."
        case .conflict(_, let message), .storage(_, _, let message): message
        case .badRequest(_, let message), .gone(_, let message): message
        case .validation(let errors): errors.first.map { "\($0.field): \($0.message)" } ?? "Ongeldige invoer."
        case .importRefused(let problems):
            "Er is niets geïmporteerd: \(DutchNumberFormat.grouped(problems.total)) " + (problems.total == 1 ? "probleem" : "problemen") + " in het bestand"
                + (problems.notKept > 0 ? " (de eerste \(problems.kept.count) staan hieronder)" : "") + ". " + (problems.sorted.first?.dutch ?? "")
        }
    }

    var field: String? {
        switch self {
        case .conflict(let field, _), .badRequest(let field, _): field
        case .storage(_, let field, _): field
        case .validation(let errors): errors.first?.field
        case .importRefused: "file"
        default: nil
        }
    }

    var details: [FieldError] {
        if case .validation(let errors) = self { return errors }
        return []
    }

    /// Any error as an AppError: decoding errors name the field; Vapor's own errors keep their status.
    static func from(_ error: any Error) -> AppError? {
        switch error {
        case let e as AppError: return e
        case let e as ImportProblems: return .importRefused(e)
        case let e as LinkProblem:
            switch e {
            case .unknown: return .gone(code: "link_unknown", message: e.message)
            case .used: return .gone(code: "link_used", message: e.message)
            case .expired: return .gone(code: "link_expired", message: e.message)
            }
        case let e as DecodingError: return .badRequest(field: e.fieldPath, message: e.dutchMessage)
        case let e where WriteConflict.isConflict(e): return .conflict(field: nil, message: WriteConflict.message)
        case let e as any AbortError:
            switch e.status {
            case .notFound: return .notFound
            case .unauthorized: return .unauthenticated
            case .forbidden: return .forbidden(e.reason)
            case .unprocessableEntity: return .validation([FieldError(field: "body", message: e.reason)])
            case .payloadTooLarge: return .payloadTooLarge("De inhoud van het verzoek is te groot.")
            default: return e.status.code < 500 ? .badRequest(field: nil, message: e.reason) : nil
            }
        default: return nil
        }
    }
}

extension DecodingError {
    var fieldPath: String? {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        let text = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
        return trimmed.isEmpty ? nil : trimmed
    }

    var dutchMessage: String {
        switch self {
        case .keyNotFound(let key, _): "veld '\(key.stringValue)' ontbreekt"
        case .typeMismatch(let type, _): "verwacht een waarde van het type \(DecodingError.typeName(type))"
        case .valueNotFound(let type, _): "verwacht een waarde van het type \(DecodingError.typeName(type)), niet null"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "de inhoud is geen geldige JSON" : context.debugDescription
        @unknown default: "ongeldige invoer"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "tekst"
        case is Int.Type, is Int64.Type: "geheel getal"
        case is Double.Type, is Decimal.Type: "getal"
        case is Bool.Type: "true of false"
        default: "\(type)"
        }
    }
}
