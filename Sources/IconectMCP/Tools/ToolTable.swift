import MCP

/// The tools the server serves: one ``MCPTool`` row per catalogue operation.
///
/// Each area lives in its own file (`ToolTable+Projects.swift`, ...) as a list of rows; adding an operation is adding a row.
public struct ToolTable: Sendable {
    /// The rows, in the catalogue's order.
    public let tools: [MCPTool]
    /// The rows as `tools/list` shows them.
    public let definitions: [Tool]
    private let byName: [String: MCPTool]

    /// A table of these rows (a later row with the same name is ignored).
    public init(_ tools: [MCPTool]) {
        self.tools = tools
        self.definitions = tools.map(\.definition)
        self.byName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The row called `name`.
    public subscript(name: String) -> MCPTool? { byName[name] }

    /// Every tool of the catalogue, in its order: `iconect_configure`, then the 147 operations of its 16 areas.
    public static let standard = ToolTable(configure + auth + dataServers + projects + clients + fileStores + files + records
        + fields + folders + jobs + panels + templates + views + users + dashboards + themes)
}
