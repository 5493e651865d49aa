import Synchronization

/// Prints an example's figures beside the guide's targets and the naive way, and keeps the outcome of its checks.
///
/// ```
/// ### Field Selection
///   search, all fields ..................... 812.4 KiB in 14.2 ms
///   search, 3 fields ....................... 96.1 KiB in 3.1 ms    (naive: 812.4 KiB in 14.2 ms)
///   ✓ selected fields cost fewer bytes than all fields
/// ```
public final class ExampleReport: Sendable {
    private let checks = Mutex<(passed: Int, failed: [String])>((0, []))

    init() {}

    /// Starts the section of the guide named `title`.
    public func section(_ title: String) {
        print("\n### \(title)")
    }

    /// One measured figure, with the guide's target and the naive way's figure when the guide gives them.
    public func figure(_ label: String, _ value: String, target: String? = nil, naive: String? = nil) {
        var line = "  " + label + " " + String(repeating: ".", count: max(2, 44 - label.count)) + " " + value
        var notes: [String] = []
        if let target { notes.append("guide target: \(target)") }
        if let naive { notes.append("naive: \(naive)") }
        if !notes.isEmpty { line += "    (" + notes.joined(separator: "; ") + ")" }
        print(line)
    }

    /// A remark: what a figure means, or why a check does not apply here.
    public func note(_ text: String) {
        print("  " + text)
    }

    /// Checks one of the example's own figures; a failed check makes the example exit non-zero.
    public func check(_ condition: Bool, _ claim: String) {
        print("  \(condition ? "✓" : "✗") \(claim)")
        checks.withLock { checks in
            if condition { checks.passed += 1 } else { checks.failed.append(claim) }
        }
    }

    /// How many checks passed, and the claims of those that failed.
    var outcome: (passed: Int, failed: [String]) {
        checks.withLock { $0 }
    }
}
