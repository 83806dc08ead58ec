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
/// fills again. Requests that ask for an answer while another request computes it wait for that one (a refusal or
/// an error is not shared: each of them then computes its own). `SROI_ANSWER_CACHE_MB=0` turns it off.
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

    /// What a request does with a key: answer what is kept, wait for the same answer another request is computing
    /// (after a change every reader of a busy dashboard would otherwise compute it at once), or compute it and
    /// then `finish` with the promise.
    enum Lookup {
        case kept(Answer)
        case wait(EventLoopFuture<Answer?>)
        case compute(EventLoopPromise<Answer?>)
    }

    private struct State {
        var generation: Int64 = .min
        var answers: [Key: Answer] = [:]
        var bytes = 0
        /// Answers being computed, by the generation their request read.
        var computing: [Key: (generation: Int64, future: EventLoopFuture<Answer?>)] = [:]
    }

    /// Bytes of answers (and their addresses) kept at most; 0 keeps nothing.
    let limit: Int
    private let state = NIOLockedValueBox(State())
    private let kept: Prometheus.Counter
    private let waited: Prometheus.Counter
    private let computed: Prometheus.Counter

    init(limit: Int, registry: PrometheusCollectorRegistry) {
        self.limit = limit
        let descriptor = MetricNameDescriptor(namespace: "sroi", metricName: "kept_answers", unitName: "total",
                                              helpText: "Answers of the read path: kept, waited for while another request computed it, computed")
        kept = registry.makeCounter(descriptor: descriptor, labels: [("result", "kept")])
        waited = registry.makeCounter(descriptor: descriptor, labels: [("result", "waited")])
        computed = registry.makeCounter(descriptor: descriptor, labels: [("result", "computed")])
    }

    var isOn: Bool { limit > 0 }

    /// The answer kept for `key` when it was computed at `generation`.
    func answer(for key: Key, at generation: Int64) -> Answer? {
        state.withLockedValue { state in state.generation == generation ? state.answers[key] : nil }
    }

    /// What a request that read `generation` does for `key`.
    func lookup(_ key: Key, at generation: Int64, on eventLoop: any EventLoop) -> Lookup {
        let lookup: Lookup = state.withLockedValue { state in
            if state.generation == generation, let answer = state.answers[key] { return .kept(answer) }
            if let computing = state.computing[key], computing.generation == generation { return .wait(computing.future) }
            let promise = eventLoop.makePromise(of: Answer?.self)
            state.computing[key] = (generation, promise.futureResult)
            return .compute(promise)
        }
        switch lookup {
        case .kept: kept.increment()
        case .wait: waited.increment()
        case .compute: computed.increment()
        }
        return lookup
    }

    /// Ends a computation that `lookup` asked for: keeps its answer (nil when it failed or is not a whole 200) and
    /// hands it to the requests waiting for it.
    func finish(_ key: Key, at generation: Int64, with answer: Answer?, promise: EventLoopPromise<Answer?>) {
        if let answer { keep(answer, for: key, at: generation) }
        state.withLockedValue { state in
            if let computing = state.computing[key], computing.future === promise.futureResult { state.computing[key] = nil }
        }
        promise.succeed(answer)
    }

    /// Keeps `answer`, computed from data read after `generation` was. Its bytes are copied into a buffer of their
    /// own size: an encoder's buffer has grown by doubling, and the limit counts what is kept.
    func keep(_ answer: Answer, for key: Key, at generation: Int64) {
        let size = answer.body.readableBytes + key.address.utf8.count
        guard size <= limit else { return }
        var answer = answer
        var exact = ByteBufferAllocator().buffer(capacity: answer.body.readableBytes)
        exact.writeImmutableBuffer(answer.body)
        answer.body = exact
        state.withLockedValue { state in
            if generation < state.generation { return }
            if generation > state.generation || state.bytes + size > limit {
                state.generation = generation
                state.answers.removeAll()
                state.bytes = 0
            }
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
        switch cache.lookup(key, at: generation, on: eventLoop) {
        case .kept(let answer):
            return Response(status: .ok, headers: answer.headers, body: .init(buffer: answer.body))
        case .wait(let future):
            if let answer = try await future.get() { return Response(status: .ok, headers: answer.headers, body: .init(buffer: answer.body)) }
            return try await compute().encodeResponse(for: self)
        case .compute(let promise):
            do {
                let response = try await compute().encodeResponse(for: self)
                let answer = response.status == .ok ? response.body.buffer.map { AnswerCache.Answer(headers: response.headers, body: $0) } : nil
                cache.finish(key, at: generation, with: answer, promise: promise)
                return response
            } catch {
                cache.finish(key, at: generation, with: nil, promise: promise)
                throw error
            }
        }
    }
}
