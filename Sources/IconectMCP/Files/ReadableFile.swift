import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading, held open while it is uploaded, and closed exactly once when it goes away.
///
/// It is opened with `O_NONBLOCK | O_NOFOLLOW` and checked with `fstat` on the opened descriptor, so a FIFO, a device, a
/// directory or a link swapped in after the path was checked is refused without blocking. The SDK then reads it through
/// the descriptor's own path (`/proc/self/fd/N`, `/dev/fd/N`; ``withPath(_:)``), so it reads exactly the file that was
/// checked.
public struct ReadableFile: ~Copyable, Sendable {
    private let descriptor: Int32
    /// The file's size in bytes when it was opened.
    public let size: Int64

    /// Opens `path` (already resolved); `nil` when it cannot be opened or is not a regular file.
    init?(opening path: String) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Runs `body` with a path that opens this very file, held open until `body` returns.
    public func withPath<Result>(_ body: (URL) async throws -> Result) async rethrows -> Result {
        #if os(Linux)
        let path = "/proc/self/fd/\(descriptor)"
        #else
        let path = "/dev/fd/\(descriptor)"
        #endif
        return try await body(URL(fileURLWithPath: path))
    }
}
