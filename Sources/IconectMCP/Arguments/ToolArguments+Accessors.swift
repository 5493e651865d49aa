import Iconect
import MCP

extension ToolArguments {
    /// The value of a declared argument; reading an argument the schema does not declare is a bug in the tool's row.
    private func declared(_ name: String) throws(ToolArgumentError) -> (ToolParameter, Value?) {
        guard let parameter = schema.parameter(name) else {
            throw ToolArgumentError(name, "\(schema.name) reads \(name), which its schema does not declare")
        }
        return (parameter, values[name])
    }

    private func mismatch(_ name: String, _ parameter: ToolParameter, _ value: Value) -> ToolArgumentError {
        .wrongType(name, expected: parameter.kind, got: value)
    }

    /// A string argument, `nil` when absent.
    public func string(_ name: String) throws(ToolArgumentError) -> String? {
        let (parameter, value) = try declared(name)
        guard let value else { return nil }
        guard let text = value.textValue else { throw mismatch(name, parameter, value) }
        return text
    }

    /// A string argument that must be present.
    public func requiredString(_ name: String) throws(ToolArgumentError) -> String {
        guard let text = try string(name) else { throw .missing(name) }
        return text
    }

    /// An integer argument, `nil` when absent.
    public func int(_ name: String) throws(ToolArgumentError) -> Int? {
        let (parameter, value) = try declared(name)
        guard let value else { return nil }
        guard let number = value.numberValue, number.rounded() == number, abs(number) < 9.0e15 else {
            throw mismatch(name, parameter, value)
        }
        return Int(number)
    }

    /// An integer argument that must be present.
    public func requiredInt(_ name: String) throws(ToolArgumentError) -> Int {
        guard let number = try int(name) else { throw .missing(name) }
        return number
    }

    /// An integer argument as a 64-bit count (sizes, capacities), `nil` when absent.
    public func int64(_ name: String) throws(ToolArgumentError) -> Int64? {
        try int(name).map(Int64.init)
    }

    /// A number argument, `nil` when absent.
    public func double(_ name: String) throws(ToolArgumentError) -> Double? {
        let (parameter, value) = try declared(name)
        guard let value else { return nil }
        guard let number = value.numberValue else { throw mismatch(name, parameter, value) }
        return number
    }

    /// A Boolean argument, `nil` when absent.
    public func bool(_ name: String) throws(ToolArgumentError) -> Bool? {
        let (parameter, value) = try declared(name)
        guard let value else { return nil }
        guard let flag = value.boolValue else { throw mismatch(name, parameter, value) }
        return flag
    }

    /// An object argument as SDK JSON, `nil` when absent.
    public func object(_ name: String) throws(ToolArgumentError) -> [String: JSONValue]? {
        let (parameter, value) = try declared(name)
        guard let value else { return nil }
        guard let members = value.objectValue else { throw mismatch(name, parameter, value) }
        return members.mapValues { JSONValue($0) }
    }

    /// An object argument that must be present.
    public func requiredObject(_ name: String) throws(ToolArgumentError) -> [String: JSONValue] {
        guard let members = try object(name) else { throw .missing(name) }
        return members
    }

    /// Any JSON argument, `nil` when absent.
    public func json(_ name: String) throws(ToolArgumentError) -> JSONValue? {
        let (_, value) = try declared(name)
        return value.map { JSONValue($0) }
    }

    /// An array-of-strings argument, `nil` when absent.
    public func stringArray(_ name: String) throws(ToolArgumentError) -> [String]? {
        let (parameter, value) = try declared(name)
        guard let value else { return nil }
        guard let elements = value.arrayValue else { throw mismatch(name, parameter, value) }
        var texts: [String] = []
        texts.reserveCapacity(elements.count)
        for element in elements {
            guard let text = element.textValue else { throw mismatch(name, parameter, value) }
            texts.append(text)
        }
        return texts
    }

    /// An array-of-strings argument that must be present.
    public func requiredStringArray(_ name: String) throws(ToolArgumentError) -> [String] {
        guard let texts = try stringArray(name) else { throw .missing(name) }
        return texts
    }

    /// A string argument as one of the SDK's extensible enums (already checked against the catalogue's values).
    public func value<T: ExtensibleEnum>(_ name: String, as type: T.Type) throws(ToolArgumentError) -> T? {
        try string(name).map { T(rawValue: $0) }
    }

    /// A required string argument as one of the SDK's extensible enums.
    public func requiredValue<T: ExtensibleEnum>(_ name: String, as type: T.Type) throws(ToolArgumentError) -> T {
        T(rawValue: try requiredString(name))
    }
}
