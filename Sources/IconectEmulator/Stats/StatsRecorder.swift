import Synchronization

/// Thread-safe accumulation of ``EmulatorStats``.
final class StatsRecorder: Sendable {
    private struct State {
        var stats = EmulatorStats()
        var recent: [RequestSummary] = []
        var recentStart = 0
    }

    static let recentCapacity = 2_000
    private let state = Mutex(State())

    func record(_ summary: RequestSummary, routeKey: String) {
        state.withLock { state in
            state.stats.totalRequests += 1
            state.stats.requests[routeKey, default: [:]][String(summary.status), default: 0] += 1
            state.stats.bytesReceived += summary.bodyBytes
            if state.recent.count < Self.recentCapacity {
                state.recent.append(summary)
            } else {
                state.recent[state.recentStart] = summary
                state.recentStart = (state.recentStart + 1) % Self.recentCapacity
            }
        }
    }

    func recordToken(_ summary: TokenRequestSummary) {
        state.withLock { state in
            state.stats.tokenRequests.append(summary)
            if summary.succeeded, let grant = summary.grantType {
                state.stats.tokenGrants[grant, default: 0] += 1
            }
        }
    }

    func recordReplay() {
        state.withLock { $0.stats.idempotentReplays += 1 }
    }

    func recordFault() {
        state.withLock { $0.stats.faultsInjected += 1 }
    }

    func snapshot() -> EmulatorStats {
        state.withLock { state in
            var stats = state.stats
            stats.recentRequests = Array(state.recent[state.recentStart...] + state.recent[..<state.recentStart])
            return stats
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }
}
