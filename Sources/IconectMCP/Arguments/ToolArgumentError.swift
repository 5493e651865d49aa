import MCP

/// A tool's argument that is missing, unknown, of the wrong type, out of range or not one of the allowed values.
///
/// It becomes an `isError` result `{"code": "invalidArgument", "argument": "pageSize", "message": ...}`, so the agent
/// knows which argument to fix. Nested arguments are named with dots (`range.start`, `filter.docDate`).
public struct ToolArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The argument at fault.
    public let argument: String
    /// What is wrong with it, starting with its name.
    public let message: String

    public init(_ argument: String, _ message: String) {
        self.argument = argument
        self.message = message
    }

    public var description: String { message }

    static func missing(_ name: String) -> ToolArgumentError {
        ToolArgumentError(name, "\(name) is required")
    }

    static func wrongType(_ name: String, expected: ToolParameter.Kind, got value: Value) -> ToolArgumentError {
        ToolArgumentError(name, "\(name) must be \(expected.phrase), got \(value.typeName)")
    }
}
