/// Panels: `client.panels`.
///
/// ```swift
/// let panel = try await client.panels.create(NewPanel(
///     name: "review-progress", displayName: "Review progress", type: .chart, projectId: projectId,
///     configuration: ViewQuery(grouping: ["reviewStatus"], aggregations: [.count(as: "documents")]).configuration))
/// let rows = try await client.panels.data(id: panel.id).data
/// ```
public struct PanelsResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of panels (`iconect_list_panels`).
    public func list(projectId: String? = nil, type: PanelType? = nil, folderId: String? = nil, isSystem: Bool? = nil,
                     isActive: Bool? = nil, _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil)
        async throws -> Page<Panel>
    {
        try await pipeline.list(.listPanels, options, extra: Self.filters(projectId, type, folderId, isSystem, isActive), cache: cache)
    }

    /// Every panel, page after page (`iconect_list_panels`).
    public func paginate(projectId: String? = nil, type: PanelType? = nil, folderId: String? = nil, isSystem: Bool? = nil,
                         isActive: Bool? = nil, _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Panel> {
        pipeline.paginate(.listPanels, options, extra: Self.filters(projectId, type, folderId, isSystem, isActive), prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ type: PanelType?, _ folderId: String?, _ isSystem: Bool?,
                                _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("type", type)
        query.add("folderId", folderId)
        query.add("isSystem", isSystem)
        query.add("isActive", isActive)
        return query
    }

    /// One panel (`iconect_get_panel`), with its first `dataLimit` rows (1 to 1,000) when `includeData` is set (such a read
    /// bypasses the cache unless `cache` says otherwise).
    public func get(id: String, includeData: Bool? = nil, dataLimit: Int? = nil, cache: CachePolicy? = nil) async throws -> Panel {
        let query = try RequestPipeline.dataQuery(includeData: includeData, dataLimit: dataLimit, operation: Route.getPanel.operation)
        return try await pipeline.get(.getPanel, id: id, query: query, cache: cache ?? (includeData == true ? .bypass : nil))
    }

    /// Creates a panel (`iconect_create_panel`).
    public func create(_ panel: NewPanel) async throws -> Panel {
        try await pipeline.create(.createPanel, panel)
    }

    /// Changes a panel (`iconect_update_panel`).
    public func update(id: String, _ changes: PanelChanges) async throws -> Panel {
        try await pipeline.update(.updatePanel, id: id, changes)
    }

    /// Removes a panel (`iconect_delete_panel`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deletePanel, id: id)
    }

    /// Copies a panel under a new name, optionally into another project or folder (`iconect_duplicate_panel`).
    public func duplicate(id: String, newName: String, newDisplayName: String? = nil, targetProjectId: String? = nil,
                          targetFolderId: String? = nil) async throws -> Panel {
        let body = DuplicateRequest(newName: newName, newDisplayName: newDisplayName, targetProjectId: targetProjectId,
                                    targetFolderId: targetFolderId)
        return try await pipeline.create(.duplicatePanel, body, path: ["id": id])
    }

    /// The panel as a file (`iconect_export_panel`): its rows (at most `limit`, 1 to 10,000) in `csv` or `json`, or with
    /// `includeData: false` its definition as `json`.
    public func export(id: String, format: ExportFormat, includeData: Bool? = nil, filter: Filter = Filter(), limit: Int? = nil)
        async throws -> ExportedContent
    {
        try await pipeline.export(.exportPanel, id: id, format: format, filter: filter, limit: limit, includeData: includeData)
    }

    /// One page of the panel's rows (`iconect_get_panel_data`), computed by the same engine as view data.
    public func data(id: String, filter: Filter = Filter(), sorting: [SortField] = [], page: Int? = nil, pageSize: Int? = nil,
                     cache: CachePolicy? = nil) async throws -> Page<ViewRow> {
        try await pipeline.rows(.getPanelData, id: id, filter: filter, sorting: sorting, page: page, pageSize: pageSize, cache: cache)
    }

    /// Every row of the panel, page after page (`iconect_get_panel_data`).
    public func paginateData(id: String, filter: Filter = Filter(), sorting: [SortField] = [], pageSize: Int? = nil,
                             prefetch: Int = 1) -> Paginator<ViewRow> {
        pipeline.paginateRows(.getPanelData, id: id, filter: filter, sorting: sorting, pageSize: pageSize, prefetch: prefetch)
    }
}

extension IconectClient {
    /// Panels.
    public nonisolated var panels: PanelsResource { PanelsResource(pipeline: pipeline) }
}
