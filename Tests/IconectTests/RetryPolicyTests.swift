import Testing

@testable import Iconect

@Suite("RetryPolicy", .timeLimit(.minutes(2)))
struct RetryPolicyTests {
    /// `min(maxDelay, base · 2ⁿ⁻¹)` in nanoseconds, computed independently of the SDK.
    private func ceiling(_ policy: RetryPolicy, attempt: Int) -> Double {
        let base = Double(policy.baseDelay.components.seconds) * 1e9 + Double(policy.baseDelay.components.attoseconds) / 1e9
        let cap = Double(policy.maxDelay.components.seconds) * 1e9 + Double(policy.maxDelay.components.attoseconds) / 1e9
        return min(cap, base * Double(sign: .plus, exponent: max(attempt, 1) - 1, significand: 1))
    }

    @Test func fullJitterStaysWithinBounds() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(20))
        var generator = SeededGenerator(seed: 0xBACC0FF)
        for attempt in 1...40 {
            let limit = ceiling(policy, attempt: attempt)
            var lowest = Double.infinity
            var highest = 0.0
            var sum = 0.0
            let samples = 2_000
            for _ in 0..<samples {
                let wait = Double(policy.backoff(afterAttempt: attempt, using: &generator).nanoseconds)
                lowest = min(lowest, wait)
                highest = max(highest, wait)
                sum += wait
            }
            #expect(lowest >= 0, "attempt \(attempt)")
            #expect(highest < limit, "attempt \(attempt): \(highest) ns is not below \(limit) ns")
            // Full jitter: the waits spread over the whole interval, not around its top.
            #expect(highest > 0.95 * limit, "attempt \(attempt)")
            #expect(lowest < 0.05 * limit, "attempt \(attempt)")
            #expect(abs(sum / Double(samples) - limit / 2) < 0.05 * limit, "attempt \(attempt): the mean is half the ceiling")
        }
    }

    @Test func ceilingDoublesUntilTheCap() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        var generator = SeededGenerator(seed: 1)
        let expectedCeilings: [(Int, Int64)] = [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (6, 1000), (31, 1000), (1000, 1000)]
        for (attempt, millis) in expectedCeilings {
            let highest = (0..<3_000).map { _ in policy.backoff(afterAttempt: attempt, using: &generator) }.max()
            #expect(highest.map { $0 < .milliseconds(millis) && $0 > .milliseconds(millis * 9 / 10) } == true, "attempt \(attempt)")
        }
    }

    @Test(arguments: [0, -1, -1_000_000])
    func attemptsBelowOneAreTreatedAsTheFirst(attempt: Int) {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(20))
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<500 {
            let wait = policy.backoff(afterAttempt: attempt, using: &generator)
            #expect(wait >= .zero && wait < .milliseconds(100))
        }
    }

    @Test func theLowestAttemptNumberDoesNotTrap() async {
        await #expect(processExitsWith: .success) {
            var generator = SeededGenerator(seed: 1)
            _ = RetryPolicy().backoff(afterAttempt: Int.min, using: &generator)
        }
    }

    @Test func theSameSeedGivesTheSameWaits() {
        let policy = RetryPolicy()
        var first = SeededGenerator(seed: 123)
        var second = SeededGenerator(seed: 123)
        let one = (1...20).map { policy.backoff(afterAttempt: $0, using: &first) }
        let two = (1...20).map { policy.backoff(afterAttempt: $0, using: &second) }
        #expect(one == two)
        var third = SeededGenerator(seed: 124)
        #expect((1...20).map { policy.backoff(afterAttempt: $0, using: &third) } != one)
    }

    @Test func zeroDelaysNeverWait() {
        var generator = SeededGenerator(seed: 5)
        let noBase = RetryPolicy(baseDelay: .zero, maxDelay: .seconds(20))
        let noCap = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .zero)
        for attempt in 1...10 {
            #expect(noBase.backoff(afterAttempt: attempt, using: &generator) == .zero)
            #expect(noCap.backoff(afterAttempt: attempt, using: &generator) == .zero)
        }
    }

    @Test func capBelowTheBaseWins() {
        let policy = RetryPolicy(baseDelay: .seconds(10), maxDelay: .milliseconds(50))
        var generator = SeededGenerator(seed: 6)
        for _ in 0..<500 { #expect(policy.backoff(afterAttempt: 1, using: &generator) < .milliseconds(50)) }
    }

    @Test func retryAfterReplacesTheBackoff() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(60))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(5)) == .seconds(5))
        #expect(policy.delay(afterAttempt: 7, retryAfter: .milliseconds(1500)) == .milliseconds(1500))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .zero) == .zero)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(-3)) == .zero)
    }

    @Test func retryAfterUpToTheCapIsHonouredAndBeyondItMeansNoRetry() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(60))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(60)) == .seconds(60))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(60) + .nanoseconds(1)) == nil)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == nil)
        #expect(RetryPolicy(maxRetryAfter: .zero).delay(afterAttempt: 1, retryAfter: .seconds(1)) == nil)
    }

    @Test func withoutRetryAfterTheDelayIsTheJitteredBackoff() throws {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(20))
        for attempt in 1...8 {
            for _ in 0..<50 {
                let wait = try #require(policy.delay(afterAttempt: attempt, retryAfter: nil))
                #expect(wait >= .zero)
                #expect(Double(wait.nanoseconds) < ceiling(policy, attempt: attempt))
            }
        }
    }

    @Test func retryableStatuses() {
        for status in [429, 500, 502, 503, 504] { #expect(RetryPolicy.isRetryable(status: status), "\(status)") }
        for status in [200, 201, 204, 304, 400, 401, 403, 404, 409, 413, 422, 501, 505] {
            #expect(!RetryPolicy.isRetryable(status: status), "\(status)")
        }
    }

    @Test func defaultsAndNone() throws {
        let policy = RetryPolicy()
        #expect(policy.maxAttempts == 3)
        #expect(policy.baseDelay == .milliseconds(100))
        #expect(policy.maxDelay == .seconds(20))
        #expect(policy.maxRetryAfter == .seconds(60))
        #expect(RetryPolicy.none.maxAttempts == 1)
        try policy.validate()
        try RetryPolicy.none.validate()
    }

    @Test func validateNamesTheBadSetting() throws {
        let attempts = try iconectError { try RetryPolicy(maxAttempts: 0).validate() }
        #expect(attempts.code == .invalidConfiguration)
        #expect(attempts.fieldErrors["retryPolicy.maxAttempts"] != nil)
        for policy in [
            RetryPolicy(baseDelay: .milliseconds(-1)), RetryPolicy(maxDelay: .seconds(-1)), RetryPolicy(maxRetryAfter: .seconds(-1)),
        ] {
            let error = try iconectError { try policy.validate() }
            #expect(error.fieldErrors["retryPolicy"] != nil)
        }
        for policy in [RetryPolicy(budgetCapacity: -1), RetryPolicy(budgetDepositPerSuccess: -0.5)] {
            let error = try iconectError { try policy.validate() }
            #expect(error.fieldErrors["retryPolicy.budget"] != nil)
        }
    }

    @Test func durationNanoseconds() {
        #expect(Duration.seconds(1).nanoseconds == 1_000_000_000)
        #expect(Duration.milliseconds(1500).nanoseconds == 1_500_000_000)
        #expect(Duration.nanoseconds(7).nanoseconds == 7)
        #expect(Duration.milliseconds(-1).nanoseconds == -1_000_000)
        #expect(Duration.seconds(Int64.max).nanoseconds == Int64.max, "saturates instead of trapping")
        #expect(Duration.zero.nanoseconds == 0)
    }
}
