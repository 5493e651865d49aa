import Iconect
import Logging
import MCP

/// Runs one `tools/call`: finds the row, checks the configuration and the arguments, calls the closure, keeps the result
/// within the cap, and turns every outcome into a result. Only a name no row has is a protocol error; a tool this
/// server's selection leaves out answers a `toolDisabled` result that says why.
public struct ToolDispatcher: Sendable {
    /// The tools served.
    public let tools: ToolTable
    /// The tools not served, with why.
    public let disabled: [String: String]
    public let session: MCPSession
    public let settings: MCPSettings
    /// The checks for file paths.
    public let files: FileAccess
    let logger: Logger

    /// A dispatcher serving `selection`.
    public init(selection: ToolSelection, session: MCPSession, settings: MCPSettings, files: FileAccess, logger: Logger) {
        self.tools = selection.tools
        self.disabled = selection.disabled
        self.session = session
        self.settings = settings
        self.files = files
        self.logger = logger
    }

    /// The result of calling `name` with `arguments`, reporting to `progress`.
    /// - Throws: `MCPError.invalidParams` for a tool this server does not have.
    public func call(_ name: String, arguments: [String: Value]?, progress: ProgressReporter = .silent()) async throws
        -> CallTool.Result
    {
        guard let tool = tools[name] else {
            if let reason = disabled[name] {
                return ToolResult.failure(["code": "toolDisabled", "message": .string(reason), "operation": .string(name)])
            }
            throw MCPError.invalidParams("Unknown tool: \(name)")
        }
        let client = await session.currentClient()
        if tool.needsClient, client == nil {
            return ToolResult.notConfigured(tool: name, reason: await session.environmentProblem)
        }
        let context = ToolContext(session: session, client: client, settings: settings, files: files, progress: progress,
                                  logger: logger)
        do {
            let parsed = try ToolArguments(arguments, schema: tool.schema)
            let output = try await tool.handler(parsed, context)
            return ResultLimit(bytes: settings.maxResultBytes).result(output, schema: tool.schema, arguments: parsed)
        } catch {
            return await result(of: error, tool: name, progress: progress)
        }
    }

    private func result(of error: any Error, tool name: String, progress: ProgressReporter) async -> CallTool.Result {
        switch error {
        case let error as ToolArgumentError:
            logger.debug("argument refused", metadata: ["tool": "\(name)", "argument": "\(error.argument)"])
            return ToolResult.failure(error, tool: name)
        case let error as IconectError where error.code == .cancelled:
            return ToolResult.cancelled(tool: name, progress: progress.lastStep)
        case let error as IconectError:
            logger.debug("call failed", metadata: ["tool": "\(name)", "code": "\(error.code)", "status": "\(error.status ?? 0)"])
            return ToolResult.failure(error, tool: name)
        case let error as InlineLimitError:
            return ToolResult.failure(error.members.merging(["operation": .string(name)]) { current, _ in current })
        case is NotConfiguredError:
            return ToolResult.notConfigured(tool: name, reason: await session.environmentProblem)
        case is CancellationError:
            return ToolResult.cancelled(tool: name, progress: progress.lastStep)
        default:
            logger.warning("unexpected failure", metadata: ["tool": "\(name)", "error": "\(error)"])
            return ToolResult.failure(unexpected: error, tool: name)
        }
    }
}
