import Metrics
import Synchronization

/// Collects per-operation statistics in-process and forwards them to swift-metrics.
///
/// The in-process figures are always kept (a lock and a few adds per call). swift-metrics receives
/// `iconect_requests_total`, `iconect_request_errors_total` and `iconect_request_duration_seconds` dimensioned by `operation`,
/// when the application has bootstrapped a metrics backend before creating the client.
final class StatisticsRecorder: Sendable {
    private struct Accumulator {
        var histogram = LatencyHistogram()
        var errors = 0
        var retries = 0
        var bytesSent = 0
        var bytesReceived = 0
        let timer: Metrics.Timer
        let requests: Counter
        let failures: Counter

        mutating func record(_ duration: Duration, failed: Bool, retries: Int, bytesSent: Int, bytesReceived: Int) {
            histogram.record(duration)
            if failed { errors += 1 }
            self.retries += retries
            self.bytesSent += bytesSent
            self.bytesReceived += bytesReceived
        }

        init(operation: String) {
            let dimensions = [("operation", operation)]
            timer = Metrics.Timer(label: "iconect_request_duration_seconds", dimensions: dimensions)
            requests = Counter(label: "iconect_requests_total", dimensions: dimensions)
            failures = Counter(label: "iconect_request_errors_total", dimensions: dimensions)
        }
    }

    private struct State {
        var operations: [String: Accumulator] = [:]
        var counters: [String: Int] = [:]
    }

    private let state = Mutex(State())

    /// Records one whole call.
    func record(operation: String, duration: Duration, failed: Bool, retries: Int, bytesSent: Int, bytesReceived: Int) {
        let (timer, requests, failures) = state.withLock { state in
            // Mutated in place through the dictionary's `default:` subscript: copying the accumulator out and back would
            // copy its histogram's buckets on every call.
            state.operations[operation, default: Accumulator(operation: operation)].record(
                duration, failed: failed, retries: retries, bytesSent: bytesSent, bytesReceived: bytesReceived)
            let accumulator = state.operations[operation]
            return (accumulator?.timer, accumulator?.requests, accumulator?.failures)
        }
        timer?.recordNanoseconds(duration.nanoseconds)
        requests?.increment()
        if failed { failures?.increment() }
    }

    /// Adds to a named counter (`cache.hits`, `auth.grants`, ...).
    func increment(_ counter: String, by amount: Int = 1) {
        state.withLock { $0.counters[counter, default: 0] += amount }
    }

    /// The current figures.
    func report() -> StatisticsReport {
        state.withLock { state in
            let rows = state.operations.map { name, value in
                let histogram = value.histogram
                return OperationStatistics(
                    operation: name, count: histogram.count, errors: value.errors, retries: value.retries,
                    p50Milliseconds: histogram.percentile(0.50).milliseconds,
                    p95Milliseconds: histogram.percentile(0.95).milliseconds,
                    p99Milliseconds: histogram.percentile(0.99).milliseconds,
                    maxMilliseconds: histogram.maximum.milliseconds,
                    meanMilliseconds: histogram.count == 0 ? 0 : histogram.total.milliseconds / Double(histogram.count),
                    bytesSent: value.bytesSent, bytesReceived: value.bytesReceived)
            }
            return StatisticsReport(operations: rows.sorted { $0.operation < $1.operation }, counters: state.counters)
        }
    }

    /// Forgets every figure.
    func reset() {
        state.withLock { state in
            state.counters = [:]
            for key in state.operations.keys {
                state.operations[key] = Accumulator(operation: key)
            }
        }
    }
}
