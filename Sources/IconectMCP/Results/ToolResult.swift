import Foundation
import Iconect
import MCP

/// Builds the `tools/call` results: successes, and failures as `isError` results whose JSON object says what went wrong.
///
/// Failure objects carry `code` plus, when known, `status`, `serverCode`, `message`, `requestId`, `operation`, `fields`
/// (per-field messages) and `argument` (the argument to fix). They never carry a secret: the SDK's errors hold none.
public enum ToolResult {
    /// A tool's answer: the object as JSON text and as `structuredContent`.
    public static func success(_ output: ToolOutput) -> CallTool.Result {
        success(output, text: output.text)
    }

    /// A tool's answer whose text is already made.
    static func success(_ output: ToolOutput, text: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Optional(output.value),
                        isError: false)
    }

    /// A failure described by `members`.
    public static func failure(_ members: [String: Value]) -> CallTool.Result {
        let output = ToolOutput.object(members)
        return CallTool.Result(content: [.text(text: output.text, annotations: nil, _meta: nil)], structuredContent: Optional(output.value),
                               isError: true)
    }

    /// An argument the agent must fix.
    public static func failure(_ error: ToolArgumentError, tool: String) -> CallTool.Result {
        failure(["code": "invalidArgument", "argument": .string(error.argument), "message": .string(error.message),
                 "operation": .string(tool)])
    }

    /// An SDK failure, with everything `IconectError` knows.
    public static func failure(_ error: IconectError, tool: String) -> CallTool.Result {
        var members: [String: Value] = ["code": .string(error.code.rawValue), "message": .string(error.message),
                                        "operation": .string(error.operation ?? tool)]
        if let status = error.status { members["status"] = .int(status) }
        if let serverCode = error.serverCode { members["serverCode"] = .string(serverCode) }
        if let requestId = error.requestId { members["requestId"] = .string(requestId) }
        if !error.fieldErrors.isEmpty {
            members["fields"] = .object(error.fieldErrors.mapValues { .array($0.map(Value.string)) })
            // A check the SDK made before sending anything is an argument error like the schema's own.
            if error.status == nil, error.code == .validation, error.fieldErrors.count == 1, let field = error.fieldErrors.keys.first {
                members["argument"] = .string(field)
                members["code"] = "invalidArgument"
            }
        }
        if let retryAfter = error.retryAfter {
            members["retryAfterSeconds"] = .double(Double(retryAfter.components.seconds)
                                                   + Double(retryAfter.components.attoseconds) / 1e18)
        }
        if let decodingPath = error.decodingPath { members["decodingPath"] = .string(decodingPath) }
        if let details = error.details, details != .null, details != .object([:]) { members["details"] = Value(details) }
        return failure(members)
    }

    /// An API tool called before any configuration: how to configure.
    public static func notConfigured(tool: String, reason: String? = nil) -> CallTool.Result {
        var message = "iCONECT is not configured, so \(tool) cannot run. Set ICONECT_BASE_URL (and ICONECT_CLIENT_ID, "
            + "ICONECT_USERNAME/ICONECT_PASSWORD or ICONECT_ACCESS_TOKEN) in the environment of the iconect-mcp process, "
            + "or call iconect_configure with baseUrl and clientId, then sign in with iconect_auth_password if needed."
        if let reason { message += " The environment's configuration was refused: \(reason)" }
        return failure(["code": "notConfigured", "message": .string(message), "operation": .string(tool)])
    }

    /// A call stopped by `notifications/cancelled`, with the last progress it reported: what was done.
    public static func cancelled(tool: String, progress: ProgressStep?) -> CallTool.Result {
        var members: [String: Value] = ["code": "cancelled", "operation": .string(tool)]
        if let progress {
            members["progress"] = .object(progress.members)
            members["message"] = .string("the call was cancelled after: \(progress.message)")
        } else {
            members["message"] = "the call was cancelled"
        }
        return failure(members)
    }

    /// Any other failure, described without leaking internals beyond the error's text.
    public static func failure(unexpected error: any Error, tool: String) -> CallTool.Result {
        failure(["code": "internal", "message": .string(String(describing: error)), "operation": .string(tool)])
    }
}
