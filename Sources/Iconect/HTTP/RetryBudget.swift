import Foundation
import Synchronization

/// A shared allowance of retries, so that a server that fails most requests is not hammered by every caller's retries.
///
/// A retry costs one token; each successful request earns back ``RetryPolicy/budgetDepositPerSuccess``; the balance never
/// exceeds ``RetryPolicy/budgetCapacity`` and also refills by one token per second. When the balance is below one, failures
/// surface at once instead of being retried.
final class RetryBudget: Sendable {
    private struct State {
        var balance: Double
        var lastRefill: ContinuousClock.Instant
    }

    private let capacity: Double
    private let deposit: Double
    private let state: Mutex<State>
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(policy: RetryPolicy, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        capacity = policy.budgetCapacity
        deposit = policy.budgetDepositPerSuccess
        self.clock = clock
        state = Mutex(State(balance: policy.budgetCapacity, lastRefill: clock()))
    }

    /// Takes one token for a retry; `false` when the budget is spent.
    func withdraw() -> Bool {
        state.withLock { state in
            refill(&state)
            guard state.balance >= 1 else { return false }
            state.balance -= 1
            return true
        }
    }

    /// Credits a successful request.
    func recordSuccess() {
        guard deposit > 0 else { return }
        state.withLock { state in state.balance = min(capacity, state.balance + deposit) }
    }

    /// The tokens left (for statistics and tests).
    var balance: Double {
        state.withLock { state in
            refill(&state)
            return state.balance
        }
    }

    private func refill(_ state: inout State) {
        let now = clock()
        let elapsed = (now - state.lastRefill).timeInterval
        if elapsed > 0 {
            state.balance = min(capacity, state.balance + elapsed)
            state.lastRefill = now
        }
    }
}
