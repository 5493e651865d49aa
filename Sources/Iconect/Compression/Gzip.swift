import Foundation

/// gzip (RFC 1952) through zlib, streamed in small steps: the compression the uploader uses, for your own files too.
///
/// ```swift
/// let packed = try Gzip.compress(Data(csv.utf8))
/// let original = try Gzip.decompress(packed, limit: 100 << 20)
/// let info = try Gzip.compressFile(at: exportURL, to: exportURL.appendingPathExtension("gz"))
/// ```
public enum Gzip {
    /// Compresses bytes in memory; `level` from 1 (fastest) to 9 (smallest), default 6.
    public static func compress(_ data: Data, level: Int = 6) throws -> Data {
        try GzipStream.compress(data, level: Int32(clamping: level))
    }

    /// Decompresses bytes in memory; output beyond `limit` bytes is refused with ``IconectError/Code/decoding``, as is
    /// corrupt or truncated input.
    public static func decompress(_ data: Data, limit: Int = .max) throws -> Data {
        try GzipStream.decompress(data, limit: limit)
    }

    /// Compresses the file at `source` into `destination` (created or replaced) in constant memory and returns the sizes.
    @discardableResult
    public static func compressFile(at source: URL, to destination: URL, level: Int = 6) throws -> (originalSize: Int64, compressedSize: Int64) {
        let reader = try FileReader(url: source)
        defer { reader.close() }
        let result = try GzipStream.compressFile(reader, to: destination, level: Int32(clamping: level))
        return (result.originalSize, result.size)
    }

    /// Decompresses the gzip file at `source` into `destination` (created or replaced) in constant memory; returns the
    /// size written.
    @discardableResult
    public static func decompressFile(at source: URL, to destination: URL) throws -> Int64 {
        try GzipStream.decompressFile(source, to: destination).size
    }
}
