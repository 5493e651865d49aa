import HTTPTypes

/// Dashboards: one default per project, copies with fresh widget ids, json export, share links. Widgets live in
/// `EmulatorState+Widgets.swift`.
extension EmulatorState {
    static var dashboardRoutes: [Route] {
        let widget = "/v1/dashboards/{dashboardId}/widgets/{widgetId}"
        return [
            Route("POST", "/v1/dashboards") { state, request in try state.createDashboard(request) },
            Route("GET", "/v1/dashboards/{id}") { state, request in try state.getDashboard(request) },
            Route("PUT", "/v1/dashboards/{id}") { state, request in try state.updateDashboard(request) },
            Route("POST", "/v1/dashboards/{id}/duplicate") { state, request in try state.duplicateDashboard(request) },
            Route("POST", "/v1/dashboards/{id}/export") { state, request in try state.exportDashboard(request) },
            Route("POST", "/v1/dashboards/{id}/share") { state, request in try state.shareDashboard(request) },
            Route("POST", "/v1/dashboards/{dashboardId}/widgets") { state, request in try state.addWidget(request) },
            Route("PUT", widget) { state, request in try state.updateWidget(request) },
            Route("DELETE", widget) { state, request in try state.removeWidget(request) },
            Route("POST", widget + "/data") { state, request in try state.widgetData(request) },
            Route("POST", widget + "/refresh") { state, request in try state.refreshWidget(request) },
        ]
    }

    func createDashboard(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("dashboards")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys { body[key] = nil }
        try store.spec.validate(body, creating: true)
        try checkReferences(store.spec, body)
        if body["isDefault"]?.boolValue == true { clearDefault(projectId: body["projectId"]?.stringValue, except: nil) }
        return try createObject("dashboards", request)
    }

    func updateDashboard(_ request: APIRequest) throws(APIError) -> Reply {
        let existing = try requireObject("dashboards", request.param("id"))
        let body = try request.jsonObject()
        try requireStore("dashboards").spec.validate(body, creating: false)
        if body["isDefault"]?.boolValue == true {
            clearDefault(projectId: existing["projectId"]?.stringValue, except: request.param("id"))
        }
        return try updateObject("dashboards", request)
    }

    /// At most one default dashboard per project (and one among those of no project).
    private func clearDefault(projectId: String?, except id: String?) {
        guard let store = store("dashboards") else { return }
        let others = store.filter { $0["projectId"]?.stringValue == projectId && $0["isDefault"]?.boolValue == true }
        for other in others {
            guard let otherId = other["id"]?.stringValue, otherId != id else { continue }
            _ = store.update(otherId) { $0["isDefault"] = false }
        }
    }

    /// `GET /dashboards/{id}?includeWidgetData=`: each widget with its first 100 rows (or `dataError`).
    func getDashboard(_ request: APIRequest) throws(APIError) -> Reply {
        let dashboard = try requireObject("dashboards", request.param("id"))
        return .json(.object(request.query.bool("includeWidgetData") == true ? withWidgetData(dashboard) : dashboard))
    }

    private func withWidgetData(_ dashboard: [String: JSON]) -> [String: JSON] {
        var copy = dashboard
        copy["widgets"] = .array((dashboard["widgets"]?.arrayValue ?? []).map { widget in
            var object = widget.objectValue ?? [:]
            do {
                let result = try widgetResult(widget, in: dashboard, filters: nil, dateRange: nil)
                object["data"] = .array(result.objects(0..<min(100, result.count)).map(JSON.object))
            } catch {
                object["dataError"] = .string((error as? APIError)?.message ?? "\(error)")
            }
            return .object(object)
        })
        return copy
    }

    func duplicateDashboard(_ request: APIRequest) throws(APIError) -> Reply {
        try duplicateDefinition("dashboards", request) { copy in
            copy["widgets"] = .array((copy["widgets"]?.arrayValue ?? []).map { widget in
                var object = widget.objectValue ?? [:]
                object["id"] = .string(ids.next("wdg"))
                return .object(object)
            })
        }
    }

    /// `POST /dashboards/{id}/export {format, includeData?}`: json is the dashboard and its widgets (with their rows when
    /// `includeData`); pdf and png are refused with 422.
    func exportDashboard(_ request: APIRequest) throws(APIError) -> Reply {
        let dashboard = try requireObject("dashboards", request.param("id"))
        let body = try request.jsonObject()
        let definition = body["includeData"]?.boolValue == true ? withWidgetData(dashboard) : dashboard
        return try exportReply(body, allowed: ["pdf", "png", "json"], name: dashboard["name"]?.stringValue ?? "dashboard",
                               rows: { nil }, definition: .object(definition))
    }

    /// `POST /dashboards/{id}/share {shareType, expiresAt?, permissions?}`.
    func shareDashboard(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let shareType = body["shareType"]?.stringValue ?? ""
        if !["public", "private", "token"].contains(shareType) {
            errors.add("shareType", "shareType is required: public, private or token")
        }
        let permissions = body["permissions"] ?? ["view"]
        if !(permissions.arrayValue?.allSatisfy { ["view", "interact"].contains($0.stringValue ?? "") } ?? false) {
            errors.add("permissions", "permissions must be an array of: view, interact")
        }
        try errors.throwIfAny()
        let options: [String: JSON] = ["shareType": .string(shareType), "permissions": permissions, "expiresAt": body["expiresAt"] ?? .null]
        return try shareReply("dashboards", kind: "dashboard", id: request.param("id"),
                              options: options.filter { !$0.value.isNull }, actor: request.actor)
    }
}
