import Foundation

/// How the examples print figures: durations in the unit that reads best, sizes in binary units, rates in decimal MB/s
/// (the unit of the guide's "> 10MB/second").
public enum Format {
    /// `812 µs`, `14.2 ms`, `3.40 s`, `59 min 59 s`.
    public static func duration(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds < 0.001 { return String(format: "%.0f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: seconds < 0.01 ? "%.2f ms" : "%.1f ms", seconds * 1e3) }
        if seconds < 60 { return String(format: "%.2f s", seconds) }
        let whole = Int(seconds)
        return "\(whole / 60) min \(whole % 60) s"
    }

    /// `812 B`, `96.1 KiB`, `20.0 MiB`, `1.00 GiB`.
    public static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        switch count {
        case ..<1024: return "\(count) B"
        case ..<(1 << 20): return String(format: "%.1f KiB", value / 1024)
        case ..<(1 << 30): return String(format: "%.1f MiB", value / 1_048_576)
        default: return String(format: "%.2f GiB", value / 1_073_741_824)
        }
    }

    public static func bytes(_ count: Int) -> String { bytes(Int64(count)) }

    /// `12,345 records/s`.
    public static func rate(_ count: Int, per duration: Duration, unit: String) -> String {
        rate(Double(count) / max(duration.seconds, 1e-9), unit: unit)
    }

    /// `12,345 records/s`.
    public static func rate(_ perSecond: Double, unit: String) -> String {
        let number = NumberFormatter()
        number.numberStyle = .decimal
        number.maximumFractionDigits = perSecond < 10 ? 1 : 0
        return "\(number.string(from: NSNumber(value: perSecond)) ?? "\(perSecond)") \(unit)"
    }

    /// `123.4 MB/s` for `bytes` moved in `duration`.
    public static func throughput(_ bytes: Int64, in duration: Duration) -> String {
        String(format: "%.1f MB/s", megabytesPerSecond(bytes, in: duration))
    }

    /// Decimal megabytes a second.
    public static func megabytesPerSecond(_ bytes: Int64, in duration: Duration) -> Double {
        Double(bytes) / 1e6 / max(duration.seconds, 1e-9)
    }

    /// `×4.2`: how many times `slow` is `fast`.
    public static func ratio(_ slow: Duration, _ fast: Duration) -> String {
        String(format: "×%.1f", slow.seconds / max(fast.seconds, 1e-9))
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Runs `body` and returns its result with the time it took.
public func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let result = try await body()
    return (result, .now - start)
}
