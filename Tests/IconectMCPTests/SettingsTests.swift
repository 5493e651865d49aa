import Iconect
import IconectMCP
import Logging
import Testing

@Suite("MCPSettings")
struct SettingsTests {
    @Test("ICONECT_LOG_LEVEL is read case-insensitively, with warn for warning")
    func logLevels() {
        #expect(MCPSettings.parseLogLevel("DEBUG") == .debug)
        #expect(MCPSettings.parseLogLevel("Info") == .info)
        #expect(MCPSettings.parseLogLevel("warn") == .warning)
        #expect(MCPSettings.parseLogLevel("WARNING") == .warning)
        #expect(MCPSettings.parseLogLevel(" error ") == .error)
        #expect(MCPSettings.parseLogLevel("loud") == nil)
    }

    @Test("the environment sets the level and the inline cap; bad values keep the defaults and are reported")
    func environment() {
        let (settings, problems) = MCPSettings.fromEnvironment(["ICONECT_LOG_LEVEL": "ERROR", "ICONECT_MCP_MAX_INLINE_BYTES": "1024"])
        #expect(settings.logLevel == .error)
        #expect(settings.maxInlineBytes == 1024)
        #expect(problems.isEmpty)
        let (defaults, refused) = MCPSettings.fromEnvironment(["ICONECT_LOG_LEVEL": "loud", "ICONECT_MCP_MAX_INLINE_BYTES": "ten"])
        #expect(defaults.logLevel == .info)
        #expect(defaults.maxInlineBytes == MCPSettings.defaultMaxInlineBytes)
        #expect(refused.count == 2)
    }

    @Test("the caps, the read-only switch and the tool lists; the inline cap never outgrows the result cap")
    func serverVariables() {
        let (settings, problems) = MCPSettings.fromEnvironment([
            "ICONECT_MCP_MAX_RESULT_BYTES": "100000", "ICONECT_MCP_MAX_MESSAGE_BYTES": "1048576", "ICONECT_READ_ONLY": "TRUE",
            "ICONECT_TOOLSETS": "Records, projects", "ICONECT_TOOLS": "iconect_get_file", "ICONECT_EXCLUDE_TOOLS": " ",
            "ICONECT_MCP_ALLOWED_DIRS": "/a:/b",
        ])
        #expect(problems.isEmpty)
        #expect(settings.maxResultBytes == 100_000 && settings.maxMessageBytes == 1_048_576 && settings.readOnly)
        #expect(settings.toolsets == ["records", "projects"] && settings.tools == ["iconect_get_file"] && settings.excludedTools.isEmpty)
        #expect(settings.allowedDirectories == "/a:/b")
        #expect(settings.inlineDownloadLimit == (100_000 - 1024) / 4 * 3)
        let defaults = MCPSettings()
        #expect(defaults.maxResultBytes == 200_000 && !defaults.readOnly && defaults.toolsets == nil)
        #expect(defaults.inlineDownloadLimit < defaults.maxResultBytes)
        let (_, refused) = MCPSettings.fromEnvironment(["ICONECT_MCP_MAX_RESULT_BYTES": "1e9", "ICONECT_MCP_MAX_MESSAGE_BYTES": "10"])
        #expect(refused.count == 2)
    }

    @Test("ICONECT_MCP_ALLOWED_DIRS must name existing directories; ~ is expanded")
    func allowedDirectories() throws {
        let folder = try TemporaryFolder()
        let listed = try AllowedDirectory.list("\(folder.path)::\(folder.path)/", source: "ICONECT_MCP_ALLOWED_DIRS")
        #expect(listed.count == 2 && listed[0] == listed[1])
        #expect(try AllowedDirectory("~", source: "x", home: folder.path).path == folder.path)
        for bad in ["relative/dir", folder.path + "/missing", try folder.write("file.txt")] {
            let error = try #require(throws: IconectError.self) { try AllowedDirectory.list(bad, source: "ICONECT_MCP_ALLOWED_DIRS") }
            #expect(error.fieldErrors.keys.contains("ICONECT_MCP_ALLOWED_DIRS"), "\(bad)")
        }
    }
}
