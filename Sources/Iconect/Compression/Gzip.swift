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

    /// Decompresses bytes in memory; output beyond `limit` bytes is refused with ``IconectError/Code/tooLarge``, corrupt
    /// or truncated input with ``IconectError/Code/decoding``.
    public static func decompress(_ data: Data, limit: Int = .max) throws -> Data {
        try GzipStream.decompress(data, limit: limit)
    }

    /// Compresses the file at `source` into `destination` (created or replaced, never through a symbolic link; created
    /// private, 0600) in constant memory and returns the sizes.
    @discardableResult
    public static func compressFile(at source: URL, to destination: URL, level: Int = 6) throws -> (originalSize: Int64, compressedSize: Int64) {
        let reader = try FileReader(url: source)
        defer { reader.close() }
        let writer = try FileWriter(replacing: destination)
        defer { writer.close() }
        let result = try GzipStream.compressFile(reader, into: writer, level: Int32(clamping: level))
        return (result.originalSize, result.size)
    }

    /// Decompresses the gzip file at `source` into `destination` (created or replaced, never through a symbolic link;
    /// created private, 0600) in constant memory; returns the size written. Output beyond `limit` bytes is refused with
    /// ``IconectError/Code/tooLarge``.
    @discardableResult
    public static func decompressFile(at source: URL, to destination: URL, limit: Int64 = .max) throws -> Int64 {
        let writer = try FileWriter(replacing: destination)
        defer { writer.close() }
        return try GzipStream.decompressFile(source, into: writer, limit: limit, limitName: "the limit argument").size
    }
}
