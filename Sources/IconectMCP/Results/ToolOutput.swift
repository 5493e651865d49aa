import Foundation
import Iconect
import MCP

/// What a tool answers: one JSON object, sent both as text content and as `structuredContent`.
public struct ToolOutput: Sendable, Hashable {
    /// The object (arrays are wrapped as `{"data": [...]}`, since `structuredContent` must be an object).
    public let value: Value

    /// An answer made of these members.
    public static func object(_ members: [String: Value]) -> ToolOutput {
        ToolOutput(value: .object(members))
    }

    /// An SDK model (a ``Project``, a ``Page`` of records...) as JSON, with dates in ISO-8601 and every list's
    /// `hasMore`/`page` kept so an agent can page.
    public static func encoding(_ model: some Encodable) throws -> ToolOutput {
        let data = try ResultCoding.encoder.encode(model)
        let value = try ResultCoding.decoder.decode(Value.self, from: data)
        return ToolOutput(value: value.objectValue == nil ? .object(["data": value]) : value)
    }

    /// The compact JSON text of the answer (sorted keys).
    public var text: String {
        guard let data = try? ResultCoding.encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
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

    static let decoder = JSONDecoder()

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
