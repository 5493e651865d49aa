import Iconect
import MCP

/// Views.
extension ToolTable {
    static let views: [MCPTool] = [
        MCPTool("iconect_list_views") { arguments, context in
            try await .encoding(context.client.views.list(
                projectId: arguments.string("projectId"), type: arguments.value("type", as: ViewType.self),
                isSystem: arguments.bool("isSystem"), isActive: arguments.bool("isActive"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_view") { arguments, context in
            try await .encoding(context.client.views.get(
                id: arguments.requiredString("id"), includeData: arguments.bool("includeData"), dataLimit: arguments.int("dataLimit")))
        },
        MCPTool("iconect_create_view") { arguments, context in
            guard let baseQuery = try arguments.viewQuery("baseQuery") else { throw ToolArgumentError.missing("baseQuery") }
            return try await .encoding(context.client.views.create(NewView(
                name: arguments.requiredString("name"), displayName: arguments.requiredString("displayName"),
                type: arguments.requiredValue("type", as: ViewType.self), projectId: arguments.requiredString("projectId"),
                baseQuery: baseQuery, displayOptions: arguments.requiredObject("displayOptions"),
                description: arguments.string("description"), permissions: arguments.object("permissions"),
                sharing: arguments.object("sharing"))))
        },
        MCPTool("iconect_update_view") { arguments, context in
            try await .encoding(context.client.views.update(id: arguments.requiredString("id"), ViewChanges(
                name: arguments.string("name"), displayName: arguments.string("displayName"), description: arguments.string("description"),
                baseQuery: arguments.viewQuery("baseQuery"), displayOptions: arguments.object("displayOptions"),
                permissions: arguments.object("permissions"), sharing: arguments.object("sharing"), isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_delete_view") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.views.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_duplicate_view") { arguments, context in
            try await .encoding(context.client.views.duplicate(
                id: arguments.requiredString("id"), newName: arguments.requiredString("newName"),
                newDisplayName: arguments.string("newDisplayName"), targetProjectId: arguments.string("targetProjectId")))
        },
        MCPTool("iconect_share_view") { arguments, context in
            guard let isPublic = try arguments.bool("isPublic") else { throw ToolArgumentError.missing("isPublic") }
            return try await .encoding(context.client.views.share(
                id: arguments.requiredString("id"), isPublic: isPublic, expiresAt: arguments.date("expiresAt"),
                allowAnonymous: arguments.bool("allowAnonymous")))
        },
        MCPTool("iconect_get_view_data") { arguments, context in
            try await .encoding(context.client.views.data(
                id: arguments.requiredString("id"), filter: arguments.filter("filters"), sorting: arguments.sorting("sorting"),
                page: arguments.int("page"), pageSize: arguments.int("pageSize")))
        },
        MCPTool("iconect_export_view") { arguments, context in
            try await .encoding(context.client.views.export(
                id: arguments.requiredString("id"), format: arguments.requiredValue("format", as: ExportFormat.self),
                filter: arguments.filter("filters"), limit: arguments.int("limit")))
        },
    ]
}
