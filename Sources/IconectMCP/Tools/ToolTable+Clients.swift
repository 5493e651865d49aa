import Iconect
import MCP

/// Clients (the organisations whose matters are hosted).
extension ToolTable {
    static let clients: [MCPTool] = [
        MCPTool("iconect_list_clients") { arguments, context in
            try await .encoding(context.client.clients.list(arguments.listOptions()))
        },
        MCPTool("iconect_get_client") { arguments, context in
            try await .encoding(context.client.clients.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_client") { arguments, context in
            try await .encoding(context.client.clients.create(NewClient(
                name: arguments.requiredString("name"), description: arguments.string("description"),
                status: arguments.value("status", as: ClientStatus.self), settings: arguments.object("settings"))))
        },
        MCPTool("iconect_update_client") { arguments, context in
            try await .encoding(context.client.clients.update(id: arguments.requiredString("id"), ClientChanges(
                name: arguments.string("name"), description: arguments.string("description"),
                status: arguments.value("status", as: ClientStatus.self), settings: arguments.object("settings"))))
        },
        MCPTool("iconect_delete_client") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.clients.delete(id: id)
            return .deleted(id)
        },
    ]
}
