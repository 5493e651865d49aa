import Crypto
import Foundation

/// What compressing a file produced.
struct CompressedFile: Sendable {
    /// The gzip file.
    let url: URL
    /// Its size in bytes.
    let size: Int64
    /// The original file's size in bytes.
    let originalSize: Int64
    /// The original file's SHA-256, lower-case hex.
    let originalSHA256: String
    /// The gzip file's SHA-256, lower-case hex.
    let sha256: String
}

extension GzipStream {
    /// How much of a file is read per step.
    static let fileStep = 1 << 20

    /// Compresses the file `reader` has open into `writer`'s file, one 1 MiB step at a time, hashing the original on
    /// the way. The writer is left open.
    static func compressFile(_ reader: FileReader, into writer: FileWriter, level: Int32 = 6) throws -> CompressedFile {
        let stream = try compressor(level: level)
        var hasher = SHA256()
        var outputHasher = SHA256()
        func emit(_ bytes: UnsafeRawBufferPointer) throws {
            outputHasher.update(bufferPointer: bytes)
            try writer.write(bytes)
        }
        var offset: Int64 = 0
        while offset < reader.size {
            try Task.checkCancellation()
            let block = try reader.read(offset: offset, length: Int(min(Int64(fileStep), reader.size - offset)))
            hasher.update(data: block)
            try stream.process(block, sink: emit)
            offset += Int64(block.count)
        }
        try stream.finish(sink: emit)
        return CompressedFile(url: writer.url, size: writer.written, originalSize: reader.size,
                              originalSHA256: hasher.finalize().hexString, sha256: outputHasher.finalize().hexString)
    }

    /// Decompresses the gzip file at `source` into `writer`'s file and returns the SHA-256 and size of what it wrote;
    /// output beyond `limit` bytes is refused with ``IconectError/Code/tooLarge`` (naming the limit as `limitName`) before
    /// it is written. The writer is left open.
    static func decompressFile(_ source: URL, into writer: FileWriter, limit: Int64, limitName: String) throws
        -> (sha256: String, size: Int64)
    {
        let reader = try FileReader(url: source)
        defer { reader.close() }
        let stream = try decompressor()
        var hasher = SHA256()
        var offset: Int64 = 0
        while offset < reader.size {
            try Task.checkCancellation()
            let block = try reader.read(offset: offset, length: Int(min(Int64(fileStep), reader.size - offset)))
            try stream.process(block) { chunk in
                guard writer.written + Int64(chunk.count) <= limit else {
                    throw IconectError(.tooLarge, "gzip: the restored data would exceed \(limit) bytes (\(limitName))")
                }
                hasher.update(bufferPointer: chunk)
                try writer.write(chunk)
            }
            offset += Int64(block.count)
        }
        try stream.finish { _ in }
        return (hasher.finalize().hexString, writer.written)
    }
}
