import Iconect

/// Which tools the server lists and accepts, for hosts that cap tool counts or want safety:
/// `ICONECT_TOOLSETS` (areas, default all), plus `ICONECT_TOOLS`, minus `ICONECT_EXCLUDE_TOOLS` (which always wins), and
/// with `ICONECT_READ_ONLY=1` only the tools whose annotations say they only read. A name that names nothing fails at
/// start-up, listing the valid ones, rather than silently serving something else.
public struct ToolSelection: Sendable {
    /// The tools served.
    public let tools: ToolTable
    /// The tools of the table that are not served, with why (the answer a call to one of them gets).
    public let disabled: [String: String]
    /// Settings that had no effect, for the log.
    public let warnings: [String]
    /// The toolsets asked for (`nil`: all).
    public let toolsets: [String]?
    /// Whether only read-only tools are served.
    public let readOnly: Bool

    /// The selection `settings` make from `table`.
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming the variable, for a name that is neither a toolset
    ///   nor a tool of the table.
    public init(settings: MCPSettings, table: ToolTable = .standard) throws {
        typealias Key = MCPSettings.EnvironmentKey
        let toolsetNames = Toolset.all.map(\.name)
        var areas: Set<String>?
        if let names = settings.toolsets, !names.contains("all") {
            areas = []
            for name in names {
                guard let toolset = Toolset.named(name) else {
                    throw IconectError.setting(Key.toolsets, "unknown toolset \"\(name)\"; the toolsets are all, "
                                                            + toolsetNames.joined(separator: ", "))
                }
                areas?.insert(toolset.area)
            }
        }
        for (key, names) in [(Key.tools, settings.tools), (Key.excludedTools, settings.excludedTools)] {
            if let unknown = names.first(where: { table[$0] == nil }) {
                throw IconectError.setting(key, "unknown tool \"\(unknown)\"; the tools are "
                                                        + table.tools.map(\.name).joined(separator: ", "))
            }
        }
        var served: [MCPTool] = []
        var disabled: [String: String] = [:]
        var warnings: [String] = []
        for tool in table.tools {
            if settings.excludedTools.contains(tool.name) {
                disabled[tool.name] = "\(tool.name) is disabled on this server (\(Key.excludedTools))"
            } else if let areas, !areas.contains(tool.schema.area), !settings.tools.contains(tool.name) {
                disabled[tool.name] = "\(tool.name) is not served: its toolset is not in \(Key.toolsets)="
                    + (settings.toolsets ?? []).joined(separator: ",")
            } else if !settings.readOnly {
                served.append(tool)
            } else if let schema = tool.schema.readingOnly {
                served.append(schema == tool.schema ? tool : tool.narrowed(to: schema))
            } else {
                disabled[tool.name] = "\(tool.name) changes data, and this server is read-only (\(Key.readOnly)=1)"
                if settings.tools.contains(tool.name) { warnings.append("\(Key.tools) names \(tool.name), which \(Key.readOnly)=1 hides") }
            }
        }
        self.tools = ToolTable(served)
        self.disabled = disabled
        self.warnings = warnings
        self.toolsets = areas == nil ? nil : settings.toolsets
        self.readOnly = settings.readOnly
    }
}
