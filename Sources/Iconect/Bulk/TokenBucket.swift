import Synchronization

/// The token-bucket arithmetic behind ``RateLimiter``: `rate` tokens a second, at most `capacity` saved up.
///
/// Each ``reserve(at:)`` takes one token, borrowing from the future when none is left, and answers how long the caller
/// must wait for the token it took. Borrowing keeps concurrent callers in order: the n-th caller past the burst waits
/// `n / rate`. Time is a `Duration` since any fixed origin, so tests drive it by hand.
struct TokenBucket: Sendable {
    let rate: Double
    let capacity: Double
    private var tokens: Double
    private var last: Duration

    /// A full bucket at time `now`.
    init(rate: Double, capacity: Double, now: Duration = .zero) {
        self.rate = rate
        self.capacity = max(1, capacity)
        self.tokens = max(1, capacity)
        self.last = now
    }

    /// Takes one token at `now` and returns the wait before using it (zero when one was available).
    mutating func reserve(at now: Duration) -> Duration {
        if now > last {
            tokens = min(capacity, tokens + (now - last).timeInterval * rate)
            last = now
        }
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .nanoseconds(Int64((-tokens / rate * 1e9).rounded(.up)))
    }
}

/// Spaces calls to at most a given rate, shared by any number of tasks.
final class RateLimiter: Sendable {
    private let bucket: Mutex<TokenBucket>
    private let origin = ContinuousClock.now

    /// At most `ratePerSecond` acquisitions a second on average, with bursts of up to `burst`.
    init(ratePerSecond: Double, burst: Double = 1) {
        bucket = Mutex(TokenBucket(rate: ratePerSecond, capacity: burst))
    }

    /// Waits for the caller's turn. Throws `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws {
        let now = ContinuousClock.now - origin
        let wait = bucket.withLock { $0.reserve(at: now) }
        if wait > .zero { try await Task.sleep(for: wait) }
    }
}
