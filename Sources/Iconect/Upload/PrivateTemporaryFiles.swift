import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SDK's scratch files (the gzip copy of an upload): in `<temporary directory>/iconect-<uid>`, a directory only this
/// user can enter (0700), each file created exclusively and private (0600).
///
/// A file's name carries the id of the process that made it, so a copy left behind by a process that died is removed
/// the next time any process of this user makes one; the process that made it removes it itself when the upload ends.
enum PrivateTemporaryFiles {
    /// Creates a new private file named `<prefix>-<pid>-<random><suffix>`.
    static func makeFile(prefix: String, suffix: String) throws -> FileWriter {
        let directory = try directory()
        removeOrphans(in: directory)
        let name = "\(prefix)-\(getpid())-\(UUID().uuidString)\(suffix)"
        return try FileWriter(creatingExclusively: directory.appendingPathComponent(name))
    }

    /// The user's private directory, created when missing. One that is not a directory this user owns and alone can
    /// enter (someone else made it first) is never used: a fresh one of a random name is made instead.
    static func directory() throws -> URL {
        let base = FileManager.default.temporaryDirectory
        let shared = base.appendingPathComponent("iconect-\(geteuid())", isDirectory: true)
        if mkdir(shared.path, 0o700) == 0 || errno == EEXIST, isPrivateDirectory(shared.path) { return shared }
        var template = Array(base.appendingPathComponent("iconect-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw IconectError(.transport, "cannot create a private temporary directory in \(base.path): \(String(cString: strerror(errno)))")
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Whether `path` is a real directory (not a link) owned by this user that no one else may enter.
    private static func isPrivateDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == geteuid()
            && (info.st_mode & 0o077) == 0
    }

    /// Removes the files of processes that no longer exist.
    private static func removeOrphans(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names {
            let parts = name.split(separator: "-", maxSplits: 2)
            guard parts.count == 3, let pid = pid_t(parts[1]), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink(directory.appendingPathComponent(name).path)
            }
        }
    }
}
