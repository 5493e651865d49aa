import Foundation

/// What a progress display counts, and how it prints amounts, rates and times: bytes in decimal units (MB, MB/s, as
/// transfer speeds are quoted), items as grouped counts.
enum ProgressUnit: Sendable, Hashable {
    case bytes
    /// Items, named in the plural (`records`).
    case items(String)

    /// `12.3 MB`, or `12,345`.
    func amount(_ value: Int64) -> String {
        switch self {
        case .bytes: return Self.bytes(value)
        case .items: return Self.count(value)
        }
    }

    /// `45.2 MB/s`, or `1,234 records/s`.
    func rate(_ perSecond: Double) -> String {
        switch self {
        case .bytes: return Self.bytes(Int64(perSecond)) + "/s"
        case .items(let name): return Self.count(Int64(perSecond)) + " \(name)/s"
        }
    }

    /// `512 B`, `12.3 kB`, `45.6 MB`, `1.23 GB`.
    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        switch count {
        case ..<1_000: return "\(count) B"
        case ..<1_000_000: return String(format: "%.1f kB", value / 1e3)
        case ..<1_000_000_000: return String(format: "%.1f MB", value / 1e6)
        default: return String(format: "%.2f GB", value / 1e9)
        }
    }

    /// `12,345`.
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `0:42`, `12:05`, `1:02:03`; `--:--` while unknown.
    static func clock(_ duration: Duration?) -> String {
        guard let duration, duration >= .zero, duration.seconds < 360_000 else { return "--:--" }
        let total = Int(duration.seconds.rounded(.up))
        let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, seconds) : String(format: "%d:%02d", minutes, seconds)
    }

    /// `97%`, or nil when the total is unknown.
    static func percent(_ done: Int64, of total: Int64?) -> String? {
        guard let total else { return nil }
        guard total > 0 else { return "100%" }
        return "\(min(100, Int(Double(done) / Double(total) * 100)))%"
    }
}
