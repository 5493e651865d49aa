import Foundation
import Iconect
import MCP

extension JSONValue {
    /// The SDK's JSON value for an MCP argument value. A `data:` URL (which the MCP library decodes into bytes) comes back
    /// as the string the client sent.
    init(_ value: MCP.Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .number(Double(number))
        case .double(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .data(let mimeType, let bytes): self = .string(bytes.dataURLEncoded(mimeType: mimeType))
        case .array(let values): self = .array(values.map { JSONValue($0) })
        case .object(let members): self = .object(members.mapValues { JSONValue($0) })
        }
    }
}

extension Value {
    /// The MCP value of an SDK JSON value; whole numbers become integers.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            if number.rounded() == number, abs(number) < 9.0e15 { self = .int(Int(number)) } else { self = .double(number) }
        case .string(let text): self = .string(text)
        case .array(let values): self = .array(values.map { MCP.Value($0) })
        case .object(let members): self = .object(members.mapValues { MCP.Value($0) })
        }
    }

    /// How an error message names this value's JSON type.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string, .data: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
