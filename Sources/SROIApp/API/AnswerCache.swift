import Foundation
import NIOCore
import Prometheus
import SROIDomain
import Vapor

/// Answers of the read path (a contract, its progress, a contract list, a dashboard) kept as their encoded bytes
/// under the data generation they were computed at (`GenerationCache`, issue 20). A request reads the generation
/// with its token, before any data (`TokenHolderRead`). Every user has answers of their own (what someone may see
/// depends on who they are, and is never shared), per path, the parameters the answer reads, and day. Only whole successful
/// answers are kept (status 200); errors are computed every time, so another organisation's contract still answers
/// 404 each time it is asked. `SROI_ANSWER_CACHE_MB=0` turns it off.
typealias AnswerCache = GenerationCache<AnswerKey, KeptAnswer>

struct AnswerKey: Hashable, Sendable {
    var user: UUID
    var address: String
    var today: Day
}

struct KeptAnswer: Sendable {
    var headers: HTTPHeaders
    var body: ByteBuffer

    /// The bytes in a buffer of their own size: an encoder's buffer has grown by doubling, and the limit counts
    /// what is kept.
    var compacted: KeptAnswer {
        var exact = ByteBufferAllocator().buffer(capacity: body.readableBytes)
        exact.writeImmutableBuffer(body)
        return KeptAnswer(headers: headers, body: exact)
    }

    var response: Response { Response(status: .ok, headers: headers, body: .init(buffer: body)) }
}

extension GenerationCache where Key == AnswerKey, Value == KeptAnswer {
    /// A cache of `limit` bytes of answers and their addresses.
    convenience init(limit: Int, registry: PrometheusCollectorRegistry) {
        self.init(name: "answers", limit: limit, registry: registry) { key, answer in answer.body.readableBytes + key.address.utf8.count }
    }
}

/// An answer that is not kept (not a whole 200), handed back past the cache.
private struct NotKept: Error {
    let response: Response
}

/// The data generation read with this request's token (`BearerAuthenticator`); absent for a web session.
struct DataGenerationKey: StorageKey { typealias Value = Int64 }

extension Application {
    private struct AnswerCacheKey: StorageKey { typealias Value = AnswerCache }
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardService.Cache }

    var answerCache: AnswerCache {
        get {
            guard let cache = storage[AnswerCacheKey.self] else { fatalError("configure(_:_:) sets the answer cache before use") }
            return cache
        }
        set { storage[AnswerCacheKey.self] = newValue }
    }

    /// Buyers' dashboards (`DashboardService.kept`), the same for everyone who may see them.
    var dashboardCache: DashboardService.Cache {
        get {
            guard let cache = storage[DashboardCacheKey.self] else { fatalError("configure(_:_:) sets the dashboards' cache before use") }
            return cache
        }
        set { storage[DashboardCacheKey.self] = newValue }
    }
}

extension Request {
    /// The answer of `compute`, or the one kept for this user, path, `query` and day while the data has not
    /// changed (`AnswerCache`). `query` is what the answer depends on besides the path, as the route reads it: other
    /// parameters (a client's `?_=1733050000` against its own cache) make no new key. Without a token's generation
    /// (a web session) it is computed every time.
    func keptAnswer<A: AsyncResponseEncodable>(dependingOn query: String = "", _ compute: () async throws -> A) async throws -> Response {
        let cache = application.answerCache
        guard cache.isOn, method == .GET, let generation = storage[DataGenerationKey.self], let user = auth.get(CurrentUser.self) else {
            return try await compute().encodeResponse(for: self)
        }
        let key = AnswerKey(user: user.userID, address: query.isEmpty ? url.path : url.path + "?" + query, today: platform.today())
        do {
            return try await cache.value(for: key, at: generation, on: eventLoop) {
                let response = try await compute().encodeResponse(for: self)
                guard response.status == .ok, let body = response.body.buffer else { throw NotKept(response: response) }
                return KeptAnswer(headers: response.headers, body: body).compacted
            }.response
        } catch let notKept as NotKept {
            return notKept.response
        }
    }
}
