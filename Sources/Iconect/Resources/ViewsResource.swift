import Foundation

/// Saved views: `client.views`.
///
/// ```swift
/// let view = try await client.views.create(NewView(
///     name: "pages-by-custodian", displayName: "Pages by custodian", type: .grid, projectId: projectId,
///     baseQuery: ViewQuery(grouping: ["custodian"], aggregations: [.count(as: "documents"), .sum("pageCount", as: "pages")])))
/// for row in try await client.views.data(id: view.id).data { print(row["custodian"] ?? "-", row["pages"] ?? 0) }
/// let csv = try await client.views.export(id: view.id, format: .csv).content
/// ```
public struct ViewsResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of views (`iconect_list_views`).
    public func list(projectId: String? = nil, type: ViewType? = nil, isSystem: Bool? = nil, isActive: Bool? = nil,
                     _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<SavedView> {
        try await pipeline.list(.listViews, options, extra: Self.filters(projectId, type, isSystem, isActive), cache: cache)
    }

    /// Every view, page after page (`iconect_list_views`).
    public func paginate(projectId: String? = nil, type: ViewType? = nil, isSystem: Bool? = nil, isActive: Bool? = nil,
                         _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<SavedView> {
        pipeline.paginate(.listViews, options, extra: Self.filters(projectId, type, isSystem, isActive), prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ type: ViewType?, _ isSystem: Bool?, _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("type", type)
        query.add("isSystem", isSystem)
        query.add("isActive", isActive)
        return query
    }

    /// One view (`iconect_get_view`), with its first `dataLimit` rows (1 to 1,000) when `includeData` is set (such a read
    /// bypasses the cache unless `cache` says otherwise).
    public func get(id: String, includeData: Bool? = nil, dataLimit: Int? = nil, cache: CachePolicy? = nil) async throws -> SavedView {
        let query = try RequestPipeline.dataQuery(includeData: includeData, dataLimit: dataLimit, operation: Route.getView.operation)
        return try await pipeline.get(.getView, id: id, query: query, cache: cache ?? (includeData == true ? .bypass : nil))
    }

    /// Creates a view (`iconect_create_view`).
    public func create(_ view: NewView) async throws -> SavedView {
        try await pipeline.create(.createView, view)
    }

    /// Changes a view (`iconect_update_view`).
    public func update(id: String, _ changes: ViewChanges) async throws -> SavedView {
        try await pipeline.update(.updateView, id: id, changes)
    }

    /// Removes a view (`iconect_delete_view`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteView, id: id)
    }

    /// Copies a view under a new name, optionally into another project (`iconect_duplicate_view`).
    public func duplicate(id: String, newName: String, newDisplayName: String? = nil, targetProjectId: String? = nil)
        async throws -> SavedView
    {
        let body = DuplicateRequest(newName: newName, newDisplayName: newDisplayName, targetProjectId: targetProjectId)
        return try await pipeline.create(.duplicateView, body, path: ["id": id])
    }

    /// Makes a share link for the view (`iconect_share_view`), valid until `expiresAt` (which must be in the future).
    public func share(id: String, isPublic: Bool, expiresAt: Date? = nil, allowAnonymous: Bool? = nil) async throws -> Share {
        let body = ShareViewRequest(isPublic: isPublic, expiresAt: expiresAt, allowAnonymous: allowAnonymous)
        return try await pipeline.create(.shareView, body, path: ["id": id])
    }

    /// One page of the view's rows (`iconect_get_view_data`): its base query narrowed by `filter`, sorted by `sorting`
    /// (or the view's), grouped and aggregated as the view says. Pages hold up to 1,000 rows. A read: it invalidates
    /// nothing, and is cached for the query freshness only when `cache` asks for it.
    public func data(id: String, filter: Filter = Filter(), sorting: [SortField] = [], page: Int? = nil, pageSize: Int? = nil,
                     cache: CachePolicy? = nil) async throws -> Page<ViewRow> {
        try await pipeline.rows(.getViewData, id: id, filter: filter, sorting: sorting, page: page, pageSize: pageSize, cache: cache)
    }

    /// Every row of the view, page after page, with memory bounded by the page size (`iconect_get_view_data`).
    public func paginateData(id: String, filter: Filter = Filter(), sorting: [SortField] = [], pageSize: Int? = nil,
                             prefetch: Int = 1) -> Paginator<ViewRow> {
        pipeline.paginateRows(.getViewData, id: id, filter: filter, sorting: sorting, pageSize: pageSize, prefetch: prefetch)
    }

    /// The view's rows as a file (`iconect_export_view`): `csv` and `json` hold exactly the rows of
    /// ``data(id:filter:sorting:page:pageSize:cache:)``, at most `limit` (1 to 10,000).
    public func export(id: String, format: ExportFormat, filter: Filter = Filter(), limit: Int? = nil) async throws -> ExportedContent {
        try await pipeline.export(.exportView, id: id, format: format, filter: filter, limit: limit)
    }
}

extension IconectClient {
    /// Saved views.
    public nonisolated var views: ViewsResource { ViewsResource(pipeline: pipeline) }
}
