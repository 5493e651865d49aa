import Foundation
import Synchronization

/// Admits calls until the client shuts down, and counts those in flight so that shutting down can wait for them.
///
/// A call that spans several exchanges (an upload, a download in segments, a bulk job) is admitted once, at its start:
/// everything it does afterwards, in its own task or its child tasks, passes the gate even while the client is shutting
/// down, so a call in flight finishes whole instead of failing half-way. A call that starts after ``close()`` fails with
/// ``IconectError/Code/shutdown``.
final class CallGate: Sendable {
    private struct State {
        var isClosed = false
        var inFlight = 0
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
        /// Waiters whose wait was cancelled before they were parked.
        var abandoned: Set<UUID> = []
    }

    /// The gate that admitted the current task's call, so the call's own exchanges are not counted (or refused) again.
    @TaskLocal private static var admittedBy: ObjectIdentifier?

    private let state = Mutex(State())

    /// Whether ``close()`` was called.
    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// Runs `body` as one admitted call; throws ``IconectError/Code/shutdown`` when the gate is closed.
    func admit<T>(operation: String? = nil, _ body: () async throws -> T) async throws -> T {
        if Self.admittedBy == ObjectIdentifier(self) { return try await body() }
        try state.withLock { state in
            guard !state.isClosed else {
                throw IconectError(.shutdown, "the client was shut down; make a new IconectClient", operation: operation)
            }
            state.inFlight += 1
        }
        defer { leave() }
        return try await Self.$admittedBy.withValue(ObjectIdentifier(self)) { try await body() }
    }

    /// Refuses every call from now on.
    func close() {
        state.withLock { $0.isClosed = true }
    }

    /// Returns once no call is in flight, or after `limit` at the latest.
    func drained(within limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.untilIdle() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    private func leave() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.inFlight -= 1
            guard state.inFlight == 0 else { return [] }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no call is in flight, or when the waiting task is cancelled.
    private func untilIdle() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if state.inFlight == 0 || state.abandoned.remove(id) != nil { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let parked = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let parked = state.waiters.removeValue(forKey: id) else {
                    state.abandoned.insert(id)
                    return nil
                }
                return parked
            }
            parked?.resume()
        }
    }
}
