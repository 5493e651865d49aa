import HTTPTypes

/// Widgets, kept in their dashboard's `widgets`: checked like views (their `configuration` is a view query), with data
/// from the same engine.
extension EmulatorState {
    static let widgetTypes = ["chart", "metric", "table", "list", "text", "custom"]

    /// `POST /dashboards/{dashboardId}/widgets` with the widget as the body (`{"widget": {...}}` is accepted too).
    func addWidget(_ request: APIRequest) throws(APIError) -> Reply {
        let dashboardId = request.param("dashboardId")
        let store = try requireStore("dashboards")
        var body = try request.jsonObject()
        if body.count == 1, let wrapped = body["widget"]?.objectValue { body = wrapped }
        try checkWidget(body, creating: true)
        let stamp = JSON.string(ISODate.string(ISODate.nowSeconds))
        var widget: [String: JSON] = ["position": .object([:]), "configuration": .object([:]), "refreshInterval": 0]
        for key in ["type", "title", "position", "configuration", "refreshInterval"] where body[key] != nil && body[key] != .null {
            widget[key] = body[key]
        }
        widget["id"] = .string(ids.next("wdg"))
        widget["createdDate"] = stamp
        widget["modifiedDate"] = stamp
        let added = widget
        guard store.update(dashboardId, { dashboard in
            dashboard["widgets"] = .array((dashboard["widgets"]?.arrayValue ?? []) + [.object(added)])
            dashboard["modifiedDate"] = stamp
        }) != nil else { throw APIError.notFound("Dashboard", dashboardId) }
        return .json(.object(added), status: .created)
    }

    private func checkWidget(_ body: [String: JSON], creating: Bool) throws(APIError) {
        var errors = ValidationErrors()
        if let type = body["type"]?.stringValue, !Self.widgetTypes.contains(type) {
            errors.add("widget.type", "widget.type must be one of: \(Self.widgetTypes.joined(separator: ", "))")
        } else if creating, body["type"]?.stringValue == nil {
            errors.add("widget.type", "widget.type is required")
        }
        if creating, (body["title"]?.stringValue ?? "").isEmpty { errors.add("widget.title", "widget.title is required") }
        if let value = body["title"], !value.isNull, value.stringValue == nil { errors.add("widget.title", "widget.title must be a string") }
        for key in ["position", "configuration"] {
            if let value = body[key], !value.isNull, value.objectValue == nil { errors.add("widget." + key, "widget.\(key) must be an object") }
        }
        if let value = body["refreshInterval"], !value.isNull, (value.intValue ?? -1) < 0 {
            errors.add("widget.refreshInterval", "widget.refreshInterval must be an integer of at least 0")
        }
        try errors.throwIfAny()
        _ = try ViewQuerySpec(body["configuration"], argument: "widget.configuration")
        if let viewId = body["configuration"]?["viewId"]?.stringValue, store("views")?.contains(viewId) != true {
            throw APIError.validation("widget.configuration.viewId", "View '\(viewId)' does not exist")
        }
    }

    /// Applies `change` to one widget of a dashboard and answers the changed widget.
    private func changeWidget(_ request: APIRequest, _ change: (inout [String: JSON]) -> Void) throws(APIError) -> [String: JSON] {
        let (dashboardId, widgetId) = (request.param("dashboardId"), request.param("widgetId"))
        var changed: [String: JSON]?
        guard try requireStore("dashboards").update(dashboardId, { dashboard in
            var widgets = dashboard["widgets"]?.arrayValue ?? []
            guard let index = widgets.firstIndex(where: { $0["id"]?.stringValue == widgetId }) else { return }
            var widget = widgets[index].objectValue ?? [:]
            change(&widget)
            widget["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
            widgets[index] = .object(widget)
            dashboard["widgets"] = .array(widgets)
            changed = widget
        }) != nil else { throw APIError.notFound("Dashboard", dashboardId) }
        guard let changed else { throw APIError.notFound("Widget", widgetId) }
        return changed
    }

    /// `PUT /dashboards/{dashboardId}/widgets/{widgetId} {title?, position?, configuration?, refreshInterval?}`.
    func updateWidget(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        try checkWidget(body, creating: false)
        return .json(.object(try changeWidget(request) { widget in
            for key in ["title", "position", "configuration", "refreshInterval"] where body[key] != nil && body[key] != .null {
                widget[key] = body[key]
            }
        }))
    }

    /// `POST .../refresh`: the widget with `lastRefreshedAt` now.
    func refreshWidget(_ request: APIRequest) throws(APIError) -> Reply {
        .json(.object(try changeWidget(request) { $0["lastRefreshedAt"] = .string(ISODate.string(ISODate.nowSeconds)) }))
    }

    func removeWidget(_ request: APIRequest) throws(APIError) -> Reply {
        let (dashboardId, widgetId) = (request.param("dashboardId"), request.param("widgetId"))
        var removed = false
        guard try requireStore("dashboards").update(dashboardId, { dashboard in
            let widgets = dashboard["widgets"]?.arrayValue ?? []
            let kept = widgets.filter { $0["id"]?.stringValue != widgetId }
            removed = kept.count < widgets.count
            dashboard["widgets"] = .array(kept)
        }) != nil else { throw APIError.notFound("Dashboard", dashboardId) }
        guard removed else { throw APIError.notFound("Widget", widgetId) }
        return .noContent
    }

    /// The rows of a widget's query over its dashboard's project, narrowed by a call's `filters` and `dateRange`.
    func widgetResult(_ widget: JSON, in dashboard: [String: JSON], filters: JSON?, dateRange: JSON?) throws(APIError) -> ViewResult {
        let query = try configurationSpec(widget["configuration"], argument: "configuration",
                                          projectId: dashboard["projectId"]?.stringValue)
        var spec = query.spec
        try spec.narrow(filters: filters, argument: "filters")
        try spec.restrict(dateRange: dateRange, argument: "dateRange")
        return evaluate(spec, projectId: query.projectId)
    }

    /// `POST .../data {filters?, dateRange?}`: `{dashboardId, widgetId, data (at most 1,000 rows), total, generatedAt}`.
    func widgetData(_ request: APIRequest) throws(APIError) -> Reply {
        let (dashboardId, widgetId) = (request.param("dashboardId"), request.param("widgetId"))
        let dashboard = try requireObject("dashboards", dashboardId)
        guard let widget = dashboard["widgets"]?.arrayValue?.first(where: { $0["id"]?.stringValue == widgetId }) else {
            throw APIError.notFound("Widget", widgetId)
        }
        let body = try request.jsonObject()
        let result = try widgetResult(widget, in: dashboard, filters: body["filters"], dateRange: body["dateRange"])
        return .json([
            "dashboardId": .string(dashboardId), "widgetId": .string(widgetId),
            "data": .array(result.objects(0..<min(1000, result.count)).map(JSON.object)),
            "total": .number(Double(result.count)), "generatedAt": .string(ISODate.string(ISODate.nowSeconds)),
        ])
    }
}
