import Iconect
import MCP

/// File stores.
extension ToolTable {
    static let fileStores: [MCPTool] = [
        MCPTool("iconect_list_file_stores") { arguments, context in
            try await .encoding(context.client.fileStores.list(arguments.listOptions()))
        },
        MCPTool("iconect_get_file_store") { arguments, context in
            try await .encoding(context.client.fileStores.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_file_store") { arguments, context in
            try await .encoding(context.client.fileStores.create(NewFileStore(
                name: arguments.requiredString("name"), path: arguments.requiredString("path"),
                type: arguments.requiredValue("type", as: FileStoreType.self), description: arguments.string("description"),
                status: arguments.value("status", as: ServiceStatus.self), capacity: arguments.int64("capacity"),
                settings: arguments.object("settings"))))
        },
        MCPTool("iconect_update_file_store") { arguments, context in
            try await .encoding(context.client.fileStores.update(id: arguments.requiredString("id"), FileStoreChanges(
                name: arguments.string("name"), description: arguments.string("description"), path: arguments.string("path"),
                type: arguments.value("type", as: FileStoreType.self), status: arguments.value("status", as: ServiceStatus.self),
                capacity: arguments.int64("capacity"), settings: arguments.object("settings"))))
        },
        MCPTool("iconect_delete_file_store") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.fileStores.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_get_file_store_stats") { arguments, context in
            try await .encoding(context.client.fileStores.statistics(id: arguments.requiredString("id")))
        },
    ]
}
