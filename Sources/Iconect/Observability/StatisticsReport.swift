import Foundation

/// A snapshot of the client's per-operation statistics, printable as a table.
///
/// ```swift
/// print(await client.statistics())
/// ```
public struct StatisticsReport: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One row per operation, sorted by name.
    public var operations: [OperationStatistics]
    /// Named counters: cache hits and misses, token grants, retries refused by the budget, ...
    public var counters: [String: Int]

    /// The row of one operation.
    public subscript(operation: String) -> OperationStatistics? {
        operations.first { $0.operation == operation }
    }

    public var description: String {
        var lines = [
            pad("operation", 40) + pad("calls", 8, right: true) + pad("errors", 8, right: true) + pad("retries", 8, right: true)
                + pad("p50 ms", 10, right: true) + pad("p95 ms", 10, right: true) + pad("p99 ms", 10, right: true)
                + pad("sent", 12, right: true) + pad("received", 12, right: true)
        ]
        for row in operations {
            lines.append(
                pad(row.operation, 40) + pad("\(row.count)", 8, right: true) + pad("\(row.errors)", 8, right: true)
                    + pad("\(row.retries)", 8, right: true) + pad(format(row.p50Milliseconds), 10, right: true)
                    + pad(format(row.p95Milliseconds), 10, right: true) + pad(format(row.p99Milliseconds), 10, right: true)
                    + pad(bytes(row.bytesSent), 12, right: true) + pad(bytes(row.bytesReceived), 12, right: true))
        }
        for key in counters.keys.sorted() {
            lines.append("\(key): \(counters[key, default: 0])")
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(1, width - text.count))
        return right ? padding + text : text + padding
    }

    private func format(_ milliseconds: Double) -> String {
        String(format: milliseconds < 10 ? "%.2f" : "%.1f", milliseconds)
    }

    private func bytes(_ count: Int) -> String {
        switch count {
        case ..<1024: return "\(count) B"
        case ..<(1024 * 1024): return String(format: "%.1f KiB", Double(count) / 1024)
        default: return String(format: "%.1f MiB", Double(count) / 1_048_576)
        }
    }
}
