import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Prometheus
import SROIDomain
import Vapor

/// Answers of the read path (a contract, its progress, a contract list, a dashboard) kept in memory under the
/// data generation they were computed at (issue 20). A request reads the generation with its token, before any
/// data (`TokenHolderRead`); an answer kept under that same generation, for the same user, address (path and
/// query) and day, is the answer the request would compute: nothing it reads has changed since, on this instance
/// or any other, because every change raises the generation in its own transaction (`DataGeneration`). A higher
/// generation empties the cache; an answer computed under a lower one than the cache has seen is not kept.
///
/// Only whole successful answers are kept (status 200), as their encoded bytes; errors are computed every time, so
/// another organisation's contract still answers 404 each time it is asked. Every user has answers of their own:
/// what someone may see depends on who they are, and is never shared. At `limit` bytes the cache is emptied and
/// fills again. `SROI_ANSWER_CACHE_MB=0` turns it off.
final class AnswerCache: Sendable {
    struct Key: Hashable, Sendable {
        var user: UUID
        var address: String
        var today: Day
    }

    struct Answer: Sendable {
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    private struct State {
        var generation: Int64 = .min
        var answers: [Key: Answer] = [:]
        var bytes = 0
    }

    /// Bytes of answers (and their addresses) kept at most; 0 keeps nothing.
    let limit: Int
    private let state = NIOLockedValueBox(State())
    private let hits: Prometheus.Counter
    private let misses: Prometheus.Counter

    init(limit: Int, registry: PrometheusCollectorRegistry) {
        self.limit = limit
        let descriptor = MetricNameDescriptor(namespace: "sroi", metricName: "kept_answers", unitName: "total",
                                              helpText: "Answers of the read path asked for, by whether a kept one was current")
        hits = registry.makeCounter(descriptor: descriptor, labels: [("result", "hit")])
        misses = registry.makeCounter(descriptor: descriptor, labels: [("result", "miss")])
    }

    var isOn: Bool { limit > 0 }

    /// The answer kept for `key` when it was computed at `generation`.
    func answer(for key: Key, at generation: Int64) -> Answer? {
        let answer = state.withLockedValue { state in state.generation == generation ? state.answers[key] : nil }
        (answer == nil ? misses : hits).increment()
        return answer
    }

    /// Keeps `answer`, computed from data read after `generation` was.
    func keep(_ answer: Answer, for key: Key, at generation: Int64) {
        let size = answer.body.readableBytes + key.address.utf8.count
        guard size <= limit else { return }
        state.withLockedValue { state in
            if generation < state.generation { return }
            if generation > state.generation || state.bytes + size > limit { state = State(generation: generation) }
            if let old = state.answers.updateValue(answer, forKey: key) { state.bytes -= old.body.readableBytes + key.address.utf8.count }
            state.bytes += size
        }
    }

    /// How many answers are kept now.
    var count: Int { state.withLockedValue { $0.answers.count } }
}

/// The data generation read with this request's token (`BearerAuthenticator`); absent for a web session.
struct DataGenerationKey: StorageKey { typealias Value = Int64 }

extension Application {
    private struct AnswerCacheKey: StorageKey { typealias Value = AnswerCache }

    var answerCache: AnswerCache {
        get {
            guard let cache = storage[AnswerCacheKey.self] else { fatalError("configure(_:_:) sets the answer cache before use") }
            return cache
        }
        set { storage[AnswerCacheKey.self] = newValue }
    }
}

extension Request {
    /// The answer of `compute`, or the one kept for this user, address and day while the data has not changed
    /// (`AnswerCache`). Without a token's generation (a web session) it is computed every time.
    func keptAnswer<A: AsyncResponseEncodable>(_ compute: () async throws -> A) async throws -> Response {
        let cache = application.answerCache
        guard cache.isOn, method == .GET, let generation = storage[DataGenerationKey.self], let user = auth.get(CurrentUser.self) else {
            return try await compute().encodeResponse(for: self)
        }
        let key = AnswerCache.Key(user: user.userID, address: url.string, today: platform.today())
        if let kept = cache.answer(for: key, at: generation) {
            return Response(status: .ok, headers: kept.headers, body: .init(buffer: kept.body))
        }
        let response = try await compute().encodeResponse(for: self)
        if response.status == .ok, let body = response.body.buffer {
            cache.keep(.init(headers: response.headers, body: body), for: key, at: generation)
        }
        return response
    }
}
