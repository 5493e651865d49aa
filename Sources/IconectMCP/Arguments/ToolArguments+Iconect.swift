import Foundation
import Iconect
import MCP

/// Readers of the arguments that map onto the SDK's own types: filters, paging, date ranges, bytes and paths.
extension ToolArguments {
    /// A filter object (`filter`, `filters`) as the SDK's ``Filter``, operators and all:
    /// `{"docDate": {"$gte": "2024-01-01"}, "custodian": {"$in": ["A", "B"]}}` becomes two conditions, never a string.
    /// An absent filter is an empty one.
    public func filter(_ name: String) throws(ToolArgumentError) -> Filter {
        guard let members = try object(name) else { return Filter() }
        do {
            return try Filter(json: .object(members), argument: name)
        } catch {
            throw ToolArgumentError(error: error, fallback: name)
        }
    }

    /// `page`, `pageSize`, `sortBy`, `sortOrder` and `filter` as the SDK's ``ListOptions``.
    public func listOptions() throws(ToolArgumentError) -> ListOptions {
        ListOptions(page: try int("page"), pageSize: try int("pageSize"), sortBy: try string("sortBy"),
                    sortOrder: try value("sortOrder", as: SortOrder.self), filter: try filter("filter"))
    }

    /// A `dateRange` object `{"field": ..., "from": ..., "to": ...}` as the SDK's ``DateRange``.
    public func dateRange(_ name: String) throws(ToolArgumentError) -> DateRange? {
        guard let members = values[name]?.objectValue else { _ = try object(name); return nil }
        let parts = [
            ToolParameter("field", .string, required: true), ToolParameter("from", .string), ToolParameter("to", .string),
        ]
        try Self.check(members.filter { !$0.value.isNull }, against: parts, prefix: name + ".", owner: name)
        guard let field = members["field"]?.textValue, !field.isEmpty else {
            throw ToolArgumentError(name + ".field", "\(name).field must not be empty")
        }
        return DateRange(field: field, from: members["from"]?.textValue, to: members["to"]?.textValue)
    }

    /// Bytes sent as base64 (standard alphabet; padding and line breaks optional, anything else refused, naming the
    /// argument). A `data:` URL, which the MCP library decodes itself, gives its bytes.
    public func base64Data(_ name: String) throws(ToolArgumentError) -> Data? {
        let (parameter, value) = (schema.parameter(name), values[name])
        guard parameter != nil else { throw ToolArgumentError(name, "\(schema.name) reads \(name), which its schema does not declare") }
        switch value {
        case nil: return nil
        case .data(_, let bytes)?: return bytes
        case .string(let text)?:
            guard let bytes = Base64.decode(text) else {
                throw ToolArgumentError(name, "\(name) is not valid base64: \(Base64.problem(in: text))")
            }
            return bytes
        case let other?:
            throw ToolArgumentError.wrongType(name, expected: ToolParameter.Kind.string, got: other)
        }
    }

    /// A `range` object `{"start": 0, "end": 1023}` (offsets inclusive) as a closed range of byte offsets.
    public func byteRange(_ name: String) throws(ToolArgumentError) -> ClosedRange<Int64>? {
        guard let members = try object(name) else { return nil }
        guard let start = members["start"]?.intValue, let end = members["end"]?.intValue else {
            throw ToolArgumentError(name, "\(name) needs integer start and end")
        }
        guard end >= start else {
            throw ToolArgumentError(name + ".end", "\(name).end must not be below \(name).start (\(start)), got \(end)")
        }
        return Int64(start)...Int64(end)
    }

    /// A path on the server's machine: `~` expanded, and absolute (a relative path would depend on the directory the
    /// MCP client happened to start the server in).
    public func absolutePath(_ name: String) throws(ToolArgumentError) -> URL? {
        guard let text = try string(name) else { return nil }
        let expanded = (text as NSString).expandingTildeInPath
        guard expanded.hasPrefix("/") else {
            throw ToolArgumentError(name, "\(name) must be an absolute path on the server's machine, got \"\(text)\"")
        }
        return URL(fileURLWithPath: expanded)
    }
}

extension ToolArgumentError {
    /// The argument error an SDK validation error stands for: the SDK names the offending input in `fieldErrors`.
    init(error: any Error, fallback: String) {
        if let error = error as? IconectError, let field = error.fieldErrors.keys.sorted().first {
            self.init(field, error.message)
        } else {
            self.init(fallback, "\(fallback): \(error)")
        }
    }
}

/// Strict base64: the standard alphabet only, so a corrupted or URL-safe string is refused instead of decoding to
/// different bytes.
enum Base64 {
    static func decode(_ text: String) -> Data? {
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard problem(in: bytes) == nil else { return nil }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }

    /// Why `text` is not base64 (for the error message).
    static func problem(in text: String) -> String {
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        return problem(in: bytes) ?? "it does not decode"
    }

    private static func problem(in bytes: [UInt8]) -> String? {
        var padding = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            if padding > 0 { return "\"=\" padding at offset \(offset - padding) is followed by more data" }
            let isAlphabet = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
            guard isAlphabet else {
                let shown = byte >= 32 && byte < 127 ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x" + String(byte, radix: 16)
                let hint = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") ? " (base64url is not accepted; use + and /)" : ""
                return "\(shown) at offset \(offset) is not in the base64 alphabet\(hint)"
            }
        }
        guard padding <= 2 else { return "too much \"=\" padding" }
        let dataCount = bytes.count - padding
        guard dataCount % 4 != 1 else { return "its length (\(dataCount) characters) cannot be base64" }
        if padding > 0, bytes.count % 4 != 0 { return "its padding does not complete a 4-character group" }
        return nil
    }
}

extension ToolArguments {
    /// An ISO-8601 date-time argument (`2024-01-30T10:00:00Z`, with an offset or fractional seconds), a date
    /// (`2024-01-30`, midnight UTC) or the iCONECT DATETIME form `2024-01-30 10:00:00` (UTC), `nil` when absent.
    public func date(_ name: String) throws(ToolArgumentError) -> Date? {
        guard let text = try string(name) else { return nil }
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 19, trimmed.dropFirst(10).first == " " {
            trimmed = String(trimmed.prefix(10)) + "T" + String(trimmed.dropFirst(11)) + "Z"
        } else if trimmed.count == 10 {
            trimmed += "T00:00:00Z"
        }
        for form in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? form.parse(trimmed) { return date }
        }
        throw ToolArgumentError(name, "\(name) must be an ISO-8601 date or date-time such as 2024-01-30T10:00:00Z, got \"\(text)\"")
    }
}

extension ToolArguments {
    /// `page`, `pageSize` and, where the tool declares them, `sortBy` and `sortOrder` as the SDK's ``ListOptions``: for
    /// the lists that take no `filter` object.
    public func pagingOptions() throws(ToolArgumentError) -> ListOptions {
        ListOptions(page: try int("page"), pageSize: try int("pageSize"),
                    sortBy: schema.parameter("sortBy") == nil ? nil : try string("sortBy"),
                    sortOrder: schema.parameter("sortOrder") == nil ? nil : try value("sortOrder", as: SortOrder.self))
    }
}
