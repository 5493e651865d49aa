import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads regions of a file with `pread`, so any number of tasks can read one open file at once without sharing a position.
struct FileReader: Sendable {
    let url: URL
    let size: Int64
    private let descriptor: Int32

    /// Opens `url` for reading.
    /// - Throws: ``IconectError/Code/validation`` naming `fileURL` when the file cannot be opened.
    init(url: URL) throws {
        self.url = url
        // Non-blocking, so that opening a FIFO with no writer fails the check below instead of waiting forever.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IconectError.invalidArgument("fileURL", "cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            _ = closeDescriptor(descriptor)
            throw IconectError.invalidArgument("fileURL", "\(url.path) is not a regular file")
        }
        self.descriptor = descriptor
        self.size = Int64(info.st_size)
    }

    /// The `length` bytes at `offset`.
    func read(offset: Int64, length: Int) throws -> Data {
        var data = Data(count: length)
        try data.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        return data
    }

    /// Fills `buffer` with the bytes at `offset`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, base + done, buffer.count - done, off_t(offset + Int64(done)))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw IconectError(.transport, "reading \(url.lastPathComponent) at \(offset + Int64(done)) failed: "
                                   + (count == 0 ? "the file is shorter than expected" : String(cString: strerror(errno))))
            }
            done += count
        }
    }

    /// The SHA-256 of the whole file, read in 1 MiB blocks (constant memory).
    func sha256() throws -> String {
        try sha256(offset: 0, length: size)
    }

    /// The SHA-256 of the whole file, computed while other work runs: between 8 MiB stretches it yields to the other tasks
    /// (the chunks of an upload in flight) and checks for cancellation.
    func sha256Interleaved() async throws -> String {
        var hasher = SHA256()
        let stretch: Int64 = 8 << 20
        var position: Int64 = 0
        while position < size {
            try Task.checkCancellation()
            let length = min(stretch, size - position)
            try update(&hasher, offset: position, length: length)
            position += length
            await Task.yield()
        }
        return hasher.finalize().hexString
    }

    /// The SHA-256 of the `length` bytes at `offset`, read in 1 MiB blocks into one reused buffer (constant memory, and
    /// no fresh allocation, hence no fresh pages to fault in, per block).
    func sha256(offset: Int64, length: Int64) throws -> String {
        var hasher = SHA256()
        try update(&hasher, offset: offset, length: length)
        return hasher.finalize().hexString
    }

    /// Feeds the `length` bytes at `offset` to `hasher`, in 1 MiB blocks read into one reused buffer.
    private func update(_ hasher: inout SHA256, offset: Int64, length: Int64) throws {
        let block = Int(min(Int64(1 << 20), max(length, 1)))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: block, alignment: 64)
        defer { buffer.deallocate() }
        var position = offset
        let end = offset + length
        while position < end {
            let count = Int(min(Int64(block), end - position))
            let region = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
            try read(into: region, at: position)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(region))
            position += Int64(count)
        }
    }

    /// Closes the file.
    func close() {
        _ = closeDescriptor(descriptor)
    }
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(descriptor)
    #else
    return Darwin.close(descriptor)
    #endif
}
