import Iconect
import MCP

/// Fields.
extension ToolTable {
    static let fields: [MCPTool] = [
        MCPTool("iconect_list_fields") { arguments, context in
            try await .encoding(context.client.fields.list(
                projectId: arguments.requiredString("projectId"), fieldType: arguments.value("fieldType", as: FieldType.self),
                isRequired: arguments.bool("isRequired"), isSystemField: arguments.bool("isSystemField"),
                isSearchable: arguments.bool("isSearchable"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_field") { arguments, context in
            try await .encoding(context.client.fields.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_create_field") { arguments, context in
            try await .encoding(context.client.fields.create(NewField(
                name: arguments.requiredString("name"), displayName: arguments.requiredString("displayName"),
                fieldType: arguments.requiredValue("fieldType", as: FieldType.self),
                dataType: arguments.requiredValue("dataType", as: FieldDataType.self), projectId: arguments.requiredString("projectId"),
                description: arguments.string("description"), isRequired: arguments.bool("isRequired"),
                isSearchable: arguments.bool("isSearchable"), maxLength: arguments.int("maxLength"),
                defaultValue: arguments.json("defaultValue"), choices: arguments.decoded("choices", as: [FieldChoice].self),
                validationRules: arguments.object("validationRules"))))
        },
        MCPTool("iconect_update_field") { arguments, context in
            try await .encoding(context.client.fields.update(id: arguments.requiredString("id"), FieldChanges(
                displayName: arguments.string("displayName"), description: arguments.string("description"),
                isRequired: arguments.bool("isRequired"), isSearchable: arguments.bool("isSearchable"),
                maxLength: arguments.int("maxLength"), defaultValue: arguments.json("defaultValue"),
                choices: arguments.decoded("choices", as: [FieldChoice].self), validationRules: arguments.object("validationRules"))))
        },
        MCPTool("iconect_delete_field") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.fields.delete(id: id, force: arguments.bool("force"))
            return .deleted(id)
        },
        MCPTool("iconect_validate_field_value") { arguments, context in
            guard let value = try arguments.json("value") else { throw ToolArgumentError.missing("value") }
            return try await .encoding(context.client.fields.validateValue(fieldId: arguments.requiredString("fieldId"), value: value))
        },
        MCPTool("iconect_get_field_usage") { arguments, context in
            try await .encoding(context.client.fields.usage(fieldId: arguments.requiredString("fieldId")))
        },
        MCPTool("iconect_duplicate_field") { arguments, context in
            try await .encoding(context.client.fields.duplicate(
                sourceFieldId: arguments.requiredString("sourceFieldId"), targetProjectId: arguments.requiredString("targetProjectId"),
                newName: arguments.string("newName"), newDisplayName: arguments.string("newDisplayName")))
        },
    ]
}
