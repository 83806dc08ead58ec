import NIOConcurrencyHelpers
import NIOCore
import Prometheus

/// Values kept in memory under the data generation they were computed at (`DataGeneration`, issue 20). A reader
/// reads the generation before any data; a value kept under that same generation for the same key is the value it
/// would compute, because every change to the data raises the generation in its own transaction, on this instance
/// or any other. A higher generation empties the cache; a value computed under a lower one than the cache has seen
/// is not kept (its reader read the data before a change another reader has already seen).
///
/// Readers asking for a key while another computes it wait for that value (after a change every reader of a busy
/// dashboard would otherwise compute it at once); a failed computation is not shared, each waiting reader then
/// computes its own. At `limit` (in the units of `size`, bytes) the values kept longest make room for a new one.
final class GenerationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// What a reader does with a key: take the kept value, wait for the one another reader is computing, or compute
    /// it and then `finish` with the promise.
    enum Lookup {
        case kept(Value)
        case wait(EventLoopFuture<Value?>)
        case compute(EventLoopPromise<Value?>)
    }

    private struct State {
        var generation: Int64 = .min
        /// Each value with the number it was kept as: `order` lists the keys by that number, oldest at `head`.
        var values: [Key: (value: Value, number: Int)] = [:]
        var order: [(key: Key, number: Int)] = []
        var head = 0
        var lastNumber = 0
        var used = 0
        /// Values being computed, by the generation their reader read.
        var computing: [Key: (generation: Int64, future: EventLoopFuture<Value?>)] = [:]
    }

    /// The most kept at once, in the units of `size`; 0 keeps nothing.
    let limit: Int
    private let size: @Sendable (Key, Value) -> Int
    private let state = NIOLockedValueBox(State())
    private let kept: Prometheus.Counter
    private let waited: Prometheus.Counter
    private let computed: Prometheus.Counter

    /// `name` labels its counts in `/metrics` (`sroi_kept_answers_total{cache=…}`).
    init(name: String, limit: Int, registry: PrometheusCollectorRegistry, size: @escaping @Sendable (Key, Value) -> Int) {
        self.limit = limit
        self.size = size
        let descriptor = MetricNameDescriptor(namespace: "sroi", metricName: "kept_answers", unitName: "total",
                                              helpText: "Answers of the read path: kept, waited for while another request computed it, computed")
        kept = registry.makeCounter(descriptor: descriptor, labels: [("cache", name), ("result", "kept")])
        waited = registry.makeCounter(descriptor: descriptor, labels: [("cache", name), ("result", "waited")])
        computed = registry.makeCounter(descriptor: descriptor, labels: [("cache", name), ("result", "computed")])
    }

    var isOn: Bool { limit > 0 }

    /// The value kept for `key` when it was computed at `generation`.
    func value(for key: Key, at generation: Int64) -> Value? {
        state.withLockedValue { state in state.generation == generation ? state.values[key]?.value : nil }
    }

    /// What a reader that read `generation` does for `key`.
    func lookup(_ key: Key, at generation: Int64, on eventLoop: any EventLoop) -> Lookup {
        let lookup: Lookup = state.withLockedValue { state in
            if state.generation == generation, let value = state.values[key]?.value { return .kept(value) }
            if let computing = state.computing[key], computing.generation == generation { return .wait(computing.future) }
            let promise = eventLoop.makePromise(of: Value?.self)
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

    /// Ends a computation that `lookup` asked for: keeps its value (nil when it failed or is not to be kept) and
    /// hands it to the readers waiting for it.
    func finish(_ key: Key, at generation: Int64, with value: Value?, promise: EventLoopPromise<Value?>) {
        if let value { keep(value, for: key, at: generation) }
        state.withLockedValue { state in
            if let computing = state.computing[key], computing.future === promise.futureResult { state.computing[key] = nil }
        }
        promise.succeed(value)
    }

    /// Keeps `value`, computed from data read after `generation` was.
    func keep(_ value: Value, for key: Key, at generation: Int64) {
        let cost = size(key, value)
        guard cost <= limit else { return }
        state.withLockedValue { state in
            if generation < state.generation { return }
            if generation > state.generation {
                state.generation = generation
                state.values.removeAll()
                state.order.removeAll()
                state.head = 0
                state.used = 0
            }
            if let old = state.values.removeValue(forKey: key) { state.used -= size(key, old.value) }
            // The oldest first, until the new value fits (a key kept again has a newer number; its old place is
            // passed over).
            while state.used + cost > limit, state.head < state.order.count {
                let oldest = state.order[state.head]
                state.head += 1
                if let kept = state.values[oldest.key], kept.number == oldest.number {
                    state.values[oldest.key] = nil
                    state.used -= size(oldest.key, kept.value)
                }
            }
            state.lastNumber += 1
            state.values[key] = (value, state.lastNumber)
            state.order.append((key, state.lastNumber))
            state.used += cost
            // Places passed over are dropped once they are most of the list.
            if state.order.count - state.head > 2 * state.values.count + 64 || state.head > state.order.count / 2 {
                state.order = state.order[state.head...].filter { state.values[$0.key]?.number == $0.number }
                state.head = 0
            }
        }
    }

    /// How many values are kept now.
    var count: Int { state.withLockedValue { $0.values.count } }

    /// The value for `key`: kept, waited for, or computed by `compute` (a thrown error is never kept nor shared).
    /// The generation must have been read before anything `compute` reads.
    func value(for key: Key, at generation: Int64, on eventLoop: any EventLoop, compute: () async throws -> Value) async throws -> Value {
        guard isOn else { return try await compute() }
        switch lookup(key, at: generation, on: eventLoop) {
        case .kept(let value):
            return value
        case .wait(let future):
            if let value = try await future.get() { return value }
            return try await compute()
        case .compute(let promise):
            do {
                let value = try await compute()
                finish(key, at: generation, with: value, promise: promise)
                return value
            } catch {
                finish(key, at: generation, with: nil, promise: promise)
                throw error
            }
        }
    }
}
