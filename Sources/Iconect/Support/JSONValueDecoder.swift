import Foundation

/// Decodes `Decodable` types from JSON bytes: ``JSONParser`` builds a ``JSONValue`` tree, and a `Decoder` over that
/// tree fills the types in.
///
/// Compared with `JSONDecoder` it knows the SDK's conventions (dates are ISO-8601 with an offset or iCONECT DATETIME) and
/// hands free-form ``JSONValue`` members over as they are, without probing them type by type. Errors are the standard
/// `DecodingError`s with their coding path, so callers cannot tell the two apart except by speed.
struct JSONValueDecoder: Sendable {
    /// Decodes `type` from a JSON document.
    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch let error as JSONParser.SyntaxError {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
        return try decode(type, from: value)
    }

    /// Decodes `type` from a parsed value.
    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        if let fast = T.self as? any JSONValueInitializable.Type, let result = try fast.init(json: value, at: []) as? T {
            return result
        }
        return try JSONTreeDecoder(value: value, codingPath: []).unbox(value, as: T.self, at: [])
    }
}

/// The `Decoder` over one node of a ``JSONValue`` tree.
///
/// A class because `Decoder` is handed around by reference to `init(from:)` implementations; it is created, used and
/// dropped inside one synchronous `decode` call and never crosses a task.
final class JSONTreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw DecodingError.misfit([String: JSONValue].self, value, codingPath)
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw DecodingError.misfit([JSONValue].self, value, codingPath)
        }
        return UnkeyedContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    /// Decodes `T` from `value`, found at `path`. The types the SDK reads most are read without building a decoder, and
    /// the path (an array) is only built for a nested decoder or an error.
    func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, at path: @autoclosure () -> [any CodingKey]) throws -> T {
        if T.self == String.self, case .string(let text) = value, let result = text as? T { return result }
        if T.self == JSONValue.self, let result = value as? T { return result }
        if T.self == Date.self {
            guard case .string(let text) = value else { throw DecodingError.misfit(Date.self, value, path()) }
            guard let date = IconectDate.parse(text), let result = date as? T else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: path(), debugDescription: "\"\(text)\" is not an ISO-8601 or iCONECT DATETIME date"))
            }
            return result
        }
        if T.self == [String: JSONValue].self, case .object(let members) = value, let result = members as? T { return result }
        // Statuses, priorities and other string enums: no nested decoder for a string.
        if case .string(let text) = value, let type = T.self as? any ExtensibleEnum.Type, let result = type.init(rawValue: text) as? T {
            return result
        }
        // Like JSONDecoder: URLs are strings, Data is base64, Decimal is a number (their own Codable forms differ).
        if T.self == URL.self {
            guard case .string(let text) = value else { throw DecodingError.misfit(URL.self, value, path()) }
            guard let url = URL(string: text), let result = url as? T else {
                throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "\"\(text)\" is not a valid URL"))
            }
            return result
        }
        if T.self == Data.self {
            guard case .string(let text) = value else { throw DecodingError.misfit(Data.self, value, path()) }
            guard let data = Data(base64Encoded: text), let result = data as? T else {
                throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "the string is not base64"))
            }
            return result
        }
        if T.self == Decimal.self {
            guard case .number(let number) = value, let result = Decimal(number) as? T else { throw DecodingError.misfit(Decimal.self, value, path()) }
            return result
        }
        if let fast = T.self as? any JSONValueInitializable.Type, let result = try fast.init(json: value, at: path()) as? T {
            return result
        }
        return try T(from: JSONTreeDecoder(value: value, codingPath: path()))
    }

    // MARK: Scalars

    func string(_ value: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw DecodingError.misfit(String.self, value, path()) }
        return text
    }

    func bool(_ value: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let flag) = value else { throw DecodingError.misfit(Bool.self, value, path()) }
        return flag
    }

    func double(_ value: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws -> Double {
        guard case .number(let number) = value else { throw DecodingError.misfit(Double.self, value, path()) }
        return number
    }

    func integer<I: FixedWidthInteger>(_ value: JSONValue, as type: I.Type, at path: @autoclosure () -> [any CodingKey]) throws -> I {
        guard case .number(let number) = value else { throw DecodingError.misfit(I.self, value, path()) }
        guard number.rounded(.towardZero) == number, let result = I(exactly: number) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "\(number) does not fit in \(I.self)"))
        }
        return result
    }
}

extension DecodingError {
    /// What `JSONDecoder` throws for `value` where a `type` was expected: `valueNotFound` for `null`, else `typeMismatch`.
    static func misfit(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
        let context = Context(codingPath: path, debugDescription: "expected \(type) but found \(value.kind)")
        return value == .null ? .valueNotFound(type, context) : .typeMismatch(type, context)
    }
}

extension JSONValue {
    /// The JSON type's name, for error messages.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A coding key made at run time: array indexes and `super`.
struct DynamicCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }
    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}
