import MCP
import Synchronization

/// The requests read but not yet answered, so that a shutdown can wait for the calls in flight.
///
/// Written from the transport's reader thread and from its actor, hence a mutex rather than an actor.
final class PendingRequests: Sendable {
    private struct State {
        var ids: Set<ID> = []
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var cancelledWaiters: Set<Int> = []
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.ids.count } }

    func add(_ id: ID) {
        state.withLock { _ = $0.ids.insert(id) }
    }

    func remove(_ id: ID) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.ids.remove(id)
            guard state.ids.isEmpty else { return [] }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in ready { waiter.resume() }
    }

    /// Returns once no request is pending, or when the calling task is cancelled.
    func waitUntilEmpty() async {
        let token = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.ids.isEmpty || state.cancelledWaiters.remove(token) != nil { return true }
                    state.waiters[token] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if let waiter = state.waiters.removeValue(forKey: token) { return waiter }
                state.cancelledWaiters.insert(token)
                return nil
            }
            waiter?.resume()
        }
    }
}
