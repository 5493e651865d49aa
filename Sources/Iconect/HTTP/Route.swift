import HTTPTypes

/// One operation of the iCONECT API: its catalogue name, HTTP method and path template.
///
/// Every route lives in one table (`Route+Catalogue.swift`), so a deployment whose paths differ needs one change in one place.
/// Templates are relative to the API root and name their path parameters in braces: `/projects/{id}`.
public struct Route: Sendable, Hashable, CustomStringConvertible {
    /// The catalogue's operation name, which is also the MCP tool name: `iconect_get_project`.
    public let operation: String
    /// The HTTP method.
    public let method: HTTPRequest.Method
    public let template: String
    /// The API area the route belongs to (its first path segment: `records`, `projects`), which scopes cache invalidation.
    public let area: Substring
    /// The template split once into literal text and parameter names, so rendering a path only concatenates.
    private let segments: [Segment]

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    init(_ operation: String, _ method: HTTPRequest.Method, _ template: String) {
        self.operation = operation
        self.method = method
        self.template = template
        self.area = template.split(separator: "/", omittingEmptySubsequences: true).first ?? ""
        self.segments = Self.segments(of: template)
    }

    public var description: String { "\(method) \(template)" }

    /// The path with every `{name}` replaced by the percent-encoded parameter.
    /// - Throws: ``IconectError/Code/validation`` naming a parameter that is missing, empty, `.` or `..`.
    func render(_ parameters: [String: String]) throws -> String {
        var path = ""
        path.reserveCapacity(template.utf8.count + 32)
        for segment in segments {
            switch segment {
            case .literal(let text):
                path += text
            case .parameter(let name):
                guard let value = parameters[name] else {
                    throw IconectError.invalidArgument(name, "is required", operation: operation)
                }
                guard !value.isEmpty else {
                    throw IconectError.invalidArgument(name, "must not be empty", operation: operation)
                }
                // `.` and `..` are unreserved, so they travel unencoded, and every HTTP stack removes them as dot
                // segments: `projects/.` would list projects, `projects/..` would address the parent path.
                guard value != ".", value != ".." else {
                    throw IconectError.invalidArgument(name, "must not be \"\(value)\" (a dot segment would change the path)",
                                                       operation: operation)
                }
                path += PercentEncoding.encode(value)
            }
        }
        return path
    }

    private static func segments(of template: String) -> [Segment] {
        var segments: [Segment] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { segments.append(.literal(String(rest[..<open]))) }
            segments.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        return segments
    }
}
