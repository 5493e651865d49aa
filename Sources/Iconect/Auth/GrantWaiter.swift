import Synchronization

/// Waits for a shared grant's result on behalf of one caller, who may stop waiting: awaiting a task's value directly
/// cannot be interrupted, so a cancelled caller would stay until the grant ended.
enum GrantWaiter {
    /// The value of `task`; ``IconectError/Code/cancelled`` at once when the waiting task is cancelled (the grant goes on).
    static func value(of task: Task<OAuthToken, any Error>) async throws -> OAuthToken {
        let waiter = Waiter()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<OAuthToken, any Error>) in
                guard waiter.park(continuation) else { return }
                Task { waiter.finish(with: await task.result) }
            }
        } onCancel: {
            waiter.finish(with: .failure(IconectError(.cancelled, "stopped waiting for the token grant (the task was cancelled)",
                                                      operation: "oauth_token")))
        }
    }

    /// One continuation, resumed by whichever comes first: the grant's end or the caller's cancellation.
    private final class Waiter: Sendable {
        private enum State {
            case idle
            case parked(CheckedContinuation<OAuthToken, any Error>)
            case finished(Result<OAuthToken, any Error>?)
        }

        private let state = Mutex(State.idle)

        /// Parks the caller; false (having resumed it) when the outcome is already known.
        func park(_ continuation: CheckedContinuation<OAuthToken, any Error>) -> Bool {
            let early = state.withLock { state -> Result<OAuthToken, any Error>?? in
                if case .finished(let result) = state {
                    state = .finished(nil)
                    return .some(result)
                }
                state = .parked(continuation)
                return .none
            }
            guard let early else { return true }
            if let early { continuation.resume(with: early) }
            return false
        }

        func finish(with result: Result<OAuthToken, any Error>) {
            let parked = state.withLock { state -> CheckedContinuation<OAuthToken, any Error>? in
                switch state {
                case .idle:
                    state = .finished(result)
                    return nil
                case .parked(let continuation):
                    state = .finished(nil)
                    return continuation
                case .finished:
                    return nil
                }
            }
            parked?.resume(with: result)
        }
    }
}
