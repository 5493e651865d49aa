import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a download goes, already confined: a name in a folder whose real path is inside the allowed directories.
///
/// The bytes never go to the destination directly. ``stage()`` makes a private directory (`mkdtemp`, mode 0700) in the
/// destination's folder, the SDK downloads, resumes, verifies and restores the file inside it, and ``commit(_:)`` renames
/// the finished file into place in one step on the same file system: without `overwrite` only where nothing exists
/// (`link`, then `unlink` of the staged name), with it only over a regular file. A failed, refused or
/// cancelled download removes the private directory and leaves the destination as it was.
public struct DownloadTarget: Sendable {
    let argument: String
    /// The path as the agent wrote it, for messages.
    let shown: String
    /// The real path of the destination's folder.
    let folder: String
    let name: String
    let overwrite: Bool

    /// The destination, in its folder's real path.
    public var path: String { PathRules.joined(folder, name) }

    /// What is at the destination now, without following a link.
    private enum Existing {
        case nothing, regularFile, directory, symbolicLink, other
    }

    private var existing: Existing {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .nothing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Refuses a destination the download may not replace (checked before any byte is fetched, and again by the rename).
    func checkDestination() throws(ToolArgumentError) {
        switch existing {
        case .nothing: return
        case .regularFile where overwrite: return
        case .regularFile: throw refusal("already exists; pass overwrite: true to replace it")
        case .directory: throw refusal("is a directory; name a file inside it")
        case .symbolicLink: throw refusal("is a symbolic link; iconect-mcp never writes through one")
        case .other: throw refusal("is not a regular file")
        }
    }

    private func refusal(_ reason: String) -> ToolArgumentError {
        ToolArgumentError(argument, "\(argument) \"\(shown)\" \(reason)")
    }

    /// A fresh private directory beside the destination, for the SDK to download into.
    public func stage() throws -> DownloadStaging {
        var template = Array(PathRules.joined(folder, ".iconect-mcp-download-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw ToolArgumentError(argument, "\(argument) \"\(shown)\": its folder is not writable")
        }
        // mkdtemp filled in the Xs; the last element is the terminating NUL.
        return DownloadStaging(directory: String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Moves the staged file into place; the staging directory is removed whatever happens.
    public func commit(_ staging: DownloadStaging) throws {
        defer { staging.discard() }
        var info = stat()
        guard lstat(staging.file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ToolArgumentError(argument, "\(argument) \"\(shown)\": the download produced no regular file")
        }
        try checkDestination()
        if overwrite, existing == .regularFile {
            guard rename(staging.file.path, path) == 0 else { throw failure(errno) }
            return
        }
        try Self.moveWithoutReplacing(staging.file.path, to: path, refusal: refusal, failure: failure)
    }

    private func failure(_ code: Int32) -> ToolArgumentError {
        ToolArgumentError(argument, "\(argument) \"\(shown)\" could not be written: \(String(cString: strerror(code)))")
    }

    /// `rename` that fails instead of replacing anything at `destination`: a hard link is refused when the name exists
    /// (whatever it is), atomically; the staged name is then removed. (`renameat2(RENAME_NOREPLACE)` would do the same
    /// in one call, but Swift's Glibc module does not declare it.)
    private static func moveWithoutReplacing(_ source: String, to destination: String,
                                             refusal: (String) -> ToolArgumentError,
                                             failure: (Int32) -> ToolArgumentError) throws(ToolArgumentError) {
        guard link(source, destination) == 0 else {
            throw errno == EEXIST ? refusal("appeared while downloading; nothing was replaced") : failure(errno)
        }
        unlink(source)
    }
}

/// The private directory a download is written into before it is renamed into place.
public struct DownloadStaging: Sendable {
    /// The directory (mode 0700, a random name beside the destination).
    let directory: String

    /// The file the SDK writes.
    public var file: URL { URL(fileURLWithPath: PathRules.joined(directory, "download")) }

    /// Removes the directory and whatever the SDK left in it (a partial file, a failed download).
    public func discard() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
