import Iconect
import MCP

/// Themes: CRUD, duplicate, apply and current per scope, preview, validate, export and import.
extension ToolTable {
    static let themes: [MCPTool] = [
        MCPTool("iconect_list_themes") { arguments, context in
            try await .encoding(context.client.themes.list(
                type: arguments.value("type", as: ThemeType.self), isSystem: arguments.bool("isSystem"),
                isActive: arguments.bool("isActive"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_theme") { arguments, context in
            try await .encoding(context.client.themes.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_theme") { arguments, context in
            try await .encoding(context.client.themes.create(NewTheme(
                name: arguments.requiredString("name"), type: arguments.requiredValue("type", as: ThemeType.self),
                colors: arguments.requiredObject("colors"), description: arguments.string("description"),
                typography: arguments.object("typography"), spacing: arguments.object("spacing"),
                borderRadius: arguments.object("borderRadius"), shadows: arguments.object("shadows"))))
        },
        MCPTool("iconect_update_theme") { arguments, context in
            try await .encoding(context.client.themes.update(id: arguments.requiredString("id"), ThemeChanges(
                name: arguments.string("name"), description: arguments.string("description"), colors: arguments.object("colors"),
                typography: arguments.object("typography"), spacing: arguments.object("spacing"),
                borderRadius: arguments.object("borderRadius"), shadows: arguments.object("shadows"),
                isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_delete_theme") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.themes.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_duplicate_theme") { arguments, context in
            try await .encoding(context.client.themes.duplicate(id: arguments.requiredString("id"), newName: arguments.requiredString("newName")))
        },
        MCPTool("iconect_apply_theme") { arguments, context in
            try await .encoding(context.client.themes.apply(
                id: arguments.requiredString("themeId"), scope: arguments.value("scope", as: ThemeScope.self),
                targetId: arguments.string("targetId")))
        },
        MCPTool("iconect_get_current_theme") { arguments, context in
            try await .encoding(context.client.themes.current(
                scope: arguments.value("scope", as: ThemeScope.self), targetId: arguments.string("targetId")))
        },
        MCPTool("iconect_preview_theme") { arguments, context in
            try await .encoding(context.client.themes.preview(
                id: arguments.requiredString("themeId"), component: arguments.value("component", as: ThemeComponent.self)))
        },
        MCPTool("iconect_validate_theme") { arguments, context in
            try await .encoding(context.client.themes.validate(arguments.requiredObject("themeData")))
        },
        MCPTool("iconect_export_theme") { arguments, context in
            try await .encoding(context.client.themes.export(
                id: arguments.requiredString("id"), format: arguments.requiredValue("format", as: ThemeFormat.self)))
        },
        MCPTool("iconect_import_theme") { arguments, context in
            try await .encoding(context.client.themes.import(
                name: arguments.requiredString("name"), format: arguments.requiredValue("format", as: ThemeFormat.self),
                data: arguments.requiredString("data"), overwrite: arguments.bool("overwrite")))
        },
    ]
}
