import Iconect
import IconectMCP
import MCP
import Testing

@Suite("Tool selection: read-only mode, toolsets, added and excluded tools")
struct ToolSelectionTests {
    private func selection(_ environment: [String: String]) throws -> ToolSelection {
        try ToolSelection(settings: MCPSettings.fromEnvironment(environment).settings)
    }

    @Test("by default every tool of the table is served (drop-in)")
    func everything() throws {
        let all = try selection([:])
        #expect(all.tools.tools.map(\.name) == ToolTable.standard.tools.map(\.name))
        #expect(all.disabled.isEmpty)
        #expect(try selection(["ICONECT_TOOLSETS": "all"]).tools.tools.count == ToolTable.standard.tools.count)
    }

    @Test("ICONECT_READ_ONLY=1 serves exactly the read-only tools, and the download without outputPath")
    func readOnly() throws {
        let chosen = try selection(["ICONECT_READ_ONLY": "1"])
        #expect(!chosen.tools.tools.isEmpty)
        for tool in chosen.tools.tools {
            #expect(tool.annotations.readOnlyHint == true, "\(tool.name) is served read-only but is not read-only")
        }
        for tool in ToolTable.standard.tools where tool.annotations.readOnlyHint != true && tool.name != "iconect_download_file" {
            #expect(chosen.tools[tool.name] == nil, "\(tool.name) is served")
            #expect(chosen.disabled[tool.name]?.contains("ICONECT_READ_ONLY=1") == true)
        }
        let download = try #require(chosen.tools["iconect_download_file"])
        #expect(download.schema.parameter("outputPath") == nil)
        #expect(download.definition.inputSchema.objectValue?["properties"]?.objectValue?["outputPath"] == nil)
        #expect(chosen.tools["iconect_configure"] == nil && chosen.tools["iconect_auth_password"] == nil)
        #expect(chosen.tools["iconect_get_auth_status"] != nil && chosen.tools["iconect_search_records"] != nil)
        // An unreadable switch fails safe.
        #expect(try selection(["ICONECT_READ_ONLY": "maybe"]).readOnly)
        #expect(try !selection(["ICONECT_READ_ONLY": "0"]).readOnly)
    }

    @Test("toolsets pick catalogue areas; ICONECT_TOOLS adds; ICONECT_EXCLUDE_TOOLS always wins")
    func toolsets() throws {
        let chosen = try selection(["ICONECT_TOOLSETS": "records, projects", "ICONECT_TOOLS": "iconect_get_file",
                                    "ICONECT_EXCLUDE_TOOLS": "iconect_delete_record,iconect_get_file"])
        let names = Set(chosen.tools.tools.map(\.name))
        let expected = Set(ToolTable.standard.tools.filter { ["Projects", "Records, search, relationships, bulk ops"].contains($0.schema.area) }
            .map(\.name)).subtracting(["iconect_delete_record"])
        #expect(names == expected)
        #expect(chosen.disabled["iconect_get_file"]?.contains("ICONECT_EXCLUDE_TOOLS") == true)
        #expect(chosen.disabled["iconect_configure"]?.contains("ICONECT_TOOLSETS") == true)
        let added = try selection(["ICONECT_TOOLSETS": "projects", "ICONECT_TOOLS": "iconect_get_file"])
        #expect(added.tools["iconect_get_file"] != nil && added.tools["iconect_list_files"] == nil)
    }

    @Test("every catalogue area has a toolset, and every toolset an area")
    func everyAreaNamed() throws {
        let areas = Set(try CatalogueSnapshot.load().operations.map(\.area))
        #expect(Set(Toolset.all.map(\.area)) == areas)
        #expect(Set(Toolset.all.map(\.name)).count == Toolset.all.count)
    }

    @Test("an unknown name fails with the list of valid ones", arguments: [
        ("ICONECT_TOOLSETS", "record", "the toolsets are all, configure, auth"),
        ("ICONECT_TOOLS", "iconect_get_projects", "the tools are iconect_configure"),
        ("ICONECT_EXCLUDE_TOOLS", "delete_project", "the tools are iconect_configure"),
    ])
    func unknownNames(key: String, value: String, listing: String) throws {
        let error = try #require(throws: IconectError.self) { try selection([key: value]) }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains("\"\(value)\"") && error.message.contains(listing), "\(error.message)")
        #expect(error.fieldErrors.keys.contains(key))
    }
}
