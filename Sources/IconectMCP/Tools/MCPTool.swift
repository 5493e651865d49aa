import MCP

/// One row of the tool table: a catalogue name and the closure that calls one `IconectClient` method.
///
/// The schema is the generated catalogue's (``ToolSchema/named(_:)``) and the annotations follow from it by one rule
/// (``ToolSchema/annotations``), so a row holds neither:
/// ```swift
/// MCPTool("iconect_get_project") { arguments, context in
///     try await .encoding(context.client.projects.get(id: arguments.requiredString("id")))
/// }
/// ```
public struct MCPTool: Sendable {
    /// Runs the tool with arguments already checked against its schema.
    public typealias Handler = @Sendable (ToolArguments, ToolContext) async throws -> ToolOutput

    /// The catalogue name.
    public let name: String
    /// The catalogue's schema for the name (an empty one, flagged by ``hasCatalogueSchema``, when it has none).
    public let schema: ToolSchema
    /// Whether ``schema`` came from the catalogue.
    public let hasCatalogueSchema: Bool
    /// Read-only, destructive, idempotent and open-world hints, and a title (``ToolSchema/annotations``).
    public let annotations: Tool.Annotations
    /// Whether the tool calls the API, and so needs a configured client (checked before its arguments).
    public let needsClient: Bool
    /// The call.
    public let handler: Handler

    /// A row for the catalogue tool `name`.
    public init(_ name: String, needsClient: Bool = true, handler: @escaping Handler) {
        let schema = ToolSchema.named(name)
        self.init(name, schema: schema ?? ToolSchema(name, area: "", "", []), fromCatalogue: schema != nil,
                  needsClient: needsClient, handler: handler)
    }

    private init(_ name: String, schema: ToolSchema, fromCatalogue: Bool, needsClient: Bool, handler: @escaping Handler) {
        self.name = name
        self.schema = schema
        self.hasCatalogueSchema = fromCatalogue
        self.annotations = schema.annotations
        self.needsClient = needsClient
        self.handler = handler
    }

    /// The same row over `schema` (a narrower form of its own), with the annotations that schema gets.
    func narrowed(to schema: ToolSchema) -> MCPTool {
        MCPTool(name, schema: schema, fromCatalogue: hasCatalogueSchema, needsClient: needsClient, handler: handler)
    }

    /// The tool as `tools/list` shows it.
    public var definition: Tool {
        Tool(name: name, title: annotations.title, description: schema.description, inputSchema: schema.inputSchema,
             annotations: annotations)
    }
}
