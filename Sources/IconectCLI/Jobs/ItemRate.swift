/// A server job's speed as its snapshots show it: items a second since it was first seen moving (a job that waited in a
/// queue is not slowed by the wait), and the time left at that speed.
struct ItemRate: Sendable {
    /// The snapshot the rate counts from: the last one before the job moved, or the first one seen.
    private var anchor: (done: Int, at: ContinuousClock.Instant)?
    private var hasMoved = false

    /// Takes a snapshot of `done` items of `total` (0 while unknown) seen at `now`; answers the rate and the time left.
    mutating func observe(done: Int, total: Int, at now: ContinuousClock.Instant = .now) -> (perSecond: Double, remaining: Duration?) {
        guard let anchor, hasMoved || done != anchor.done else {
            anchor = (done, now)
            return (0, total > 0 && done >= total ? .zero : nil)
        }
        hasMoved = true
        let elapsed = (now - anchor.at).seconds
        let perSecond = elapsed > 0 ? Double(done - anchor.done) / elapsed : 0
        guard total > 0 else { return (perSecond, nil) }
        if done >= total { return (perSecond, .zero) }
        return (perSecond, perSecond > 0 ? .seconds(Double(total - done) / perSecond) : nil)
    }
}
