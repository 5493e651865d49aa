import Foundation

/// Where a downloaded file goes: its stored name, as a path under the output directory that cannot leave it (no absolute
/// path, no `..`, no empty or hidden-by-dot components), so that a name chosen by whoever uploaded the file cannot write
/// elsewhere.
enum StoredName {
    /// The destination of a file stored as `name` (or, when nothing of the name is usable, as `fallback`) under `directory`.
    static func destination(for name: String, fallback: String, in directory: URL) -> URL {
        let parts = name.replacingOccurrences(of: "\\", with: "/").split(separator: "/")
            .map { String($0).replacingOccurrences(of: "\0", with: "") }
            .filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        return (parts.isEmpty ? [fallback] : parts).reduce(directory) { $0.appendingPathComponent($1) }
    }
}
