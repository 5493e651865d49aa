import Foundation

/// The checks every file path an agent names goes through, the way the reference MCP filesystem server makes them:
/// absolute (`~` expanded) and normalised, inside an allowed directory before resolving, and again after resolving
/// symbolic links (a new file through its folder's real path). Refusals are ``ToolArgumentError``s that name the argument
/// and show the path as the agent wrote it, never the home directory it expanded to, and never whether something
/// outside the allowed directories exists.
public struct FileAccess: Sendable {
    /// The directories allowed now.
    public let directories: AllowedDirectories
    let home: String?

    /// Checks against `directories`, expanding `~` to `home`.
    public init(directories: AllowedDirectories, home: String? = ProcessInfo.processInfo.environment["HOME"]) {
        self.directories = directories
        self.home = home
    }

    /// Opens the file `text` names for reading, without blocking: only a regular file inside the allowed directories.
    public func readableFile(_ argument: String, _ text: String) async throws(ToolArgumentError) -> ReadableFile {
        let (path, allowed) = try await checked(argument, text)
        let (real, missing) = PathRules.deepestRealAncestor(of: path)
        guard allowed.contains(where: { PathRules.isWithin(real, $0.realPath) }) else { throw outside(argument, text, allowed) }
        guard missing.isEmpty, let file = ReadableFile(opening: real) else {
            throw ToolArgumentError(argument, "\(argument) \"\(text)\" is not a readable regular file")
        }
        return file
    }

    /// Where a download to `text` may go: a new file (or, with `overwrite`, an existing regular file) in an existing folder
    /// inside the allowed directories, never a directory or a symbolic link.
    public func downloadTarget(_ argument: String, _ text: String, overwrite: Bool) async throws(ToolArgumentError) -> DownloadTarget {
        let (path, allowed) = try await checked(argument, text)
        guard path != "/", let slash = path.lastIndex(of: "/") else {
            throw ToolArgumentError(argument, "\(argument) \"\(text)\" names no file")
        }
        let name = String(path[path.index(after: slash)...])
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        let (real, missing) = PathRules.deepestRealAncestor(of: folder)
        guard allowed.contains(where: { PathRules.isWithin(real, $0.realPath) }) else { throw outside(argument, text, allowed) }
        guard missing.isEmpty else { throw ToolArgumentError(argument, "\(argument) \"\(text)\": its folder does not exist") }
        let target = DownloadTarget(argument: argument, shown: text, folder: real, name: name, overwrite: overwrite)
        try target.checkDestination()
        return target
    }

    /// The normalised absolute path of `text`, after the lexical check, with the directories it was checked against.
    private func checked(_ argument: String, _ text: String) async throws(ToolArgumentError) -> (String, [AllowedDirectory]) {
        guard !text.contains("\0") else { throw ToolArgumentError(argument, "\(argument) must not contain a NUL character") }
        let expanded = PathRules.expandingHome(text, home: home)
        guard expanded.hasPrefix("/") else {
            throw ToolArgumentError(argument, "\(argument) must be an absolute path (or start with ~/), got \"\(text)\"")
        }
        let (allowed, source) = await directories.current()
        guard !allowed.isEmpty else { throw noDirectories(argument, source: source) }
        let path = PathRules.normalized(expanded)
        guard allowed.contains(where: { $0.contains(lexically: path) }) else { throw outside(argument, text, allowed) }
        return (path, allowed)
    }

    private func outside(_ argument: String, _ text: String, _ allowed: [AllowedDirectory]) -> ToolArgumentError {
        ToolArgumentError(argument, "\(argument) \"\(text)\" is outside the allowed directories ("
                          + allowed.map(\.path).joined(separator: ", ") + ")")
    }

    private func noDirectories(_ argument: String, source: AllowedDirectories.Source) -> ToolArgumentError {
        let reason = source == .roots
            ? "the MCP client shares no roots (its roots replace ICONECT_MCP_ALLOWED_DIRS); add a folder as a root in the client"
            : "the operator of iconect-mcp can allow some with ICONECT_MCP_ALLOWED_DIRS=/path/one:/path/two in its "
                + "environment, or share roots from the MCP client"
        let instead = argument == "outputPath" ? "leave outputPath out to get the bytes inline as base64"
            : "send the bytes as fileContent (base64) instead"
        return ToolArgumentError(argument, "\(argument): no directory is allowed for file paths: \(reason); \(instead)")
    }
}
