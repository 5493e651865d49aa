import Iconect
import MCP

/// Panels.
extension ToolTable {
    static let panels: [MCPTool] = [
        MCPTool("iconect_list_panels") { arguments, context in
            try await .encoding(context.client.panels.list(
                projectId: arguments.string("projectId"), type: arguments.value("type", as: PanelType.self),
                folderId: arguments.string("folderId"), isSystem: arguments.bool("isSystem"), isActive: arguments.bool("isActive"),
                arguments.pagingOptions()))
        },
        MCPTool("iconect_get_panel") { arguments, context in
            try await .encoding(context.client.panels.get(
                id: arguments.requiredString("id"), includeData: arguments.bool("includeData"), dataLimit: arguments.int("dataLimit")))
        },
        MCPTool("iconect_create_panel") { arguments, context in
            _ = try arguments.viewQuery("configuration")  // refused here, naming the member, when it is no query
            return try await .encoding(context.client.panels.create(NewPanel(
                name: arguments.requiredString("name"), displayName: arguments.requiredString("displayName"),
                type: arguments.requiredValue("type", as: PanelType.self), projectId: arguments.requiredString("projectId"),
                layout: arguments.requiredObject("layout"), description: arguments.string("description"),
                folderId: arguments.string("folderId"), configuration: arguments.object("configuration"),
                permissions: arguments.object("permissions"), metadata: arguments.object("metadata"))))
        },
        MCPTool("iconect_update_panel") { arguments, context in
            _ = try arguments.viewQuery("configuration")
            return try await .encoding(context.client.panels.update(id: arguments.requiredString("id"), PanelChanges(
                name: arguments.string("name"), displayName: arguments.string("displayName"), description: arguments.string("description"),
                folderId: arguments.string("folderId"), layout: arguments.object("layout"), configuration: arguments.object("configuration"),
                permissions: arguments.object("permissions"), metadata: arguments.object("metadata"), isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_delete_panel") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.panels.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_duplicate_panel") { arguments, context in
            try await .encoding(context.client.panels.duplicate(
                id: arguments.requiredString("id"), newName: arguments.requiredString("newName"),
                newDisplayName: arguments.string("newDisplayName"), targetProjectId: arguments.string("targetProjectId"),
                targetFolderId: arguments.string("targetFolderId")))
        },
        MCPTool("iconect_export_panel") { arguments, context in
            try await .encoding(context.client.panels.export(
                id: arguments.requiredString("id"), format: arguments.requiredValue("format", as: ExportFormat.self),
                includeData: arguments.bool("includeData"), filter: arguments.filter("filters"), limit: arguments.int("limit")))
        },
        MCPTool("iconect_get_panel_data") { arguments, context in
            try await .encoding(context.client.panels.data(
                id: arguments.requiredString("id"), filter: arguments.filter("filters"), sorting: arguments.sorting("sorting"),
                page: arguments.int("page"), pageSize: arguments.int("pageSize")))
        },
    ]
}
