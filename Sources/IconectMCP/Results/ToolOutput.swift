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
        // Not through `Value`'s own Decodable, which compiles a regular expression for every string it reads.
        let value = Value(try ResultCoding.decoder.decode(PlainJSON.self, from: data))
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

/// A JSON value read the way `Value` reads one (Boolean, integer, number, string, array, object), minus the `data:` URL
/// detection that makes `Value`'s decoding slow; strings stay strings.
private enum PlainJSON: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([PlainJSON]), object([String: PlainJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PlainJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PlainJSON].self))
        }
    }
}

extension Value {
    fileprivate init(_ plain: PlainJSON) {
        switch plain {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map { Value($0) })
        case .object(let members): self = .object(members.mapValues { Value($0) })
        }
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
