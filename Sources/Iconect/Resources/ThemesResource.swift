/// Themes of the iCONECT interface: CRUD, applying per scope, preview, validation, export and import: `client.themes`.
///
/// ```swift
/// let theme = try await client.themes.create(NewTheme(name: "Ocean", type: .light,
///                                                     colors: ["primary": "#0055aa", "background": "#ffffff", "text": "#111111"]))
/// _ = try await client.themes.apply(id: theme.id, scope: .project, targetId: projectId)
/// let css = try await client.themes.export(id: theme.id, format: .css).content
/// ```
public struct ThemesResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of themes (`iconect_list_themes`).
    public func list(type: ThemeType? = nil, isSystem: Bool? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                     cache: CachePolicy? = nil) async throws -> Page<Theme> {
        try await pipeline.list(.listThemes, options, extra: Self.filters(type, isSystem, isActive), cache: cache)
    }

    /// Every theme, page after page (`iconect_list_themes`).
    public func paginate(type: ThemeType? = nil, isSystem: Bool? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                         prefetch: Int = 1) -> Paginator<Theme> {
        pipeline.paginate(.listThemes, options, extra: Self.filters(type, isSystem, isActive), prefetch: prefetch)
    }

    private static func filters(_ type: ThemeType?, _ isSystem: Bool?, _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("type", type)
        query.add("isSystem", isSystem)
        query.add("isActive", isActive)
        return query
    }

    /// One theme (`iconect_get_theme`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> Theme {
        try await pipeline.get(.getTheme, id: id, cache: cache)
    }

    /// Creates a theme (`iconect_create_theme`).
    /// - Throws: ``IconectError/Code/validation`` naming each offending key (`colors.primary`).
    public func create(_ theme: NewTheme) async throws -> Theme {
        try await pipeline.create(.createTheme, theme)
    }

    /// Changes a theme (`iconect_update_theme`); system themes cannot change (``IconectError/Code/conflict``).
    public func update(id: String, _ changes: ThemeChanges) async throws -> Theme {
        try await pipeline.update(.updateTheme, id: id, changes)
    }

    /// Removes a theme (`iconect_delete_theme`); where it was applied, the broader scope's theme applies.
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteTheme, id: id)
    }

    /// Copies a theme under a new name (`iconect_duplicate_theme`).
    public func duplicate(id: String, newName: String) async throws -> Theme {
        try await pipeline.create(.duplicateTheme, ["newName": newName], path: ["id": id])
    }

    /// Applies a theme globally, to a user (the caller by default) or to a project (`iconect_apply_theme`).
    public func apply(id: String, scope: ThemeScope? = nil, targetId: String? = nil) async throws -> ThemeAssignment {
        try await pipeline.create(.applyTheme, ThemeApplyRequest(scope: scope, targetId: targetId), path: ["themeId": id])
    }

    /// The theme in force for a scope (`iconect_get_current_theme`): a project's, else its user's, else the global one,
    /// else the default; ``ThemeAssignment/source`` says which.
    public func current(scope: ThemeScope? = nil, targetId: String? = nil, cache: CachePolicy? = nil) async throws -> ThemeAssignment {
        var query = QueryItems()
        query.add("scope", scope)
        query.add("targetId", targetId)
        var endpoint = Endpoint(.getCurrentTheme, query: query)
        endpoint.cachePolicy = cache
        return try await pipeline.send(endpoint)
    }

    /// The theme's stylesheet and a sample of a component using it (`iconect_preview_theme`).
    public func preview(id: String, component: ThemeComponent? = nil) async throws -> ThemePreview {
        try await pipeline.create(.previewTheme, ["component": component], path: ["themeId": id])
    }

    /// Checks a theme definition without saving it (`iconect_validate_theme`): colours and required keys, by key.
    public func validate(_ themeData: [String: JSONValue]) async throws -> ThemeValidation {
        try await pipeline.create(.validateTheme, ["themeData": themeData])
    }

    /// The theme as JSON, CSS custom properties or SCSS variables (`iconect_export_theme`).
    public func export(id: String, format: ThemeFormat) async throws -> ThemeExport {
        try await pipeline.create(.exportTheme, ["format": format], path: ["id": id])
    }

    /// Creates a theme from an export (`iconect_import_theme`); a theme of that name is replaced only with `overwrite`.
    /// - Throws: ``IconectError/Code/conflict`` when a theme has the name and `overwrite` is not set.
    public func `import`(name: String, format: ThemeFormat, data: String, overwrite: Bool? = nil) async throws -> Theme {
        try await pipeline.create(.importTheme, ThemeImportRequest(name: name, format: format, data: data, overwrite: overwrite))
    }
}

extension IconectClient {
    /// Themes.
    public nonisolated var themes: ThemesResource { ThemesResource(pipeline: pipeline) }
}
