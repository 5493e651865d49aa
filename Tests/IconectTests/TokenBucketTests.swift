import Testing

@testable import Iconect

@Suite("TokenBucket", .timeLimit(.minutes(2)))
struct TokenBucketTests {
    @Test func burstIsFreeThenCallsAreSpacedByTheRate() {
        var bucket = TokenBucket(rate: 10, capacity: 3)
        #expect(bucket.reserve(at: .zero) == .zero)
        #expect(bucket.reserve(at: .zero) == .zero)
        #expect(bucket.reserve(at: .zero) == .zero)
        // Past the burst, each caller borrows the next token: 100 ms, 200 ms, 300 ms.
        #expect(bucket.reserve(at: .zero) == .milliseconds(100))
        #expect(bucket.reserve(at: .zero) == .milliseconds(200))
        #expect(bucket.reserve(at: .zero) == .milliseconds(300))
    }

    @Test func tokensRefillWithTimeButNeverBeyondCapacity() {
        var bucket = TokenBucket(rate: 2, capacity: 2)
        _ = bucket.reserve(at: .zero)
        _ = bucket.reserve(at: .zero)
        // An hour later the bucket holds 2 tokens, not 7200.
        #expect(bucket.reserve(at: .seconds(3600)) == .zero)
        #expect(bucket.reserve(at: .seconds(3600)) == .zero)
        #expect(bucket.reserve(at: .seconds(3600)) == .milliseconds(500))
    }

    @Test func aSteadyCallerAtTheRateNeverWaits() {
        var bucket = TokenBucket(rate: 100, capacity: 1)
        for tick in 0..<1000 {
            #expect(bucket.reserve(at: .milliseconds(10 * tick)) == .zero)
        }
    }

    @Test func averageRateOverManyCallsIsTheRate() {
        var bucket = TokenBucket(rate: 50, capacity: 1)
        var last = Duration.zero
        for _ in 0..<500 { last = bucket.reserve(at: .zero) }
        // 500 calls at once: the last one waits for token 499 at 50/s.
        #expect(last == .milliseconds(9980))
    }

    @Test func timeGoingBackwardsIsIgnored() {
        var bucket = TokenBucket(rate: 1, capacity: 1, now: .seconds(10))
        #expect(bucket.reserve(at: .seconds(10)) == .zero)
        #expect(bucket.reserve(at: .seconds(5)) == .seconds(1))
    }

    /// The limiter reads the real clock (it takes no other): this bound is a lower one, which a loaded machine cannot break.
    @Test func rateLimiterSpacesRealCalls() async throws {
        let limiter = RateLimiter(ratePerSecond: 200)
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for _ in 0..<21 { try await limiter.acquire() }
        }
        // 21 acquisitions at 200/s: the first is free, the other 20 take at least 100 ms.
        #expect(elapsed >= .milliseconds(95))
    }

    @Test func throughputMeterEstimates() {
        #expect(ThroughputMeter.eta(remaining: 100, rate: 50) == .seconds(2))
        #expect(ThroughputMeter.eta(remaining: 0, rate: 0) == .zero)
        #expect(ThroughputMeter.eta(remaining: 10, rate: 0) == nil)
        #expect(ThroughputMeter.eta(remaining: 1, rate: 3) == .milliseconds(334), "rounded up to the millisecond")
        let start = ContinuousClock.now
        let meter = ThroughputMeter(start: start)
        #expect(meter.rate(done: 400, now: start.advanced(by: .seconds(4))) == 100)
        #expect(meter.rate(done: 400, now: start) == 0, "no rate before any time has passed")
        #expect(meter.elapsed(now: start.advanced(by: .milliseconds(1500))) == .milliseconds(1500))
    }
}
