import Foundation
import Iconect
import MCP

/// What a tool answers: one JSON object, sent both as text content and as `structuredContent`.
public struct ToolOutput: Sendable, Hashable {
    /// The object (arrays are wrapped as `{"data": [...]}`, since `structuredContent` must be an object).
    public let value: Value
    /// The compact JSON text of ``value``, when it was encoded already.
    private let encodedText: String?

    private init(value: Value, text: String? = nil) {
        self.value = value
        self.encodedText = text
    }

    /// An answer made of these members.
    public static func object(_ members: [String: Value]) -> ToolOutput {
        ToolOutput(value: .object(members))
    }

    /// An SDK model (a ``Project``, a ``Page`` of records...) as JSON, with dates in ISO-8601 and every list's
    /// `hasMore`/`page` kept so an agent can page.
    public static func encoding(_ model: some Encodable) throws -> ToolOutput {
        let data = try ResultCoding.encoder.encode(model)
        // Read back with the SDK's JSON reader: `Value`'s own Decodable compiles a regular expression for every string.
        let value = Value(try JSONValue(parsing: data))
        let text = String(decoding: data, as: UTF8.self)
        guard value.objectValue != nil else { return ToolOutput(value: .object(["data": value]), text: "{\"data\":\(text)}") }
        return ToolOutput(value: value, text: text)
    }

    /// The compact JSON text of the answer (sorted keys).
    public var text: String {
        if let encodedText { return encodedText }
        guard let data = try? ResultCoding.encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func == (lhs: ToolOutput, rhs: ToolOutput) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// The JSON coders of tool results: compact, sorted keys, no escaped slashes, ISO-8601 dates.
enum ResultCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(isoText(date))
        }
        return encoder
    }()

    private static let wholeSeconds = Date.ISO8601FormatStyle()
    private static let fractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `2024-01-30T10:00:00Z`, with milliseconds only when the date has a fraction of a second.
    static func isoText(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        return seconds.rounded(.down) == seconds ? wholeSeconds.format(date) : fractionalSeconds.format(date)
    }
}

extension ToolOutput {
    /// The answer of a delete (the API answers 204 with no body).
    static func deleted(_ id: String) -> ToolOutput {
        .object(["deleted": true, "id": .string(id)])
    }
}
