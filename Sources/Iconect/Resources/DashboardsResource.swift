import Foundation

/// Dashboards and their widgets: `client.dashboards`.
///
/// ```swift
/// let dashboard = try await client.dashboards.create(NewDashboard(name: "Review overview", projectId: projectId))
/// let widget = try await client.dashboards.addWidget(dashboardId: dashboard.id, NewWidget(
///     type: "chart", title: "Documents by status",
///     configuration: ViewQuery(grouping: ["reviewStatus"], aggregations: [.count(as: "documents")]).configuration))
/// let rows = try await client.dashboards.widgetData(dashboardId: dashboard.id, widgetId: widget.id).data
/// ```
public struct DashboardsResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of dashboards (`iconect_list_dashboards`).
    public func list(projectId: String? = nil, isDefault: Bool? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                     cache: CachePolicy? = nil) async throws -> Page<Dashboard> {
        try await pipeline.list(.listDashboards, options, extra: Self.filters(projectId, isDefault, isActive), cache: cache)
    }

    /// Every dashboard, page after page (`iconect_list_dashboards`).
    public func paginate(projectId: String? = nil, isDefault: Bool? = nil, isActive: Bool? = nil,
                         _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Dashboard> {
        pipeline.paginate(.listDashboards, options, extra: Self.filters(projectId, isDefault, isActive), prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ isDefault: Bool?, _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("isDefault", isDefault)
        query.add("isActive", isActive)
        return query
    }

    /// One dashboard with its widgets (`iconect_get_dashboard`), each with its data when `includeWidgetData` is set (such a
    /// read bypasses the cache unless `cache` says otherwise).
    public func get(id: String, includeWidgetData: Bool? = nil, cache: CachePolicy? = nil) async throws -> Dashboard {
        var query = QueryItems()
        query.add("includeWidgetData", includeWidgetData)
        return try await pipeline.get(.getDashboard, id: id, query: query, cache: cache ?? (includeWidgetData == true ? .bypass : nil))
    }

    /// Creates a dashboard (`iconect_create_dashboard`); a new default dashboard replaces the project's previous one.
    public func create(_ dashboard: NewDashboard) async throws -> Dashboard {
        try await pipeline.create(.createDashboard, dashboard)
    }

    /// Changes a dashboard (`iconect_update_dashboard`).
    public func update(id: String, _ changes: DashboardChanges) async throws -> Dashboard {
        try await pipeline.update(.updateDashboard, id: id, changes)
    }

    /// Removes a dashboard and its widgets (`iconect_delete_dashboard`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteDashboard, id: id)
    }

    /// Copies a dashboard and its widgets under a new name, optionally into another project (`iconect_duplicate_dashboard`).
    public func duplicate(id: String, newName: String, targetProjectId: String? = nil) async throws -> Dashboard {
        try await pipeline.create(.duplicateDashboard, DuplicateRequest(newName: newName, targetProjectId: targetProjectId),
                                  path: ["id": id])
    }

    /// Adds a widget (`iconect_add_widget`); its configuration's query is checked like a view's.
    public func addWidget(dashboardId: String, _ widget: NewWidget) async throws -> DashboardWidget {
        try Self.checkInterval(widget.refreshInterval, operation: Route.addWidget.operation)
        return try await pipeline.create(.addWidget, widget, path: ["dashboardId": dashboardId])
    }

    /// Changes a widget (`iconect_update_widget`).
    public func updateWidget(dashboardId: String, widgetId: String, _ changes: WidgetChanges) async throws -> DashboardWidget {
        try Self.checkInterval(changes.refreshInterval, operation: Route.updateWidget.operation)
        return try await pipeline.send(try Endpoint(.updateWidget, path: ["dashboardId": dashboardId, "widgetId": widgetId],
                                                    json: changes))
    }

    private static func checkInterval(_ interval: Int?, operation: String) throws {
        if let interval, interval < 0 {
            throw IconectError.invalidArgument("refreshInterval", "must be 0 or more seconds, got \(interval)", operation: operation)
        }
    }

    /// Removes a widget (`iconect_remove_widget`).
    public func removeWidget(dashboardId: String, widgetId: String) async throws {
        try await pipeline.send(Endpoint(.removeWidget, path: ["dashboardId": dashboardId, "widgetId": widgetId]))
    }

    /// The widget's rows now (`iconect_get_widget_data`), narrowed by `filter` and `dateRange`, computed by the same engine
    /// as view data. A read: it invalidates nothing, and is cached for the query freshness only when `cache` asks for it.
    public func widgetData(dashboardId: String, widgetId: String, filter: Filter = Filter(), dateRange: DateRange? = nil,
                           cache: CachePolicy? = nil) async throws -> WidgetData {
        let endpoint = try Endpoint(.getWidgetData, path: ["dashboardId": dashboardId, "widgetId": widgetId],
                                    json: DataRequest(filter: filter, dateRange: dateRange))
        return try await pipeline.query(endpoint, cache: cache)
    }

    /// Marks a widget refreshed now (`iconect_refresh_widget`) and answers it with its new `lastRefreshedAt`.
    public func refreshWidget(dashboardId: String, widgetId: String) async throws -> DashboardWidget {
        try await pipeline.send(Endpoint(.refreshWidget, path: ["dashboardId": dashboardId, "widgetId": widgetId]))
    }

    /// The dashboard as a file (`iconect_export_dashboard`): `json` is its definition and widgets, with each widget's rows
    /// when `includeData` is set.
    public func export(id: String, format: ExportFormat, includeData: Bool? = nil) async throws -> ExportedContent {
        try await pipeline.export(.exportDashboard, id: id, format: format, includeData: includeData)
    }

    /// Makes a share link for the dashboard (`iconect_share_dashboard`), valid until `expiresAt` (which must be in the
    /// future), allowing `permissions` (`view`, `interact`).
    public func share(id: String, shareType: ShareType, expiresAt: Date? = nil, permissions: [String]? = nil) async throws -> Share {
        let body = ShareDashboardRequest(shareType: shareType, expiresAt: expiresAt, permissions: permissions)
        return try await pipeline.create(.shareDashboard, body, path: ["id": id])
    }
}

extension IconectClient {
    /// Dashboards and widgets.
    public nonisolated var dashboards: DashboardsResource { DashboardsResource(pipeline: pipeline) }
}
