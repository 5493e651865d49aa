import Foundation
import MCP

/// A message longer than the stdin cap: its bytes are scanned as they stream past (never kept) for the top-level `id`,
/// so the parse error that answers it goes to the request that sent it, wherever the `id` sits in the object.
struct OverlongMessage {
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var expectingKey = false
    private var readingKey = false
    private var key: [UInt8] = []
    private var capturing = false
    private var value: [UInt8] = []
    /// The JSON text of the top-level `id`, once its value has ended.
    private(set) var id: [UInt8]?
    /// How many bytes the message had.
    private(set) var count = 0

    /// Scans the next bytes of the message.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        for byte in bytes { step(byte) }
    }

    private mutating func step(_ byte: UInt8) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                if readingKey { readingKey = false }
            } else if readingKey, key.count <= 2 {
                key.append(byte)
            }
            if capturing { append(byte) }
            return
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            if depth == 1, expectingKey {
                readingKey = true
                expectingKey = false
                key = []
            }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if depth == 0, byte == UInt8(ascii: "{") { expectingKey = true }
            depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth == 0 { finishValue() }
        case UInt8(ascii: ":") where depth == 1 && !capturing:
            capturing = key == Array("id".utf8)
            value = []
            return
        case UInt8(ascii: ",") where depth == 1:
            finishValue()
            expectingKey = true
            return
        default:
            break
        }
        if capturing { append(byte) }
    }

    private mutating func append(_ byte: UInt8) {
        if value.count < 512 { value.append(byte) }
    }

    private mutating func finishValue() {
        guard capturing else { return }
        capturing = false
        let text = value.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        id = Array(text)
    }

    /// The JSON-RPC parse error that answers the message: for its `id` when that is a string or an integer, else `null`.
    func parseError(limit: Int) -> Data {
        var idText = "null"
        if let id, let text = String(bytes: id, encoding: .utf8),
            let parsed = try? JSONDecoder().decode([ID].self, from: Data("[\(text)]".utf8)), parsed.count == 1
        {
            idText = text
        }
        let message = "Parse error: the message has more than \(limit) bytes "
            + "(\(MCPSettings.EnvironmentKey.maxMessageBytes)), so it was not read"
        return Data("{\"jsonrpc\":\"2.0\",\"id\":\(idText),\"error\":{\"code\":-32700,\"message\":\"\(message)\"}}".utf8)
    }
}
