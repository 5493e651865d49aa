/// Document, email and report templates, their `{{name}}` variables and rendering: `client.templates`.
///
/// ```swift
/// let template = try await client.templates.create(NewTemplate(
///     name: "hold-notice", displayName: "Legal hold notice", type: .email,
///     content: ["subject": "Hold: {{matter}}", "body": "Dear {{custodian}}, ...", "html": "<p>Dear {{custodian}},</p>"]))
/// let email = try await client.templates.render(id: template.id, variables: ["matter": "Acme", "custodian": "J. Doe"],
///                                               outputFormat: .email)
/// ```
public struct TemplatesResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of templates (`iconect_list_templates`).
    public func list(type: TemplateType? = nil, category: String? = nil, projectId: String? = nil, isSystem: Bool? = nil,
                     isActive: Bool? = nil, _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<Template> {
        try await pipeline.list(.listTemplates, options, extra: Self.filters(type, category, projectId, isSystem, isActive), cache: cache)
    }

    /// Every template, page after page (`iconect_list_templates`).
    public func paginate(type: TemplateType? = nil, category: String? = nil, projectId: String? = nil, isSystem: Bool? = nil,
                         isActive: Bool? = nil, _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Template> {
        pipeline.paginate(.listTemplates, options, extra: Self.filters(type, category, projectId, isSystem, isActive), prefetch: prefetch)
    }

    private static func filters(_ type: TemplateType?, _ category: String?, _ projectId: String?, _ isSystem: Bool?,
                                _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("type", type)
        query.add("category", category)
        query.add("projectId", projectId)
        query.add("isSystem", isSystem)
        query.add("isActive", isActive)
        return query
    }

    /// One template (`iconect_get_template`); `includeContent: false` leaves the content out.
    public func get(id: String, includeContent: Bool? = nil, cache: CachePolicy? = nil) async throws -> Template {
        var query = QueryItems()
        query.add("includeContent", includeContent)
        return try await pipeline.get(.getTemplate, id: id, query: query, cache: cache)
    }

    /// Creates a template (`iconect_create_template`).
    public func create(_ template: NewTemplate) async throws -> Template {
        try await pipeline.create(.createTemplate, template)
    }

    /// Changes a template (`iconect_update_template`).
    public func update(id: String, _ changes: TemplateChanges) async throws -> Template {
        try await pipeline.update(.updateTemplate, id: id, changes)
    }

    /// Removes a template (`iconect_delete_template`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteTemplate, id: id)
    }

    /// Copies a template under a new name, optionally into another project (`iconect_duplicate_template`).
    public func duplicate(id: String, newName: String, newDisplayName: String? = nil, targetProjectId: String? = nil)
        async throws -> Template
    {
        try await pipeline.create(.duplicateTemplate, TemplateCopyRequest(newName: newName, newDisplayName: newDisplayName,
                                                                       targetProjectId: targetProjectId), path: ["id": id])
    }

    /// The `{{name}}` placeholders of the template's content, in order of appearance (`iconect_get_template_variables`).
    public func variables(id: String) async throws -> [TemplateVariable] {
        let list: TemplateVariableList = try await pipeline.get(.getTemplateVariables, id: id)
        return list.variables
    }

    /// Which variables `variables` lacks or has in excess (`iconect_validate_template`).
    public func validate(id: String, variables: [String: JSONValue]) async throws -> TemplateValidation {
        try await pipeline.create(.validateTemplate, TemplateValues(variables: variables), path: ["id": id])
    }

    /// The template with `variables` substituted (`iconect_render_template`); in html the values are HTML-escaped.
    /// - Throws: ``IconectError/Code/validation`` naming `variables.<name>` for each placeholder without a value.
    public func render(id: String, variables: [String: JSONValue] = [:], outputFormat: TemplateOutputFormat? = nil)
        async throws -> RenderedTemplate
    {
        try await pipeline.create(.renderTemplate, TemplateValues(variables: variables, outputFormat: outputFormat), path: ["id": id])
    }
}

/// The body of `POST /templates/{id}/duplicate`.
struct TemplateCopyRequest: Encodable, Sendable {
    var newName: String
    var newDisplayName: String?
    var targetProjectId: String?
}

extension IconectClient {
    /// Templates.
    public nonisolated var templates: TemplatesResource { TemplatesResource(pipeline: pipeline) }
}
