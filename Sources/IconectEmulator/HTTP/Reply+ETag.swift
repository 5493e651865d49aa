import HTTPTypes
import NIOCore

extension Reply {
    /// A 200 JSON answer to a GET with a strong `ETag` (a hash of the bytes); when the request's `If-None-Match` names it,
    /// a 304 with no body instead. Streamed bodies (downloads) carry their own `ETag` and are left alone.
    func withEntityTag(ifNoneMatch: String?) -> Reply {
        guard status == .ok, headers[.eTag] == nil, case .bytes(let buffer) = body else { return self }
        let tag = "\"" + Self.fnv1a(buffer) + "\""
        if let ifNoneMatch, ifNoneMatch == "*" || ifNoneMatch.split(separator: ",").contains(where: {
            let candidate = $0.trimmingSpaces()
            return candidate == tag || candidate == "W/" + tag
        }) {
            return Reply(status: .notModified, headers: [.eTag: tag])
        }
        var tagged = self
        tagged.headers[.eTag] = tag
        return tagged
    }

    /// FNV-1a over the bytes, as 16 hex digits: cheap, and stable for equal bodies.
    private static func fnv1a(_ buffer: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        buffer.withUnsafeReadableBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
