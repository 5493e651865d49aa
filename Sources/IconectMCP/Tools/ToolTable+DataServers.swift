import Iconect
import MCP

/// Data servers.
extension ToolTable {
    static let dataServers: [MCPTool] = [
        MCPTool("iconect_list_data_servers") { arguments, context in
            try await .encoding(context.client.dataServers.list(arguments.listOptions()))
        },
        MCPTool("iconect_get_data_server") { arguments, context in
            try await .encoding(context.client.dataServers.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_data_server") { arguments, context in
            try await .encoding(context.client.dataServers.create(NewDataServer(
                name: arguments.requiredString("name"), url: arguments.requiredString("url"),
                description: arguments.string("description"), version: arguments.string("version"),
                status: arguments.value("status", as: ServiceStatus.self))))
        },
        MCPTool("iconect_update_data_server") { arguments, context in
            try await .encoding(context.client.dataServers.update(id: arguments.requiredString("id"), DataServerChanges(
                name: arguments.string("name"), description: arguments.string("description"), url: arguments.string("url"),
                version: arguments.string("version"), status: arguments.value("status", as: ServiceStatus.self))))
        },
        MCPTool("iconect_delete_data_server") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.dataServers.delete(id: id)
            return .deleted(id)
        },
    ]
}
