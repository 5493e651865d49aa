import ArgumentParser
import Foundation

/// `--timeout 90`, `90s`, `15m` or `2h`: how long to wait for jobs.
struct WaitTimeout: ExpressibleByArgument, Sendable, Hashable {
    let duration: Duration

    /// Long enough to mean "until the job ends" (a century).
    static let unbounded = WaitTimeout(duration: .seconds(100 * 365 * 86_400))

    init(duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
        var text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        var scale = 1.0
        if let last = text.last, let unit = units[last] {
            scale = unit
            text.removeLast()
        }
        guard let value = Double(text), value.isFinite, value > 0, value * scale <= WaitTimeout.unbounded.duration.seconds else {
            return nil
        }
        duration = .milliseconds(Int64((value * scale * 1_000).rounded(.up)))
    }
}
