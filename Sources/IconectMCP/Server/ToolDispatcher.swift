import Iconect
import Logging
import MCP

/// Runs one `tools/call`: finds the row, checks the configuration and the arguments, calls the closure, and turns
/// every outcome into a result. Only an unknown tool name is a protocol error; everything else is a result.
public struct ToolDispatcher: Sendable {
    public let tools: ToolTable
    public let session: MCPSession
    public let settings: MCPSettings
    let logger: Logger

    public init(tools: ToolTable, session: MCPSession, settings: MCPSettings, logger: Logger) {
        self.tools = tools
        self.session = session
        self.settings = settings
        self.logger = logger
    }

    /// The result of calling `name` with `arguments`.
    /// - Throws: `MCPError.invalidParams` for a tool this server does not have.
    public func call(_ name: String, arguments: [String: Value]?) async throws -> CallTool.Result {
        guard let tool = tools[name] else {
            throw MCPError.invalidParams("Unknown tool: \(name)")
        }
        let client = await session.currentClient()
        if tool.needsClient, client == nil {
            return ToolResult.notConfigured(tool: name, reason: await session.environmentProblem)
        }
        let context = ToolContext(session: session, client: client, settings: settings, logger: logger)
        do {
            let parsed = try ToolArguments(arguments, schema: tool.schema)
            let output = try await tool.handler(parsed, context)
            return ToolResult.success(output)
        } catch let error as ToolArgumentError {
            logger.debug("argument refused", metadata: ["tool": "\(name)", "argument": "\(error.argument)"])
            return ToolResult.failure(error, tool: name)
        } catch let error as IconectError {
            logger.debug("call failed", metadata: ["tool": "\(name)", "code": "\(error.code)", "status": "\(error.status ?? 0)"])
            return ToolResult.failure(error, tool: name)
        } catch let error as InlineLimitError {
            return ToolResult.failure(error.members.merging(["operation": .string(name)]) { current, _ in current })
        } catch is NotConfiguredError {
            return ToolResult.notConfigured(tool: name, reason: await session.environmentProblem)
        } catch {
            logger.warning("unexpected failure", metadata: ["tool": "\(name)", "error": "\(error)"])
            return ToolResult.failure(unexpected: error, tool: name)
        }
    }
}
