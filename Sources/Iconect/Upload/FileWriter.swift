import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends bytes to a file through a raw descriptor, without buffering in memory.
///
/// A class so that the descriptor is closed exactly once; used by one task at a time.
final class FileWriter {
    let url: URL
    private var descriptor: Int32
    /// Bytes written so far (plus the file's length when it was opened for appending).
    private(set) var written: Int64

    /// Creates (or truncates) the file at `url`.
    convenience init(creating url: URL) throws {
        try self.init(url: url, flags: O_WRONLY | O_CREAT | O_TRUNC)
    }

    /// Opens the file at `url` for appending, creating it when it does not exist.
    convenience init(appendingTo url: URL) throws {
        try self.init(url: url, flags: O_WRONLY | O_CREAT | O_APPEND)
    }

    private init(url: URL, flags: Int32) throws {
        self.url = url
        let descriptor = open(url.path, flags, 0o644)
        guard descriptor >= 0 else {
            throw IconectError(.transport, "cannot open \(url.path) for writing: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        self.written = fstat(descriptor, &info) == 0 && (flags & O_APPEND) != 0 ? Int64(info.st_size) : 0
        self.descriptor = descriptor
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

    /// Flushes the file to stable storage.
    func synchronize() {
        if descriptor >= 0 { _ = fsync(descriptor) }
    }

    /// Closes the file; later calls do nothing.
    func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
        descriptor = -1
    }
}

private func systemWrite(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, base, count)
    #else
    return Darwin.write(descriptor, base, count)
    #endif
}
