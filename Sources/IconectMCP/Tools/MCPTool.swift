import MCP

/// One row of the tool table: a catalogue name, its annotations, and the closure that calls one `IconectClient` method.
///
/// The schema is the generated catalogue's (``ToolSchema/named(_:)``), so a row holds no schema of its own:
/// ```swift
/// MCPTool("iconect_get_project", .read) { arguments, context in
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
    /// Read-only, destructive and idempotent hints.
    public let annotations: Tool.Annotations
    /// Whether the tool calls the API, and so needs a configured client (checked before its arguments).
    public let needsClient: Bool
    /// The call.
    public let handler: Handler

    /// A row for the catalogue tool `name`.
    public init(_ name: String, _ annotations: Tool.Annotations, needsClient: Bool = true, handler: @escaping Handler) {
        self.name = name
        let schema = ToolSchema.named(name)
        self.schema = schema ?? ToolSchema(name, area: "", "", [])
        self.hasCatalogueSchema = schema != nil
        self.annotations = annotations
        self.needsClient = needsClient
        self.handler = handler
    }

    /// The tool as `tools/list` shows it.
    public var definition: Tool {
        Tool(name: name, description: schema.description, inputSchema: schema.inputSchema, annotations: annotations)
    }
}

extension Tool.Annotations {
    /// Reads from iCONECT and changes nothing.
    public static let read = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true)
    /// Adds something new; calling it twice adds two.
    public static let create = Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true)
    /// Changes or replaces what exists; calling it twice changes nothing more.
    public static let update = Tool.Annotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true)
    /// Removes something; calling it twice removes nothing more.
    public static let delete = Tool.Annotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true)
    /// Reads only this server's own state.
    public static let localRead = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
    /// Changes only this server's own state (configuration, tokens), never iCONECT's data.
    public static let session = Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false)
}
