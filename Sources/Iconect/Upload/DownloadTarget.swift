import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a download lands, and the only way it gets there: written to a file of its own beside the destination
/// (created exclusively and private), then renamed into place once complete and verified.
///
/// The destination is checked before anything is sent: its directory must exist, and whatever is already there must be
/// a regular file (a directory, a symbolic link, a FIFO or a device is refused, never replaced or written through). The
/// final rename replaces a file whole and never follows a link, so any failure, at any point, leaves the destination as
/// it was.
struct DownloadTarget: Sendable {
    let destination: URL
    /// The permission bits the downloaded file gets: those of the file it replaces, else private (0600).
    private let mode: mode_t

    /// Checks `destination`; throws ``IconectError/Code/validation`` naming `destination` when a download may not go there.
    init(_ destination: URL) throws {
        let path = destination.path
        guard !destination.lastPathComponent.isEmpty, !path.hasSuffix("/") else {
            throw IconectError.invalidArgument("destination", "\(path) names a directory, not a file")
        }
        var info = stat()
        if lstat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let what = kind == S_IFDIR ? "a directory" : kind == S_IFLNK ? "a symbolic link" : kind == S_IFIFO ? "a FIFO"
                    : "not a regular file"
                throw IconectError.invalidArgument("destination", "\(path) is \(what); a download never replaces or writes through one")
            }
            mode = info.st_mode & 0o777
        } else {
            mode = 0o600
        }
        var directory = stat()
        let parent = destination.deletingLastPathComponent().path
        guard stat(parent, &directory) == 0, (directory.st_mode & S_IFMT) == S_IFDIR else {
            throw IconectError.invalidArgument("destination", "the directory \(parent) does not exist")
        }
        self.destination = destination
    }

    /// A new, empty file for the download beside the destination, created exclusively and private (0600).
    func makeTemporaryFile() throws -> FileWriter {
        let name = ".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).iconect-download"
        return try FileWriter(creatingExclusively: destination.deletingLastPathComponent().appendingPathComponent(name))
    }

    /// Gives `writer`'s file the destination's permissions, closes it and renames it over the destination.
    func commit(_ writer: FileWriter) throws {
        writer.setPermissions(mode)
        writer.close()
        guard rename(writer.url.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: writer.url)
            throw IconectError.invalidArgument("destination", "the download could not be moved to \(destination.path): \(reason)")
        }
    }
}
