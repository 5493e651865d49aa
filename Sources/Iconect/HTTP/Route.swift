/// One operation of the iCONECT API: its catalogue name, HTTP method and path template.
///
/// Every route lives in one table (`Route+Catalogue.swift`), so a deployment whose paths differ needs one change in one place.
/// Templates are relative to the API root and name their path parameters in braces: `/projects/{id}`.
public struct Route: Sendable, Hashable, CustomStringConvertible {
    /// The catalogue's operation name, which is also the MCP tool name: `iconect_get_project`.
    public let operation: String
    public let method: HTTPMethod
    public let template: String

    init(_ operation: String, _ method: HTTPMethod, _ template: String) {
        self.operation = operation
        self.method = method
        self.template = template
    }

    /// The API area the route belongs to (its first path segment: `records`, `projects`), which scopes cache invalidation.
    public var area: Substring {
        template.split(separator: "/", omittingEmptySubsequences: true).first ?? ""
    }

    public var description: String { "\(method) \(template)" }

    /// The path with every `{name}` replaced by the percent-encoded parameter.
    /// - Throws: ``IconectError/Code/validation`` naming a parameter that is missing or empty.
    func render(_ parameters: [String: String]) throws -> String {
        var path = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            path += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = parameters[name] else {
                throw IconectError.invalidArgument(name, "is required", operation: operation)
            }
            guard !value.isEmpty else {
                throw IconectError.invalidArgument(name, "must not be empty", operation: operation)
            }
            path += PercentEncoding.encode(value)
            rest = rest[rest.index(after: close)...]
        }
        return path + rest
    }
}
