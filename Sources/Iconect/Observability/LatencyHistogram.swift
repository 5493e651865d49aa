import Foundation

/// A fixed-size log-scale histogram of durations: O(1) to record, percentiles within about 2%.
///
/// Bucket *b* holds durations in `[2^(b/32), 2^((b+1)/32))` microseconds, from 1 µs to about 18 hours.
struct LatencyHistogram: Sendable, Hashable {
    private static let bucketsPerDoubling = 32.0
    private static let bucketCount = 32 * 36
    private var buckets = [UInt32](repeating: 0, count: LatencyHistogram.bucketCount)
    private(set) var count = 0
    private(set) var maximum: Duration = .zero
    private(set) var total: Duration = .zero

    mutating func record(_ duration: Duration) {
        let micros = max(1.0, Double(duration.nanoseconds) / 1000)
        let index = min(Self.bucketCount - 1, Int((micros.log2 * Self.bucketsPerDoubling).rounded(.down)))
        buckets[max(0, index)] &+= 1
        count += 1
        total += duration
        maximum = max(maximum, duration)
    }

    /// The duration below which `fraction` (0...1) of the recorded durations fall; `.zero` when empty.
    func percentile(_ fraction: Double) -> Duration {
        guard count > 0 else { return .zero }
        let rank = max(1, Int((Double(count) * min(max(fraction, 0), 1)).rounded(.up)))
        var seen = 0
        for (index, value) in buckets.enumerated() where value > 0 {
            seen += Int(value)
            if seen >= rank {
                let micros = Double.exp2((Double(index) + 0.5) / Self.bucketsPerDoubling)
                return min(.nanoseconds(Int64(micros * 1000)), maximum)
            }
        }
        return maximum
    }
}

extension Double {
    fileprivate var log2: Double { Foundation.log2(self) }
    fileprivate static func exp2(_ value: Double) -> Double { Foundation.exp2(value) }
}
