import Foundation

/// Prints figures as a table, or as one JSON object per line (`{"name", "value", "unit", "reference", "ratio"}`).
final class Report: Sendable {
    let json: Bool

    init(json: Bool) {
        self.json = json
        if !json {
            print(pad("figure", 44) + pad("value", 14, right: true) + "  " + pad("unit", 10) + pad("reference", 14, right: true)
                  + pad("ratio", 9, right: true))
        }
    }

    func section(_ name: String) {
        if !json { print("-- \(name)") }
    }

    /// One figure, with the floor it is compared to when there is one (ratio = value / reference).
    func figure(_ name: String, _ value: Double, _ unit: String, reference: Double? = nil) {
        let ratio = reference.flatMap { $0 == 0 ? nil : value / $0 }
        if json {
            var object: [String: Any] = ["name": name, "value": value, "unit": unit]
            object["reference"] = reference ?? NSNull()
            object["ratio"] = ratio ?? NSNull()
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
            }
        } else {
            print(pad(name, 44) + pad(format(value), 14, right: true) + "  " + pad(unit, 10)
                  + pad(reference.map(format) ?? "", 14, right: true) + pad(ratio.map { String(format: "%.3f", $0) } ?? "", 9, right: true))
        }
        flushStandardOutput()
    }

    /// A note that is not a figure (skipped scenarios, settings).
    func note(_ text: String) {
        if json {
            if let data = try? JSONSerialization.data(withJSONObject: ["note": text]) { print(String(decoding: data, as: UTF8.self)) }
        } else {
            print("   \(text)")
        }
    }

    private func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }
}

private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(1, width - text.count))
    return right ? padding + text : text + padding
}

/// Latency samples and their percentiles.
struct Samples {
    private(set) var values: [Double] = []

    init(capacity: Int) { values.reserveCapacity(capacity) }

    mutating func add(_ duration: Duration) {
        values.append(Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12)
    }

    /// The `fraction` percentile in microseconds.
    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }
}

extension Samples {
    /// Latency samples of `sdk` (the call measured) and `floor` (what it is compared with), after warming both, measured
    /// in alternating blocks so that drift on the machine affects both alike.
    static func interleaved(requests: Int, sdk: () async throws -> Void, floor: () async throws -> Void) async throws
        -> (sdk: Samples, floor: Samples)
    {
        for _ in 0..<200 {  // warm both: token, connections, code paths
            try await sdk()
            try await floor()
        }
        var sdkSamples = Samples(capacity: requests)
        var floorSamples = Samples(capacity: requests)
        let block = 250
        var done = 0
        while done < requests {
            let count = min(block, requests - done)
            for _ in 0..<count {
                let start = ContinuousClock.now
                try await sdk()
                sdkSamples.add(ContinuousClock.now - start)
            }
            for _ in 0..<count {
                let start = ContinuousClock.now
                try await floor()
                floorSamples.add(ContinuousClock.now - start)
            }
            done += count
        }
        return (sdkSamples, floorSamples)
    }
}

/// Resident memory of this process, from /proc (Linux); zero elsewhere.
enum ResidentMemory {
    /// The peak resident set size since the last ``resetPeak()``, in MB.
    static var peakMB: Double { value("VmHWM:") / 1024 }
    /// The current resident set size, in MB.
    static var currentMB: Double { value("VmRSS:") / 1024 }

    /// Starts a new peak measurement (Linux `clear_refs` 5).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    private static func value(_ key: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            return Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
        return 0
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Flushes C stdio's stdout buffer (print goes through it), so figures appear as they are measured.
func flushStandardOutput() {
    fflush(nil)
}
