import Foundation
import Testing

@testable import Iconect

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    /// The nearest-rank percentile of a sample, the definition the histogram approximates.
    private func exact(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[max(1, Int((Double(sorted.count) * fraction).rounded(.up))) - 1]
    }

    private func milliseconds(_ duration: Duration) -> Double { Double(duration.nanoseconds) / 1e6 }

    private func within(_ value: Double, _ expected: Double, _ tolerance: Double = 0.05) -> Bool {
        abs(value - expected) <= tolerance * expected
    }

    private func check(_ samples: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        var histogram = LatencyHistogram()
        for sample in samples { histogram.record(.nanoseconds(Int64(sample * 1e6))) }
        let sorted = samples.sorted()
        for fraction in [0.5, 0.9, 0.95, 0.99, 0.999] {
            let estimate = milliseconds(histogram.percentile(fraction))
            let truth = exact(sorted, fraction)
            #expect(within(estimate, truth), "p\(fraction * 100): \(estimate) ms vs \(truth) ms", sourceLocation: sourceLocation)
        }
    }

    @Test func emptyHistogram() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0)
        #expect(histogram.percentile(0.5) == .zero)
        #expect(histogram.percentile(0.99) == .zero)
        #expect(histogram.maximum == .zero)
        #expect(histogram.total == .zero)
    }

    @Test func uniformOneToThousandMilliseconds() {
        var histogram = LatencyHistogram()
        for millis in 1...1000 { histogram.record(.milliseconds(millis)) }
        #expect(within(milliseconds(histogram.percentile(0.50)), 500))
        #expect(within(milliseconds(histogram.percentile(0.95)), 950))
        #expect(within(milliseconds(histogram.percentile(0.99)), 990))
        #expect(histogram.count == 1000)
        #expect(histogram.maximum == .milliseconds(1000))
        #expect(histogram.total == .milliseconds(500_500))
    }

    @Test func exponentialDistribution() {
        var generator = SeededGenerator(seed: 11)
        let samples = (0..<50_000).map { _ in -log(Double.random(in: Double.ulpOfOne..<1, using: &generator)) * 40 }
        check(samples)
    }

    @Test func logNormalDistribution() {
        var generator = SeededGenerator(seed: 12)
        let samples = (0..<50_000).map { _ -> Double in
            // Box–Muller.
            let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let v = Double.random(in: 0..<1, using: &generator)
            let normal = (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
            return exp(3 + 1.2 * normal)
        }
        check(samples)
    }

    @Test func bimodalDistribution() {
        var histogram = LatencyHistogram()
        for _ in 0..<900 { histogram.record(.milliseconds(10)) }
        for _ in 0..<100 { histogram.record(.milliseconds(1000)) }
        #expect(within(milliseconds(histogram.percentile(0.50)), 10))
        #expect(within(milliseconds(histogram.percentile(0.90)), 10), "the 900th of 1000 is still fast")
        #expect(within(milliseconds(histogram.percentile(0.901)), 1000))
        #expect(within(milliseconds(histogram.percentile(0.99)), 1000))
    }

    @Test func constantValueAndNeverAboveTheMaximum() {
        var histogram = LatencyHistogram()
        for _ in 0..<100 { histogram.record(.milliseconds(42)) }
        for fraction in [0.0, 0.5, 0.99, 1.0] {
            let estimate = histogram.percentile(fraction)
            #expect(within(milliseconds(estimate), 42, 0.02))
            #expect(estimate <= .milliseconds(42))
        }
    }

    @Test func fractionsAreClamped() {
        var histogram = LatencyHistogram()
        for millis in [1, 10, 100] { histogram.record(.milliseconds(millis)) }
        #expect(histogram.percentile(-1) == histogram.percentile(0))
        #expect(within(milliseconds(histogram.percentile(-1)), 1))
        #expect(histogram.percentile(7) == histogram.percentile(1))
        #expect(within(milliseconds(histogram.percentile(1)), 100))
    }

    @Test func extremesDoNotTrapAndStayBelowTheMaximum() {
        var histogram = LatencyHistogram()
        histogram.record(.zero)
        histogram.record(.nanoseconds(10))
        #expect(histogram.percentile(1) == .nanoseconds(10), "sub-microsecond: capped by the maximum")
        histogram.record(.seconds(200_000))
        #expect(histogram.maximum == .seconds(200_000))
        #expect(histogram.percentile(1) <= .seconds(200_000))
        #expect(histogram.percentile(1) > .seconds(3600))
        #expect(histogram.count == 3)
    }

    @Test func recordingOrderDoesNotMatter() {
        var generator = SeededGenerator(seed: 13)
        let samples = (0..<500).map { _ in Duration.microseconds(Int64.random(in: 1...5_000_000, using: &generator)) }
        var forward = LatencyHistogram()
        var backward = LatencyHistogram()
        for sample in samples { forward.record(sample) }
        for sample in samples.reversed() { backward.record(sample) }
        #expect(forward == backward)
    }
}
