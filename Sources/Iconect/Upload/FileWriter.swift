import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a file through a raw descriptor, without buffering in memory. Every way of opening refuses to follow
/// a symbolic link at the path, and a file it creates is private (0600).
///
/// A class so that the descriptor is closed exactly once; used by one task at a time.
final class FileWriter {
    let url: URL
    private var descriptor: Int32
    /// Bytes written so far (plus the file's length when it was opened for appending).
    private(set) var written: Int64

    /// Creates the file at `url`, failing when anything (a file, a link, a directory) is already there.
    convenience init(creatingExclusively url: URL) throws {
        try self.init(url: url, flags: O_WRONLY | O_CREAT | O_EXCL)
    }

    /// Creates (or empties) the regular file at `url`.
    convenience init(replacing url: URL) throws {
        try self.init(url: url, flags: O_WRONLY | O_CREAT | O_TRUNC)
    }

    /// Opens the file at `url` for appending, creating it when it does not exist.
    convenience init(appendingTo url: URL) throws {
        try self.init(url: url, flags: O_WRONLY | O_CREAT | O_APPEND)
    }

    private init(url: URL, flags: Int32) throws {
        self.url = url
        // Non-blocking, so that a FIFO with no reader fails the check below instead of waiting forever.
        let descriptor = open(url.path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            throw IconectError(.transport, "cannot open \(url.path) for writing: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            _ = closeFile(descriptor)
            throw IconectError.invalidArgument("destination", "\(url.path) is not a regular file")
        }
        self.written = (flags & O_APPEND) != 0 ? Int64(info.st_size) : 0
        self.descriptor = descriptor
    }

    /// Whether the open file is one only this user can reach: owned by this user, with no other name (a hard link
    /// planted by someone else would let them read or swap what is written).
    var isPrivatelyOwned: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && info.st_uid == geteuid() && info.st_nlink == 1
    }

    /// The file's permission bits become `mode`.
    func setPermissions(_ mode: mode_t) {
        _ = fchmod(descriptor, mode)
    }

    /// Empties the file; later writes start at its beginning.
    func truncate() throws {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw IconectError(.transport, "cannot empty \(url.path): \(String(cString: strerror(errno)))")
        }
        written = 0
    }

    deinit { close() }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let count = systemWrite(descriptor, base, remaining)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw IconectError(.transport, "writing \(url.lastPathComponent) failed: \(String(cString: strerror(errno)))")
            }
            remaining -= count
            base += count
            written += Int64(count)
        }
    }

    /// Writes all of `data`.
    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Flushes the file to stable storage; throws when the system reports that earlier writes were lost.
    func synchronize() throws {
        guard descriptor >= 0 else { return }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw IconectError(.transport, "writing \(url.lastPathComponent) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Closes the file; later calls do nothing.
    func close() {
        guard descriptor >= 0 else { return }
        _ = closeFile(descriptor)
        descriptor = -1
    }
}

private func closeFile(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}

private func systemWrite(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, base, count)
    #else
    return Darwin.write(descriptor, base, count)
    #endif
}
