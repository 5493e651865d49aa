/// One route: method, path template, how its body is read, whether it needs a token, and its handler.
struct Route: Sendable {
    /// How the pipeline reads the request body before calling the handler.
    enum BodyMode: Sendable {
        /// Collect and decode the whole body (up to the limit) into ``APIRequest/body``.
        case buffered(limit: Int)
        /// Leave the body for the handler to stream.
        case streamed
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    typealias Handler = @Sendable (EmulatorState, APIRequest) async throws -> Reply

    let method: String
    /// The template without the method, e.g. `/v1/projects/{id}`.
    let template: String
    let segments: [Segment]
    let bodyMode: BodyMode
    let requiresAuth: Bool
    let handler: Handler

    init(_ method: String, _ template: String, bodyMode: BodyMode = .buffered(limit: 64 << 20), requiresAuth: Bool? = nil,
         handler: @escaping Handler) {
        self.method = method
        self.template = template
        self.segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix("{"), part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
        self.bodyMode = bodyMode
        self.requiresAuth = requiresAuth ?? template.hasPrefix("/v1/")
        self.handler = handler
    }

    /// The stats key: `GET /v1/projects/{id}`.
    var key: String { method + " " + template }

    /// How many literal segments the template has; more literals win over parameters.
    var specificity: Int {
        segments.filter(\.isLiteral).count
    }
}

extension Route.Segment {
    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}
