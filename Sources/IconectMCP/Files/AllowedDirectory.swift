import Foundation
import Iconect
import MCP

/// A directory inside which the agent may name files, in two forms: as configured (absolute and normalised) and with
/// its symbolic links resolved. A path is checked against both before it is resolved and against the real form after.
public struct AllowedDirectory: Sendable, Hashable {
    /// The directory as configured, absolute and normalised (`/home/me/cases`).
    public let path: String
    /// The same directory with symbolic links resolved (`/private/var/...` for `/var/...` on macOS).
    public let realPath: String

    /// The directory named by `text` (`~` expanded), when it is an existing directory.
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming `source` when it is relative, missing or not a directory.
    public init(_ text: String, source: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) throws {
        let expanded = PathRules.expandingHome(text.trimmingCharacters(in: .whitespaces), home: home)
        guard expanded.hasPrefix("/"), !expanded.contains("\0") else {
            throw IconectError.setting(source, "\"\(text)\" is not an absolute path")
        }
        let path = PathRules.normalized(expanded)
        var isDirectory: ObjCBool = false
        guard let real = PathRules.realPath(path), FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw IconectError.setting(source, "\"\(text)\" is not an existing directory")
        }
        self.path = path
        self.realPath = real
    }

    /// The directories of a path list (`/a:/b`, like `PATH`; empty entries ignored).
    public static func list(_ text: String, source: String) throws -> [AllowedDirectory] {
        try text.split(separator: ":").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { try AllowedDirectory($0, source: source) }
    }

    /// The directory of a client root (`file:///home/me/cases`); `nil` for another scheme or a root that is not an
    /// existing directory.
    init?(root: Root) {
        guard let url = URL(string: root.uri), url.isFileURL, !url.path.isEmpty,
            let directory = try? AllowedDirectory(url.path, source: "roots", home: nil)
        else { return nil }
        self = directory
    }

    /// Whether the normalised `path` lies in this directory, as configured or as resolved.
    func contains(lexically path: String) -> Bool {
        PathRules.isWithin(path, self.path) || PathRules.isWithin(path, realPath)
    }
}
