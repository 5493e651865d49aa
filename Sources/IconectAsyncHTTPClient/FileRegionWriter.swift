import AsyncHTTPClient
import Foundation
import Iconect
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a response body to a file as it arrives, gathering the socket's small reads into pieces of
/// ``AsyncHTTPClientTransport/bodyPieceSize`` written on NIO's blocking-I/O thread pool. The body is pulled only as fast
/// as the disk takes it, so a slow disk slows the connection instead of filling memory.
final class FileRegionWriter: Sendable {
    private let url: URL
    private let descriptor: Int32

    /// Creates `url` private (0600), or empties it when it exists; never through a symbolic link.
    init(creating url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw IconectError(.transport, "could not create \(url.path) for the download: \(String(cString: strerror(errno)))")
        }
        self.url = url
        self.descriptor = descriptor
    }

    /// Writes every byte of `body`.
    func write(_ body: HTTPClientResponse.Body, on threadPool: NIOThreadPool) async throws {
        let pieceSize = AsyncHTTPClientTransport.bodyPieceSize
        var pending = ByteBuffer()
        for try await buffer in body {
            if pending.readableBytes == 0, buffer.readableBytes >= pieceSize {
                try await write(buffer, on: threadPool)
                continue
            }
            var buffer = buffer
            pending.writeBuffer(&buffer)
            if pending.readableBytes >= pieceSize {
                try await write(pending, on: threadPool)
                pending.clear()
            }
        }
        if pending.readableBytes > 0 { try await write(pending, on: threadPool) }
    }

    private func write(_ buffer: ByteBuffer, on threadPool: NIOThreadPool) async throws {
        try await threadPool.runIfActive { try self.writeAll(buffer) }
    }

    private func writeAll(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let written = posixWrite(descriptor, base + done, raw.count - done)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    throw IconectError(.transport, "writing \(url.lastPathComponent) failed: \(String(cString: strerror(errno)))")
                }
                done += written
            }
        }
    }

    /// Closes the file; throws when the last writes could not be stored. Call it once.
    func close() throws {
        guard posixClose(descriptor) == 0 else {
            throw IconectError(.transport, "closing \(url.lastPathComponent) failed: \(String(cString: strerror(errno)))")
        }
    }
}

private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

private func posixClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}
