/// One parameter of a tool, as the catalogue declares it: its JSON type, whether it is required, its range and its
/// allowed values. ``ToolArguments`` validates against it and ``ToolSchema/inputSchema`` publishes it.
public struct ToolParameter: Sendable, Hashable {
    /// The JSON type of a parameter.
    public indirect enum Kind: Sendable, Hashable {
        case string
        /// A whole number (the catalogue's `number` with an integral range such as `[1..100]`).
        case integer
        case number
        case boolean
        case object
        /// An array whose elements are of the given kind.
        case array(Kind)
        /// Any JSON value.
        case any

        /// The JSON Schema `type`, or `nil` for ``any``.
        public var schemaType: String? {
            switch self {
            case .string: return "string"
            case .integer: return "integer"
            case .number: return "number"
            case .boolean: return "boolean"
            case .object: return "object"
            case .array: return "array"
            case .any: return nil
            }
        }

        /// How an error message names the kind: "a string", "an array of strings".
        var phrase: String {
            switch self {
            case .string: return "a string"
            case .integer: return "an integer"
            case .number: return "a number"
            case .boolean: return "a boolean"
            case .object: return "an object"
            case .array(let element): return "an array of \(element.plural)"
            case .any: return "any JSON value"
            }
        }

        private var plural: String {
            switch self {
            case .string: return "strings"
            case .integer: return "integers"
            case .number: return "numbers"
            case .boolean: return "booleans"
            case .object: return "objects"
            case .array: return "arrays"
            case .any: return "values"
            }
        }
    }

    /// The argument's name, exactly as MCP clients send it.
    public let name: String
    public let kind: Kind
    public let isRequired: Bool
    /// The smallest allowed value (numbers) or element value.
    public let minimum: Int?
    /// The largest allowed value.
    public let maximum: Int?
    /// The allowed strings (for a string, or for each element of an array of strings).
    public let allowedValues: [String]?
    /// A JSON Schema `format` hint (`uri`).
    public let format: String?
    /// The default the server applies when the argument is absent.
    public let defaultValue: Int?
    /// A one-line description for the agent.
    public let summary: String?
    /// The known members of an object argument (each validated when present; others are refused).
    public let properties: [ToolParameter]?

    /// Creates a parameter; the generated catalogue calls this once per parameter.
    public init(
        _ name: String, _ kind: Kind, required: Bool = false, minimum: Int? = nil, maximum: Int? = nil,
        allowedValues: [String]? = nil, format: String? = nil, defaultValue: Int? = nil, summary: String? = nil,
        properties: [ToolParameter]? = nil
    ) {
        self.name = name
        self.kind = kind
        self.isRequired = required
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
        self.format = format
        self.defaultValue = defaultValue
        self.summary = summary
        self.properties = properties
    }
}
