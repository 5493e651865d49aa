#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// A minimal blocking file handle over POSIX calls; one owner at a time (not Sendable).
final class PosixFile {
    /// A system call failed.
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32
        var description: String { "\(operation) \(path) failed (errno \(code))" }
    }

    private let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    static func create(_ path: String) throws(Failure) -> PosixFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(operation: "create", path: path, code: errno) }
        return PosixFile(descriptor: fd, path: path)
    }

    static func openForReading(_ path: String) throws(Failure) -> PosixFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
        return PosixFile(descriptor: fd, path: path)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = systemWrite(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: path, code: errno)
            }
            remaining -= written
            base += written
        }
    }

    func write(_ bytes: [UInt8]) throws(Failure) {
        try write(bytes[...])
    }

    func write(_ bytes: ArraySlice<UInt8>) throws(Failure) {
        let failure = bytes.withUnsafeBytes { raw -> Failure? in
            do {
                try write(raw)
                return nil
            } catch let failure as Failure {
                return failure
            } catch {
                return Failure(operation: "write", path: path, code: -1)
            }
        }
        if let failure { throw failure }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: Int) throws(Failure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, code: errno)
            }
            if got == 0 { break }
            filled += got
        }
        if filled < count { buffer.removeSubrange(filled...) }
        return buffer
    }

    var size: Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return 0 }
        return Int(info.st_size)
    }

    /// Renames a file over another (atomic on one file system).
    static func move(_ from: String, to: String) throws(Failure) {
        guard rename(from, to) == 0 else { throw Failure(operation: "rename", path: from, code: errno) }
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
