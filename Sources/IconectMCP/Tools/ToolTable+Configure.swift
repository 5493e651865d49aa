import Foundation
import Iconect
import Logging
import MCP

/// `iconect_configure`: connection details from the agent, when the environment did not give them. The environment's
/// secrets follow only to the environment's own origin (``MCPSession/configure(baseURL:clientId:clientSecret:timeout:logLevel:)``).
extension ToolTable {
    static let configure: [MCPTool] = [
        MCPTool("iconect_configure", needsClient: false) { arguments, context in
            // Range-checked by the schema (1 ms to an hour) before it becomes a Duration.
            let timeout = try arguments.double("timeout")
            let level = try arguments.string("logLevel").flatMap(MCPSettings.parseLogLevel)
            do {
                let connection = try await context.session.configure(
                    baseURL: arguments.requiredString("baseUrl"), clientId: arguments.requiredString("clientId"),
                    clientSecret: arguments.string("clientSecret"), timeout: timeout.map { .milliseconds($0) }, logLevel: level)
                context.logger.info("configured by iconect_configure", metadata: ["baseUrl": "\(connection.baseURL)"])
                var members = connection.members
                members["configured"] = true
                if let level { members["logLevel"] = .string(level.rawValue) }
                return .object(members)
            } catch let error as IconectError where error.code == .invalidConfiguration {
                // Name the argument the agent gave, where the SDK names its own field.
                let arguments = ["baseURL": "baseUrl", "baseUrl": "baseUrl", "clientId": "clientId", "clientSecret": "clientSecret",
                                 "requestTimeout": "timeout", IconectConfiguration.EnvironmentKey.baseURL: "baseUrl"]
                if let field = error.fieldErrors.keys.first, let argument = arguments[field] {
                    throw ToolArgumentError(argument, error.message.replacingOccurrences(of: field, with: argument))
                }
                throw error
            }
        },
    ]
}
