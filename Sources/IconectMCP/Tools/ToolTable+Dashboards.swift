import Iconect
import MCP

/// Dashboards and widgets.
extension ToolTable {
    static let dashboards: [MCPTool] = [
        MCPTool("iconect_list_dashboards") { arguments, context in
            try await .encoding(context.client.dashboards.list(
                projectId: arguments.string("projectId"), isDefault: arguments.bool("isDefault"), isActive: arguments.bool("isActive"),
                arguments.pagingOptions()))
        },
        MCPTool("iconect_get_dashboard") { arguments, context in
            try await .encoding(context.client.dashboards.get(id: arguments.requiredString("id"),
                                                              includeWidgetData: arguments.bool("includeWidgetData")))
        },
        MCPTool("iconect_create_dashboard") { arguments, context in
            try await .encoding(context.client.dashboards.create(NewDashboard(
                name: arguments.requiredString("name"), layout: arguments.requiredObject("layout"),
                description: arguments.string("description"), projectId: arguments.string("projectId"),
                permissions: arguments.object("permissions"), isDefault: arguments.bool("isDefault"))))
        },
        MCPTool("iconect_update_dashboard") { arguments, context in
            try await .encoding(context.client.dashboards.update(id: arguments.requiredString("id"), DashboardChanges(
                name: arguments.string("name"), description: arguments.string("description"), layout: arguments.object("layout"),
                permissions: arguments.object("permissions"), isDefault: arguments.bool("isDefault"), isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_delete_dashboard") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.dashboards.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_duplicate_dashboard") { arguments, context in
            try await .encoding(context.client.dashboards.duplicate(
                id: arguments.requiredString("id"), newName: arguments.requiredString("newName"),
                targetProjectId: arguments.string("targetProjectId")))
        },
        MCPTool("iconect_add_widget") { arguments, context in
            let widget = try arguments.requiredObject("widget")
            guard let type = widget["type"]?.stringValue, !type.isEmpty else { throw ToolArgumentError.missing("widget.type") }
            guard let title = widget["title"]?.stringValue, !title.isEmpty else { throw ToolArgumentError.missing("widget.title") }
            return try await .encoding(context.client.dashboards.addWidget(dashboardId: arguments.requiredString("dashboardId"), NewWidget(
                type: type, title: title, configuration: widget["configuration"]?.objectValue ?? [:],
                position: widget["position"]?.objectValue, refreshInterval: widget["refreshInterval"]?.intValue)))
        },
        MCPTool("iconect_update_widget") { arguments, context in
            try await .encoding(context.client.dashboards.updateWidget(
                dashboardId: arguments.requiredString("dashboardId"), widgetId: arguments.requiredString("widgetId"), WidgetChanges(
                    title: arguments.string("title"), position: arguments.object("position"),
                    configuration: arguments.object("configuration"), refreshInterval: arguments.int("refreshInterval"))))
        },
        MCPTool("iconect_remove_widget") { arguments, context in
            let widgetId = try arguments.requiredString("widgetId")
            try await context.client.dashboards.removeWidget(dashboardId: arguments.requiredString("dashboardId"), widgetId: widgetId)
            return .deleted(widgetId)
        },
        MCPTool("iconect_get_widget_data") { arguments, context in
            try await .encoding(context.client.dashboards.widgetData(
                dashboardId: arguments.requiredString("dashboardId"), widgetId: arguments.requiredString("widgetId"),
                filter: arguments.filter("filters"), dateRange: arguments.dateRange("dateRange")))
        },
        MCPTool("iconect_refresh_widget") { arguments, context in
            try await .encoding(context.client.dashboards.refreshWidget(
                dashboardId: arguments.requiredString("dashboardId"), widgetId: arguments.requiredString("widgetId")))
        },
        MCPTool("iconect_export_dashboard") { arguments, context in
            try await .encoding(context.client.dashboards.export(
                id: arguments.requiredString("id"), format: arguments.requiredValue("format", as: ExportFormat.self),
                includeData: arguments.bool("includeData")))
        },
        MCPTool("iconect_share_dashboard") { arguments, context in
            try await .encoding(context.client.dashboards.share(
                id: arguments.requiredString("id"), shareType: arguments.requiredValue("shareType", as: ShareType.self),
                expiresAt: arguments.date("expiresAt"), permissions: arguments.stringArray("permissions")))
        },
    ]
}
