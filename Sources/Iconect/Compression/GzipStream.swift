import CZlib
import Foundation

/// Streaming gzip through zlib, in small steps: ``GzipStream/compressor(level:)`` deflates, ``GzipStream/decompressor()``
/// inflates (gzip framing, RFC 1952). Memory is zlib's own state plus one 64 KiB output buffer, whatever the input size.
///
/// Not thread-safe: one stream belongs to one task for one synchronous pass. It is a class only so that `deinit` frees
/// zlib's state.
final class GzipStream {
    enum Mode { case compress, decompress }

    let mode: Mode
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var finished = false

    /// A compressor writing gzip framing; `level` from 1 (fastest) to 9 (smallest), zlib's default 6.
    static func compressor(level: Int32 = 6) throws -> GzipStream {
        try GzipStream(mode: .compress, level: level)
    }

    /// A decompressor reading gzip framing.
    static func decompressor() throws -> GzipStream {
        try GzipStream(mode: .decompress, level: 0)
    }

    private init(mode: Mode, level: Int32) throws {
        self.mode = mode
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let windowBits: Int32 = 15 + 16  // +16: gzip header and trailer
        let status = switch mode {
        case .compress:
            deflateInit2_(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        case .decompress:
            inflateInit2_(stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        }
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw IconectError(.transport, "zlib could not start (status \(status))")
        }
    }

    deinit {
        switch mode {
        case .compress: deflateEnd(stream)
        case .decompress: inflateEnd(stream)
        }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Feeds `input` through the stream, handing every produced run of bytes to `sink`.
    func process(_ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !input.isEmpty, let base = input.baseAddress else { return }
        guard !finished else { throw corrupt("data after the end of the compressed stream") }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        try run(flush: Z_NO_FLUSH, sink: sink)
    }

    /// Feeds `data` through the stream.
    func process(_ data: Data, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try data.withUnsafeBytes { try process($0, sink: sink) }
    }

    /// Ends the stream: a compressor writes its last block and the gzip trailer; a decompressor checks that the
    /// compressed stream was complete.
    func finish(sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch mode {
        case .compress:
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            try run(flush: Z_FINISH, sink: sink)
        case .decompress:
            guard finished else { throw corrupt("the compressed data is truncated") }
        }
    }

    private func run(flush: Int32, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                let status = mode == .compress ? deflate(stream, flush) : inflate(stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            if produced > 0 {
                try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
            }
            switch status {
            case Z_STREAM_END:
                finished = true
                if mode == .decompress, stream.pointee.avail_in > 0 {
                    throw corrupt("data after the end of the compressed stream")
                }
                return
            case Z_OK:
                // More output may be pending when the buffer filled up; otherwise all input is consumed.
                if stream.pointee.avail_out == 0 { continue }
                if stream.pointee.avail_in == 0, flush != Z_FINISH { return }
            case Z_BUF_ERROR:
                // No progress possible: all input consumed and nothing left to write.
                if stream.pointee.avail_in == 0 { return }
                throw corrupt("the compressed data is corrupt")
            default:
                throw corrupt("the compressed data is corrupt (zlib status \(status))")
            }
        }
    }

    private func corrupt(_ message: String) -> IconectError {
        IconectError(mode == .compress ? .transport : .decoding, "gzip: \(message)")
    }
}

extension GzipStream {
    /// Compresses bytes in memory (for request bodies).
    static func compress(_ data: Data, level: Int32 = 6) throws -> Data {
        let stream = try compressor(level: level)
        var result = Data()
        result.reserveCapacity(data.count / 3 + 64)
        try stream.process(data) { result.append(contentsOf: $0) }
        try stream.finish { result.append(contentsOf: $0) }
        return result
    }

    /// Decompresses bytes in memory, refusing output beyond `limit` bytes with ``IconectError/Code/tooLarge``.
    static func decompress(_ data: Data, limit: Int = .max) throws -> Data {
        let stream = try decompressor()
        var result = Data()
        try stream.process(data) { chunk in
            guard result.count + chunk.count <= limit else {
                throw IconectError(.tooLarge, "gzip: the decompressed data is larger than \(limit) bytes")
            }
            result.append(contentsOf: chunk)
        }
        try stream.finish { _ in }
        return result
    }
}
