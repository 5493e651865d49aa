import Foundation
import Iconect
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request body read from a region of a file, piece by piece, on NIO's blocking-I/O thread pool: AsyncHTTPClient
/// asks for the next piece only when the connection has taken the previous one, so memory holds a piece or two at a time.
///
/// The file is opened when the body is created (so a missing file fails before anything is sent) and closed when the
/// last iterator over it goes away; each iteration (a retried request iterates again) starts at the region's beginning.
struct FileRegionReader: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let length: Int64
    private let file: OpenFile
    private let offset: Int64
    private let threadPool: NIOThreadPool

    /// Opens `url`; a `nil` length means "to the end of the file".
    /// - Throws: ``IconectError/Code/validation`` naming `fileURL` when the file cannot be opened or is too short.
    init(url: URL, offset: Int64, length: Int64?, threadPool: NIOThreadPool) throws {
        let file = try OpenFile(url: url)
        let available = file.size - offset
        guard offset >= 0, available >= (length ?? 0) else {
            throw IconectError.invalidArgument("fileURL", "\(url.path) has \(file.size) bytes, fewer than the request body needs")
        }
        self.file = file
        self.offset = offset
        self.length = length ?? available
        self.threadPool = threadPool
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(file: file, position: offset, end: offset + length, threadPool: threadPool)
    }

    struct Iterator: AsyncIteratorProtocol {
        let file: OpenFile
        var position: Int64
        let end: Int64
        let threadPool: NIOThreadPool

        mutating func next() async throws -> ByteBuffer? {
            guard position < end else { return nil }
            let count = Int(Swift.min(Int64(AsyncHTTPClientTransport.bodyPieceSize), end - position))
            let (file, offset) = (self.file, position)
            let piece = try await threadPool.runIfActive { try file.read(offset: offset, count: count) }
            position += Int64(count)
            return piece
        }
    }

    /// An open descriptor, closed when the last reference goes.
    final class OpenFile: Sendable {
        let url: URL
        let size: Int64
        private let descriptor: Int32

        init(url: URL) throws {
            let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw IconectError.invalidArgument("fileURL", "cannot open \(url.path): \(String(cString: strerror(errno)))")
            }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                _ = close(descriptor)
                throw IconectError.invalidArgument("fileURL", "\(url.path) is not a regular file")
            }
            self.url = url
            self.size = Int64(info.st_size)
            self.descriptor = descriptor
        }

        deinit { _ = close(descriptor) }

        /// `count` bytes at `offset`, all of them.
        func read(offset: Int64, count: Int) throws -> ByteBuffer {
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
                guard let base = raw.baseAddress else { return 0 }
                var done = 0
                while done < count {
                    let read = pread(descriptor, base + done, count - done, off_t(offset + Int64(done)))
                    if read < 0, errno == EINTR { continue }
                    guard read > 0 else {
                        throw IconectError(.transport, "reading \(url.lastPathComponent) at \(offset + Int64(done)) failed: "
                                           + (read == 0 ? "the file is shorter than expected" : String(cString: strerror(errno))))
                    }
                    done += read
                }
                return done
            }
            return buffer
        }
    }
}
