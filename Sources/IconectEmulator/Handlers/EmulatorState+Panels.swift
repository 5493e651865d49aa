import HTTPTypes

/// Panels: their `configuration` is a view query (optionally over a view, `viewId`), evaluated by the view engine.
extension EmulatorState {
    static var panelRoutes: [Route] {
        [
            Route("POST", "/v1/panels") { state, request in try state.createPanel(request) },
            Route("GET", "/v1/panels/{id}") { state, request in try state.getPanel(request) },
            Route("PUT", "/v1/panels/{id}") { state, request in try state.updatePanel(request) },
            Route("POST", "/v1/panels/{id}/duplicate") { state, request in try state.duplicateDefinition("panels", request) },
            Route("POST", "/v1/panels/{id}/data") { state, request in try state.panelData(request) },
            Route("POST", "/v1/panels/{id}/export") { state, request in try state.exportPanel(request) },
        ]
    }

    func createPanel(_ request: APIRequest) throws(APIError) -> Reply {
        try checkPanel(try request.jsonObject())
        return try createObject("panels", request)
    }

    func updatePanel(_ request: APIRequest) throws(APIError) -> Reply {
        try checkPanel(try request.jsonObject())
        return try updateObject("panels", request)
    }

    /// The configuration must read as a query, and a `folderId` must exist.
    private func checkPanel(_ body: [String: JSON]) throws(APIError) {
        _ = try ViewQuerySpec(body["configuration"], argument: "configuration")
        if let folderId = body["folderId"]?.stringValue, !folderId.isEmpty, store("folders")?.contains(folderId) != true {
            throw APIError.validation("folderId", "Folder '\(folderId)' does not exist")
        }
    }

    private func panelResult(_ panel: [String: JSON], filters: JSON?, sorting: JSON?) throws(APIError) -> ViewResult {
        let query = try configurationSpec(panel["configuration"], argument: "configuration", projectId: panel["projectId"]?.stringValue)
        var spec = query.spec
        try spec.narrow(filters: filters, argument: "filters")
        try spec.sort(by: sorting, argument: "sorting")
        return evaluate(spec, projectId: query.projectId)
    }

    /// `GET /panels/{id}?includeData=&dataLimit=`.
    func getPanel(_ request: APIRequest) throws(APIError) -> Reply {
        var panel = try requireObject("panels", request.param("id"))
        let snapshot = panel
        panel["data"] = try embeddedRows(request) { () throws(APIError) in try panelResult(snapshot, filters: nil, sorting: nil) }
        return .json(.object(panel))
    }

    /// `POST /panels/{id}/data?page=&pageSize= {filters?, sorting?}`.
    func panelData(_ request: APIRequest) throws(APIError) -> Reply {
        let panel = try requireObject("panels", request.param("id"))
        let body = try request.jsonObject()
        let paging = try Paging(request.query, maxPageSize: 1000)
        return dataReply(try panelResult(panel, filters: body["filters"], sorting: body["sorting"]), paging: paging)
    }

    /// `POST /panels/{id}/export {format, includeData?, filters?, limit?}`: the rows, or with `includeData: false` the
    /// panel's definition (json).
    func exportPanel(_ request: APIRequest) throws(APIError) -> Reply {
        let panel = try requireObject("panels", request.param("id"))
        let body = try request.jsonObject()
        let includeData = body["includeData"]?.boolValue ?? true
        return try exportReply(body, allowed: ["csv", "xlsx", "pdf", "json"], name: panel["name"]?.stringValue ?? "panel",
                               rows: { () throws(APIError) in
                                   includeData ? try panelResult(panel, filters: body["filters"], sorting: nil) : nil
                               }, definition: .object(panel))
    }
}
