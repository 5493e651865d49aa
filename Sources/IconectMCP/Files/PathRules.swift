import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a path an agent names becomes a path on this machine, before and after the file system is asked: `~` expansion,
/// lexical normalisation, a separator-aware containment test, and symlink resolution that never says whether something
/// outside exists.
enum PathRules {
    /// `~` and `~/rest` with the home directory; anything else unchanged (`~user` is not expanded, so it stays relative).
    static func expandingHome(_ text: String, home: String?) -> String {
        guard let home, text == "~" || text.hasPrefix("~/") else { return text }
        return home + text.dropFirst()
    }

    /// An absolute path with `.`, `..`, empty and repeated separators removed (`..` at the root stays at the root).
    static func normalized(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` is `directory` or inside it: `/data/a` is inside `/data`, `/data-other` is not. Both normalised.
    static func isWithin(_ path: String, _ directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }

    /// The path with every symbolic link resolved, or `nil` when some part of it does not exist or cannot be read.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of `path`'s deepest existing ancestor (itself when it exists), and the components below it that do
    /// not exist. Deciding "outside" on this ancestor keeps a symlink out of the allowed directories from revealing what
    /// exists beyond it.
    static func deepestRealAncestor(of path: String) -> (real: String, missing: [String]) {
        var candidate = path
        var missing: [String] = []
        while true {
            if let real = realPath(candidate) { return (real, missing.reversed()) }
            guard candidate != "/", let slash = candidate.lastIndex(of: "/") else { return ("/", missing.reversed()) }
            missing.append(String(candidate[candidate.index(after: slash)...]))
            candidate = slash == candidate.startIndex ? "/" : String(candidate[..<slash])
        }
    }

    /// `directory/name`, without a doubled separator at the root.
    static func joined(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }
}
