import CZlib

/// Streaming zlib inflation of a `Content-Encoding: gzip` (or `deflate`) request body.
///
/// Not thread-safe: one inflater belongs to one request.
final class GzipInflater {
    /// The body could not be decoded.
    struct Failure: Error {
        let reason: String
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var finished = false
    private var output = [UInt8](repeating: 0, count: 64 * 1024)

    /// - Parameter gzip: true for gzip framing (windowBits 15+16), false for zlib framing (`deflate`).
    init(gzip: Bool) throws(Failure) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, gzip ? 15 + 16 : 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw Failure(reason: "zlib initialisation failed (\(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates `input`, handing every decoded run to `sink`.
    func inflate(_ input: UnsafeRawBufferPointer, sink: ([UInt8]) throws -> Void) throws {
        guard !input.isEmpty else { return }
        guard !finished else { throw Failure(reason: "data after the end of the compressed stream") }
        guard let base = input.baseAddress else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        repeat {
            let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            if produced > 0 { try sink(Array(output[0..<produced])) }
            switch status {
            case Z_STREAM_END:
                finished = true
                if stream.pointee.avail_in > 0 { throw Failure(reason: "data after the end of the compressed stream") }
                return
            case Z_OK, Z_BUF_ERROR:
                if status == Z_BUF_ERROR && produced == 0 && stream.pointee.avail_in > 0 {
                    throw Failure(reason: "corrupt compressed data")
                }
            default:
                throw Failure(reason: "corrupt compressed data (zlib \(status))")
            }
        } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
    }

    /// Checks that the compressed stream ended.
    func finish() throws(Failure) {
        guard finished else { throw Failure(reason: "truncated compressed data") }
    }

    /// Inflates a whole body at once.
    static func inflateAll(_ bytes: [UInt8], gzip: Bool, limit: Int) throws -> [UInt8] {
        let inflater = try GzipInflater(gzip: gzip)
        var result: [UInt8] = []
        try bytes.withUnsafeBytes { raw in
            try inflater.inflate(raw) { chunk in
                result.append(contentsOf: chunk)
                if result.count > limit { throw Failure(reason: "decoded body too large") }
            }
        }
        try inflater.finish()
        return result
    }
}
