import MCP

/// The arguments of one tool call, checked against the tool's ``ToolSchema`` when created, with typed accessors.
///
/// Creation refuses unknown arguments (naming them, with a suggestion for a near miss), missing required ones, wrong
/// types, values out of range and values outside an enum, each as a ``ToolArgumentError`` naming the argument. A `null`
/// counts as absent. The accessors then only convert:
/// ```swift
/// let id = try arguments.requiredString("id")
/// let size = try arguments.int("pageSize")      // nil when absent
/// ```
public struct ToolArguments: Sendable {
    /// The schema the arguments were checked against.
    public let schema: ToolSchema
    /// The arguments as sent, without `null`s.
    public let values: [String: Value]

    /// Checks `arguments` against `schema`.
    public init(_ arguments: [String: Value]?, schema: ToolSchema) throws(ToolArgumentError) {
        let values = (arguments ?? [:]).filter { !$0.value.isNull }
        try Self.check(values, against: schema.parameters, prefix: "", owner: "\(schema.name)")
        self.schema = schema
        self.values = values
    }

    /// Whether the argument was given (and not `null`).
    public func contains(_ name: String) -> Bool {
        values[name] != nil
    }

    // MARK: - Validation

    static func check(_ values: [String: Value], against parameters: [ToolParameter], prefix: String, owner: String)
        throws(ToolArgumentError)
    {
        let known = Set(parameters.map(\.name))
        let unknown = values.keys.filter { !known.contains($0) }.sorted()
        if let first = unknown.first {
            let names = unknown.map { "\"\(prefix)\($0)\"" }.joined(separator: ", ")
            var message = "unknown argument\(unknown.count > 1 ? "s" : "") \(names) for \(owner)"
            if let suggestion = parameters.first(where: { $0.name.lowercased() == first.lowercased() }) {
                message += " (did you mean \"\(prefix)\(suggestion.name)\"?)"
            }
            message += "; it takes: " + (parameters.isEmpty ? "no arguments" : parameters.map(\.name).joined(separator: ", "))
            throw ToolArgumentError(prefix + first, message)
        }
        for parameter in parameters {
            let path = prefix + parameter.name
            guard let value = values[parameter.name] else {
                if parameter.isRequired { throw .missing(path) }
                continue
            }
            try check(value, against: parameter, kind: parameter.kind, path: path)
        }
    }

    private static func check(_ value: Value, against parameter: ToolParameter, kind: ToolParameter.Kind, path: String)
        throws(ToolArgumentError)
    {
        switch kind {
        case .string:
            guard let text = value.textValue else { throw .wrongType(path, expected: kind, got: value) }
            if parameter.isRequired, text.isEmpty, path == parameter.name {
                throw ToolArgumentError(path, "\(path) must not be empty")
            }
            if let allowed = parameter.allowedValues, !allowed.contains(text) {
                throw ToolArgumentError(path, "\(path) must be one of \(allowed.joined(separator: ", ")); got \"\(text)\"")
            }
        case .integer:
            guard let number = value.numberValue else { throw .wrongType(path, expected: kind, got: value) }
            guard number.rounded() == number, abs(number) < 9.0e15 else {
                throw ToolArgumentError(path, "\(path) must be an integer, got \(number)")
            }
            try checkRange(number, parameter, path: path)
        case .number:
            guard let number = value.numberValue else { throw .wrongType(path, expected: kind, got: value) }
            // Beyond 2^53 a double is no longer a count of anything, and arithmetic on it could overflow later.
            guard abs(number) <= 9_007_199_254_740_991 else {
                throw ToolArgumentError(path, "\(path) must be between -9007199254740991 and 9007199254740991, got \(number)")
            }
            try checkRange(number, parameter, path: path)
        case .boolean:
            guard value.boolValue != nil else { throw .wrongType(path, expected: kind, got: value) }
        case .object:
            guard let members = value.objectValue else { throw .wrongType(path, expected: kind, got: value) }
            if let properties = parameter.properties {
                try check(members.filter { !$0.value.isNull }, against: properties, prefix: path + ".", owner: path)
            }
        case .array(let element):
            guard let elements = value.arrayValue else { throw .wrongType(path, expected: kind, got: value) }
            for (index, item) in elements.enumerated() {
                do {
                    try check(item, against: parameter, kind: element, path: "\(path)[\(index)]")
                } catch {
                    // Name the argument itself, and say which element is wrong in the message.
                    throw ToolArgumentError(path, error.message)
                }
            }
        case .any:
            break
        }
    }

    private static func checkRange(_ number: Double, _ parameter: ToolParameter, path: String) throws(ToolArgumentError) {
        let shown = number.rounded() == number && abs(number) < 9.0e15 ? String(Int64(number)) : String(number)
        switch (parameter.minimum, parameter.maximum) {
        case (let minimum?, let maximum?) where number < Double(minimum) || number > Double(maximum):
            throw ToolArgumentError(path, "\(path) must be between \(minimum) and \(maximum), got \(shown)")
        case (let minimum?, nil) where number < Double(minimum):
            throw ToolArgumentError(path, "\(path) must be at least \(minimum), got \(shown)")
        case (nil, let maximum?) where number > Double(maximum):
            throw ToolArgumentError(path, "\(path) must be at most \(maximum), got \(shown)")
        default:
            break
        }
    }
}

extension Value {
    /// The text of a string (a `data:` URL, which the MCP library decodes into bytes, as the client sent it).
    var textValue: String? {
        switch self {
        case .string(let text): return text
        case .data(let mimeType, let bytes): return bytes.dataURLEncoded(mimeType: mimeType)
        default: return nil
        }
    }

    /// The number, whether the client sent it as an integer or not.
    var numberValue: Double? {
        switch self {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }
}
