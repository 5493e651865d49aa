import Foundation
import MCP

/// Reads the `id`, `method` and (for a cancellation) `params.requestId` of a JSON-RPC message without parsing the rest,
/// so that the transport can tell which requests are still waiting for an answer at the cost of a byte scan, even for a
/// message carrying megabytes of base64.
enum JSONRPCPeek {
    /// What the transport needs to know about one message.
    struct Summary: Sendable, Hashable {
        var id: ID?
        var method: String?
        /// The request a `notifications/cancelled` withdraws.
        var cancelledRequestId: ID?

        /// A request: it has both an id and a method.
        var isRequest: Bool { id != nil && method != nil }
        /// A response: an id and no method.
        var isResponse: Bool { id != nil && method == nil }
    }

    /// The summaries of a message: one for an object, one per element for a batch; empty when it is not JSON-RPC.
    static func summaries(of data: Data) -> [Summary] {
        data.withUnsafeBytes { bytes in
            var scanner = Scanner(bytes: bytes)
            scanner.skipSpace()
            guard let first = scanner.peek() else { return [] }
            if first == UInt8(ascii: "{") {
                return scanner.object().map { [$0] } ?? []
            }
            guard first == UInt8(ascii: "[") else { return [] }
            scanner.index += 1
            var summaries: [Summary] = []
            while true {
                scanner.skipSpace()
                guard let next = scanner.peek() else { return summaries }
                if next == UInt8(ascii: "]") { return summaries }
                if next == UInt8(ascii: ",") { scanner.index += 1; continue }
                guard next == UInt8(ascii: "{"), let summary = scanner.object() else { return summaries }
                summaries.append(summary)
            }
        }
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        /// From an opening quote to just past its closing quote.
        mutating func skipString() -> Bool {
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""): index += 1; return true
                default: index += 1
                }
            }
            return false
        }

        mutating func skipValue() -> Bool {
            guard let first = peek() else { return false }
            switch first {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard skipString() else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { index += 1; return true }
                    default:
                        break
                    }
                    index += 1
                }
                return false
            default:
                while let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                    byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D
                {
                    index += 1
                }
                return true
            }
        }

        /// The summary of the object starting at `index`, leaving `index` just past it.
        mutating func object() -> Summary? {
            index += 1
            var summary = Summary()
            var params: Range<Int>?
            while true {
                skipSpace()
                guard let next = peek() else { return nil }
                if next == UInt8(ascii: "}") { index += 1; break }
                guard next == UInt8(ascii: "\"") else { return nil }
                let keyStart = index + 1
                guard skipString() else { return nil }
                let key = UnsafeRawBufferPointer(rebasing: bytes[keyStart..<(index - 1)])
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                let valueStart = index
                guard skipValue() else { return nil }
                let value = valueStart..<index
                if key.elementsEqual("id".utf8) {
                    summary.id = Self.id(UnsafeRawBufferPointer(rebasing: bytes[value]))
                } else if key.elementsEqual("method".utf8) {
                    let token = UnsafeRawBufferPointer(rebasing: bytes[value])
                    summary.method = Self.plainString(token) ?? Self.decode(String.self, token)
                } else if key.elementsEqual("params".utf8) {
                    params = value
                }
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1 }
            }
            if summary.method == CancelledNotification.name, let params {
                summary.cancelledRequestId = Self.decode(CancelledNotification.Parameters.self,
                                                         UnsafeRawBufferPointer(rebasing: bytes[params]))?.requestId
            }
            return summary
        }

        /// A string or integer id; anything else (an escaped string, null) through the JSON decoder.
        static func id(_ token: UnsafeRawBufferPointer) -> ID? {
            if let text = plainString(token) { return .string(text) }
            if let number = Int(String(decoding: token, as: UTF8.self)) { return .number(number) }
            return decode(ID.self, token)
        }

        /// A quoted string without escapes, read directly.
        static func plainString(_ token: UnsafeRawBufferPointer) -> String? {
            guard token.count >= 2, token.first == UInt8(ascii: "\""), token.last == UInt8(ascii: "\""),
                !token.contains(UInt8(ascii: "\\"))
            else { return nil }
            return String(decoding: UnsafeRawBufferPointer(rebasing: token.dropFirst().dropLast()), as: UTF8.self)
        }

        /// A value decoded by the JSON decoder (wrapped in an array, so a bare string or number is a document).
        static func decode<T: Decodable>(_ type: T.Type, _ token: UnsafeRawBufferPointer) -> T? {
            var document = Data([UInt8(ascii: "[")])
            document.append(contentsOf: token)
            document.append(UInt8(ascii: "]"))
            return (try? JSONDecoder().decode([T].self, from: document))?.first
        }
    }
}
