/// The one retry decision of a client: the request pipeline, the token manager and the chunked uploader all ask it
/// whether a failed attempt is tried again and after how long, so they share one ``RetryPolicy`` and one ``RetryBudget``.
struct RetryDecider: Sendable {
    let policy: RetryPolicy
    let budget: RetryBudget
    let statistics: StatisticsRecorder

    init(policy: RetryPolicy, statistics: StatisticsRecorder) {
        self.policy = policy
        self.budget = RetryBudget(policy: policy)
        self.statistics = statistics
    }

    /// The wait before another attempt after attempt `attempt` (1-based) failed with `error`, or `nil` when the call must
    /// fail now: the error is final (by ``RetryPolicy/isRetryable(_:)``, unless `retryable` says otherwise), the attempts
    /// (`maxAttempts`, the policy's by default) or the budget are spent, or the server asked to wait longer than
    /// ``RetryPolicy/maxRetryAfter``.
    func delay(after error: IconectError, attempt: Int, maxAttempts: Int? = nil, retryable: Bool? = nil) -> Duration? {
        guard retryable ?? RetryPolicy.isRetryable(error), attempt < (maxAttempts ?? policy.maxAttempts),
            let wait = policy.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
        else { return nil }
        guard budget.withdraw() else {
            statistics.increment("retry.budgetExhausted")
            return nil
        }
        return wait
    }

    /// Credits a successful exchange to the budget.
    func recordSuccess() {
        budget.recordSuccess()
    }

    /// Sleeps `duration`; a cancelled caller gets ``IconectError/Code/cancelled``.
    static func sleep(_ duration: Duration, operation: String) async throws {
        do {
            try await Task.sleep(for: duration)
        } catch {
            throw IconectError(.cancelled, "the call was cancelled while waiting to retry", operation: operation)
        }
    }
}
