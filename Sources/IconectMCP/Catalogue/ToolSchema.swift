import MCP

/// A catalogue tool's name, description and parameters, from which its JSON input schema is built.
///
/// The values come from `ToolSchemas+Catalogue.swift`, generated from the catalogue (scripts/catalogue.md) by
/// `scripts/generate-tool-schemas.py`, so names, types, required flags, ranges and enums are the catalogue's by construction.
public struct ToolSchema: Sendable, Hashable {
    /// The tool name (`iconect_get_project`).
    public let name: String
    /// The catalogue area (`Projects`).
    public let area: String
    /// What the tool does, for the agent.
    public let description: String
    /// The parameters, in the catalogue's order.
    public let parameters: [ToolParameter]
    /// The catalogue's HTTP method (`GET`, `POST`, `PUT`, `DELETE`), or `nil` for a tool that calls no API route
    /// (configuration and sign-in).
    public let method: String?
    /// The catalogue's path template relative to the API root (`/projects/{id}`), or `nil` with ``method``.
    public let path: String?

    /// Creates a schema; the generated catalogue calls this once per tool.
    public init(_ name: String, area: String, method: String? = nil, path: String? = nil, _ description: String,
                _ parameters: [ToolParameter]) {
        self.name = name
        self.area = area
        self.method = method
        self.path = path
        self.description = description
        self.parameters = parameters
    }

    /// The parameter called `name`, if the tool has one.
    public func parameter(_ name: String) -> ToolParameter? {
        parameters.first { $0.name == name }
    }

    /// The names of the required parameters, in the catalogue's order.
    public var requiredNames: [String] {
        parameters.filter(\.isRequired).map(\.name)
    }

    /// Every tool of the catalogue (all areas, implemented or not), in its order.
    public static var all: [ToolSchema] { catalogue }

    /// The catalogue's schema of the tool `name`.
    public static func named(_ name: String) -> ToolSchema? {
        byName[name]
    }

    private static let byName: [String: ToolSchema] = Dictionary(
        catalogue.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The JSON Schema of the tool's arguments: `type: object`, `properties`, `required`, and
    /// `additionalProperties: false` (an unknown argument is refused, naming it, rather than silently ignored).
    public var inputSchema: Value {
        var schema: [String: Value] = [
            "type": "object",
            "properties": .object(Dictionary(parameters.map { ($0.name, $0.jsonSchema) }, uniquingKeysWith: { first, _ in first })),
            "additionalProperties": false,
        ]
        let required = requiredNames
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }
}

extension ToolParameter {
    /// The JSON Schema of this parameter.
    public var jsonSchema: Value {
        var schema: [String: Value] = [:]
        if let type = kind.schemaType { schema["type"] = .string(type) }
        if let summary { schema["description"] = .string(summary) }
        if let format { schema["format"] = .string(format) }
        if let defaultValue { schema["default"] = .int(defaultValue) }
        var bounds: [String: Value] = [:]
        if let minimum { bounds["minimum"] = .int(minimum) }
        if let maximum { bounds["maximum"] = .int(maximum) }
        let allowed = allowedValues.map { Value.array($0.map { .string($0) }) }
        switch kind {
        case .array(let element):
            var items: [String: Value] = bounds
            if let type = element.schemaType { items["type"] = .string(type) }
            if let allowed { items["enum"] = allowed }
            schema["items"] = .object(items)
        default:
            schema.merge(bounds) { _, new in new }
            if let allowed { schema["enum"] = allowed }
        }
        if let properties {
            schema["properties"] = .object(Dictionary(properties.map { ($0.name, $0.jsonSchema) }, uniquingKeysWith: { first, _ in first }))
            let required = properties.filter(\.isRequired).map { Value.string($0.name) }
            if !required.isEmpty { schema["required"] = .array(required) }
            schema["additionalProperties"] = false
        }
        return .object(schema)
    }
}
