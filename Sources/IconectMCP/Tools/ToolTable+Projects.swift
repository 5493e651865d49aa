import Iconect
import MCP

/// Projects.
extension ToolTable {
    static let projects: [MCPTool] = [
        MCPTool("iconect_list_projects") { arguments, context in
            try await .encoding(context.client.projects.list(arguments.listOptions()))
        },
        MCPTool("iconect_get_project") { arguments, context in
            try await .encoding(context.client.projects.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_project") { arguments, context in
            try await .encoding(context.client.projects.create(NewProject(
                name: arguments.requiredString("name"), clientId: arguments.requiredString("clientId"),
                dataServerId: arguments.requiredString("dataServerId"), description: arguments.string("description"),
                status: arguments.value("status", as: ProjectStatus.self), settings: arguments.object("settings"))))
        },
        MCPTool("iconect_update_project") { arguments, context in
            try await .encoding(context.client.projects.update(id: arguments.requiredString("id"), ProjectChanges(
                name: arguments.string("name"), description: arguments.string("description"),
                clientId: arguments.string("clientId"), dataServerId: arguments.string("dataServerId"),
                status: arguments.value("status", as: ProjectStatus.self), settings: arguments.object("settings"))))
        },
        MCPTool("iconect_delete_project") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.projects.delete(id: id)
            return .deleted(id)
        },
    ]
}
