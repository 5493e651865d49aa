import Foundation

/// When and how long to wait before repeating a failed request.
///
/// Exponential backoff with full jitter: before retry *n* the SDK waits a random time in `0 ..< min(maxDelay, baseDelay × 2ⁿ⁻¹)`.
/// A `Retry-After` from the server replaces that wait; when it asks for longer than ``maxRetryAfter`` the SDK stops retrying and
/// surfaces ``IconectError/Code/rateLimited`` with ``IconectError/retryAfter`` so the caller decides.
///
/// What is retried: transport failures, timeouts, 429, 500, 502, 503 and 504. GET, PUT, DELETE and HEAD always; POST only
/// because the SDK sends an `Idempotency-Key` with every POST (generated once per call, so the server replays instead of
/// repeating). A retry budget shared by the client (``budgetCapacity``) stops retries when most of them fail, so a dead
/// server is not hammered.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included. `1` disables retries.
    public var maxAttempts: Int
    /// The backoff base.
    public var baseDelay: Duration
    /// The longest backoff wait.
    public var maxDelay: Duration
    /// The longest `Retry-After` the SDK waits out by itself.
    public var maxRetryAfter: Duration
    /// The budget's size: how many retries may be spent before successes earn more.
    public var budgetCapacity: Double
    /// What each successful request earns back for the budget (a retry costs 1).
    public var budgetDepositPerSuccess: Double

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(60), budgetCapacity: Double = 50, budgetDepositPerSuccess: Double = 0.5
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.budgetCapacity = budgetCapacity
        self.budgetDepositPerSuccess = budgetDepositPerSuccess
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether a response status is worth another attempt.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// Whether a failure is worth another attempt: a retryable status, or, below HTTP, a lost connection or a timeout.
    /// Cancellation, shutdown, limits and every other error are final.
    public static func isRetryable(_ error: IconectError) -> Bool {
        if let status = error.status { return isRetryable(status: status) }
        return error.code == .transport || error.code == .timeout
    }

    /// The wait before the retry that follows failed attempt `attempt` (1-based), full jitter.
    public func backoff(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = attempt <= 1 ? 0 : min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let ceilingNanos = ceiling.nanoseconds
        guard ceilingNanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0..<ceilingNanos, using: &generator))
    }

    /// The wait before the retry that follows failed attempt `attempt`, honouring the server's `Retry-After`.
    /// `nil` means: do not retry (the server asked for longer than ``maxRetryAfter``).
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration? {
        var generator = SystemRandomNumberGenerator()
        guard let retryAfter else { return backoff(afterAttempt: attempt, using: &generator) }
        return retryAfter <= maxRetryAfter ? max(retryAfter, .zero) : nil
    }

    func validate() throws {
        guard maxAttempts >= 1 else { throw IconectError.invalidConfiguration("retryPolicy.maxAttempts", "must be at least 1") }
        guard baseDelay >= .zero, maxDelay >= .zero, maxRetryAfter >= .zero else {
            throw IconectError.invalidConfiguration("retryPolicy", "delays must not be negative")
        }
        guard budgetCapacity >= 0, budgetDepositPerSuccess >= 0 else {
            throw IconectError.invalidConfiguration("retryPolicy.budget", "must not be negative")
        }
    }
}
