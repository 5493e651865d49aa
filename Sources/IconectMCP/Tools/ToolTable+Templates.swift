import Iconect
import MCP

/// Templates (document, email, report): CRUD, duplicate, variables, validate, render.
extension ToolTable {
    static let templates: [MCPTool] = [
        MCPTool("iconect_list_templates") { arguments, context in
            try await .encoding(context.client.templates.list(
                type: arguments.value("type", as: TemplateType.self), category: arguments.string("category"),
                projectId: arguments.string("projectId"), isSystem: arguments.bool("isSystem"), isActive: arguments.bool("isActive"),
                arguments.pagingOptions()))
        },
        MCPTool("iconect_get_template") { arguments, context in
            try await .encoding(context.client.templates.get(
                id: arguments.requiredString("id"), includeContent: arguments.bool("includeContent")))
        },
        MCPTool("iconect_create_template") { arguments, context in
            try await .encoding(context.client.templates.create(NewTemplate(
                name: arguments.requiredString("name"), displayName: arguments.requiredString("displayName"),
                type: arguments.requiredValue("type", as: TemplateType.self), content: arguments.requiredObject("content"),
                description: arguments.string("description"), category: arguments.string("category"),
                projectId: arguments.string("projectId"), settings: arguments.object("settings"),
                validation: arguments.object("validation"))))
        },
        MCPTool("iconect_update_template") { arguments, context in
            try await .encoding(context.client.templates.update(id: arguments.requiredString("id"), TemplateChanges(
                name: arguments.string("name"), displayName: arguments.string("displayName"),
                description: arguments.string("description"), category: arguments.string("category"),
                content: arguments.object("content"), settings: arguments.object("settings"),
                validation: arguments.object("validation"), isActive: arguments.bool("isActive"))))
        },
        MCPTool("iconect_delete_template") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.templates.delete(id: id)
            return .deleted(id)
        },
        MCPTool("iconect_duplicate_template") { arguments, context in
            try await .encoding(context.client.templates.duplicate(
                id: arguments.requiredString("id"), newName: arguments.requiredString("newName"),
                newDisplayName: arguments.string("newDisplayName"), targetProjectId: arguments.string("targetProjectId")))
        },
        MCPTool("iconect_render_template") { arguments, context in
            try await .encoding(context.client.templates.render(
                id: arguments.requiredString("id"), variables: arguments.object("variables") ?? [:],
                outputFormat: arguments.value("outputFormat", as: TemplateOutputFormat.self)))
        },
        MCPTool("iconect_validate_template") { arguments, context in
            try await .encoding(context.client.templates.validate(
                id: arguments.requiredString("id"), variables: arguments.object("variables") ?? [:]))
        },
        MCPTool("iconect_get_template_variables") { arguments, context in
            try await .encoding(context.client.templates.variables(id: arguments.requiredString("id")))
        },
    ]
}
