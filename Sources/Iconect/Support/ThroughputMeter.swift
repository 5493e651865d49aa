/// Rate and time-to-finish of work measured from a start instant: the arithmetic behind every progress report.
struct ThroughputMeter: Sendable {
    let start: ContinuousClock.Instant

    init(start: ContinuousClock.Instant = .now) {
        self.start = start
    }

    /// Time since the start.
    func elapsed(now: ContinuousClock.Instant = .now) -> Duration {
        now - start
    }

    /// Units per second, given `done` units so far; 0 before any time has passed.
    func rate(done: Double, now: ContinuousClock.Instant = .now) -> Double {
        let seconds = (now - start).timeInterval
        return seconds > 0 ? done / seconds : 0
    }

    /// The time left for `remaining` units at `rate` units per second; nil while the rate is unknown.
    static func eta(remaining: Double, rate: Double) -> Duration? {
        guard remaining > 0 else { return .zero }
        guard rate > 0, rate.isFinite else { return nil }
        return .milliseconds(Int64((remaining / rate * 1000).rounded(.up)))
    }
}
