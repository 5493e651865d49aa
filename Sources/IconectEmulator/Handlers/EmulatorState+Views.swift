import HTTPTypes

/// Views: definitions checked on the way in, data and exports from the query engine, share links.
extension EmulatorState {
    static var viewRoutes: [Route] {
        [
            Route("POST", "/v1/views") { state, request in try state.createView(request) },
            Route("GET", "/v1/views/{id}") { state, request in try state.getView(request) },
            Route("PUT", "/v1/views/{id}") { state, request in try state.updateView(request) },
            Route("POST", "/v1/views/{id}/duplicate") { state, request in try state.duplicateDefinition("views", request) },
            Route("POST", "/v1/views/{id}/share") { state, request in try state.shareView(request) },
            Route("POST", "/v1/views/{id}/data") { state, request in try state.viewData(request) },
            Route("POST", "/v1/views/{id}/export") { state, request in try state.exportView(request) },
        ]
    }

    func createView(_ request: APIRequest) throws(APIError) -> Reply {
        _ = try ViewQuerySpec(try request.jsonObject()["baseQuery"], argument: "baseQuery")
        return try createObject("views", request)
    }

    func updateView(_ request: APIRequest) throws(APIError) -> Reply {
        _ = try ViewQuerySpec(try request.jsonObject()["baseQuery"], argument: "baseQuery")
        return try updateObject("views", request)
    }

    /// `GET /views/{id}?includeData=&dataLimit=`.
    func getView(_ request: APIRequest) throws(APIError) -> Reply {
        var view = try requireObject("views", request.param("id"))
        let spec = try viewSpec(view)
        let projectId = view["projectId"]?.stringValue ?? ""
        view["data"] = try embeddedRows(request) { () throws(APIError) in evaluate(spec, projectId: projectId) }
        return .json(.object(view))
    }

    /// `POST /views/{id}/data?page=&pageSize= {filters?, sorting?}`: the base query narrowed by `filters`, in `sorting`'s
    /// order (else the view's), grouped and aggregated as the view says; up to 1,000 rows a page.
    func viewData(_ request: APIRequest) throws(APIError) -> Reply {
        let view = try requireObject("views", request.param("id"))
        let body = try request.jsonObject()
        let paging = try Paging(request.query, maxPageSize: 1000)
        var spec = try viewSpec(view)
        try spec.narrow(filters: body["filters"], argument: "filters")
        try spec.sort(by: body["sorting"], argument: "sorting")
        return dataReply(evaluate(spec, projectId: view["projectId"]?.stringValue ?? ""), paging: paging)
    }

    /// `POST /views/{id}/export {format, filters?, limit?}`: the rows of `data` (narrowed by `filters`), at most `limit`.
    func exportView(_ request: APIRequest) throws(APIError) -> Reply {
        let view = try requireObject("views", request.param("id"))
        let body = try request.jsonObject()
        var spec = try viewSpec(view)
        try spec.narrow(filters: body["filters"], argument: "filters")
        return try exportReply(body, allowed: ["csv", "xlsx", "pdf", "json"], name: view["name"]?.stringValue ?? "view") {
            evaluate(spec, projectId: view["projectId"]?.stringValue ?? "")
        }
    }

    /// `POST /views/{id}/share {isPublic, expiresAt?, allowAnonymous?}`.
    func shareView(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        if body["isPublic"]?.boolValue == nil { errors.add("isPublic", "isPublic is required and must be a boolean") }
        if let value = body["allowAnonymous"], !value.isNull, value.boolValue == nil {
            errors.add("allowAnonymous", "allowAnonymous must be a boolean")
        }
        try errors.throwIfAny()
        var options: [String: JSON] = ["isPublic": body["isPublic"] ?? false, "allowAnonymous": body["allowAnonymous"] ?? false]
        options["expiresAt"] = body["expiresAt"]
        return try shareReply("views", kind: "view", id: request.param("id"), options: options, actor: request.actor)
    }
}
