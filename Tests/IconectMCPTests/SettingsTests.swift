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
}
