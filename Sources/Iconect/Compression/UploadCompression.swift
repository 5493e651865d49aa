import Foundation

/// Whether an upload is stored gzip-compressed.
///
/// A compressed file is stored with `metadata {compressed: true, compressionType: "gzip", originalSize, originalSha256}`
/// (CONTRACT.md), and ``FilesResource/download(id:to:range:restoresOriginal:segmentSize:progress:)`` restores the original bytes and checks their digest.
public enum UploadCompression: Sendable, Hashable {
    /// Compress files larger than ``automaticThreshold`` whose type compresses well (text, JSON, XML, CSV, SVG, …).
    case automatic
    /// Always compress.
    case always
    /// Never compress.
    case never

    /// The size above which ``automatic`` compresses a compressible file: 1 MiB.
    public static let automaticThreshold: Int64 = 1 << 20

    /// Whether a file of `size` bytes with `mimeType` (or, without one, the extension of `fileName`) is compressed.
    public func applies(size: Int64, mimeType: String?, fileName: String) -> Bool {
        switch self {
        case .never: return false
        case .always: return true
        case .automatic:
            return size > Self.automaticThreshold && Self.isCompressible(mimeType: mimeType ?? Self.mimeType(forFileName: fileName))
        }
    }

    /// Whether content of `mimeType` usually shrinks under gzip: text, and the structured text formats.
    public static func isCompressible(mimeType: String?) -> Bool {
        guard let mimeType else { return false }
        let type = mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if type.hasPrefix("text/") { return true }
        if type.hasSuffix("+json") || type.hasSuffix("+xml") { return true }
        return compressibleTypes.contains(type)
    }

    static let compressibleTypes: Set<String> = [
        "application/json", "application/x-ndjson", "application/xml", "application/javascript", "application/x-javascript",
        "application/ecmascript", "application/csv", "application/x-csv", "application/yaml", "application/x-yaml",
        "application/sql", "application/rtf", "application/x-sh", "application/xhtml+xml", "image/svg+xml", "image/bmp",
        "application/postscript", "message/rfc822", "application/mbox", "application/x-tar",
    ]

    /// A MIME type guessed from a file name's extension, for the common compressible formats.
    static func mimeType(forFileName name: String) -> String? {
        switch (name as NSString).pathExtension.lowercased() {
        case "txt", "log", "text": return "text/plain"
        case "csv": return "text/csv"
        case "tsv": return "text/tab-separated-values"
        case "json": return "application/json"
        case "ndjson", "jsonl": return "application/x-ndjson"
        case "xml": return "application/xml"
        case "html", "htm": return "text/html"
        case "js", "mjs": return "application/javascript"
        case "css": return "text/css"
        case "md": return "text/markdown"
        case "svg": return "image/svg+xml"
        case "yaml", "yml": return "application/yaml"
        case "sql": return "application/sql"
        case "rtf": return "application/rtf"
        case "eml": return "message/rfc822"
        case "mbox": return "application/mbox"
        case "bmp": return "image/bmp"
        case "tar": return "application/x-tar"
        default: return nil
        }
    }
}

/// The metadata keys of a file stored compressed.
enum CompressionMetadata {
    static let compressed = "compressed"
    static let compressionType = "compressionType"
    static let originalSize = "originalSize"
    static let originalSHA256 = "originalSha256"

    /// The metadata of a compressed upload: the caller's plus the compression keys.
    static func adding(to metadata: [String: JSONValue]?, _ file: CompressedFile) -> [String: JSONValue] {
        var result = metadata ?? [:]
        result[compressed] = true
        result[compressionType] = "gzip"
        result[originalSize] = .number(Double(file.originalSize))
        result[originalSHA256] = .string(file.originalSHA256)
        return result
    }

    /// The most bytes restoring `file` (stored as `storedSize` bytes) may produce, with the limit's name for errors: the
    /// original size its metadata declares, which must itself be within ``IconectConfiguration/Limits/maxCompressionRatio``
    /// of the stored size and, in memory, within `memoryCap` (else ``IconectError/Code/tooLarge`` before anything is
    /// restored); without a declared size, those limits themselves.
    static func restoreLimit(of file: File, storedSize: Int64, limits: IconectConfiguration.Limits, memoryCap: Int64?) throws
        -> (bytes: Int64, name: String)
    {
        var limit = (bytes: limits.inflationLimit(storedSize: storedSize), name: "IconectConfiguration.limits.maxCompressionRatio")
        if let memoryCap, memoryCap < limit.bytes { limit = (memoryCap, "IconectConfiguration.limits.maxInflatedBytes") }
        guard let declared = file.metadata?[originalSize]?.doubleValue else { return limit }
        guard declared >= 0, declared <= Double(limit.bytes) else {
            throw IconectError(.tooLarge, "\(file.name) declares \(Int64(max(declared, 0))) original bytes for \(storedSize) stored, "
                               + "more than \(limit.bytes) (\(limit.name))", operation: Route.downloadFile.operation)
        }
        return (Int64(declared), "the originalSize its metadata declares")
    }

    /// Whether `file` was stored gzip-compressed by a client.
    static func isCompressed(_ file: File) -> Bool {
        file.metadata?[compressed]?.boolValue == true && file.metadata?[compressionType]?.stringValue?.lowercased() == "gzip"
    }
}
