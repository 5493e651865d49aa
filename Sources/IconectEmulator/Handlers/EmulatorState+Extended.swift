import HTTPTypes

/// Special actions of the later areas (duplicates, current user, folders, views) beyond their generic CRUD rows.
extension EmulatorState {
    static var extendedRoutes: [Route] {
        var routes: [Route] = []
        for (name, path) in [("panels", "/v1/panels"), ("templates", "/v1/templates"), ("views", "/v1/views"),
                             ("dashboards", "/v1/dashboards"), ("themes", "/v1/themes")] {
            routes.append(Route("POST", path + "/{id}/duplicate") { state, request in try state.duplicateObject(name, request) })
        }
        routes += [
            Route("POST", "/v1/fields/duplicate") { state, request in try state.duplicateField(request) },
            Route("DELETE", "/v1/fields/{id}") { state, request in try state.deleteObject("fields", request) },
            Route("GET", "/v1/users/me") { state, request in try state.currentUser(request) },
            Route("PUT", "/v1/users/me") { state, request in try state.updateCurrentUser(request) },
            Route("PUT", "/v1/users/{userId}/roles") { state, request in try state.updateUserRoles(request) },
            Route("POST", "/v1/folders") { state, request in try state.createFolder(request) },
            Route("DELETE", "/v1/folders/{id}") { state, request in try state.deleteFolder(request) },
            Route("GET", "/v1/folders/{id}/path") { state, request in try state.folderPath(request) },
            Route("GET", "/v1/folders/tree") { state, request in try state.folderTree(request) },
            Route("POST", "/v1/views/{id}/data") { state, request in try state.viewData(request) },
        ]
        return routes
    }

    /// `POST /{area}/{id}/duplicate {newName, newDisplayName?, targetProjectId?}`.
    func duplicateObject(_ name: String, _ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore(name)
        var copy = try requireObject(name, request.param("id"))
        let body = try request.jsonObject()
        guard let newName = body["newName"]?.stringValue, !newName.isEmpty else {
            throw APIError.validation("newName", "newName is required")
        }
        copy["name"] = .string(newName)
        if let displayName = body["newDisplayName"]?.stringValue { copy["displayName"] = .string(displayName) }
        if let project = body["targetProjectId"]?.stringValue {
            try checkReferences(CollectionSpec.views, ["projectId": .string(project)])
            copy["projectId"] = .string(project)
        }
        copy["isSystem"] = copy["isSystem"] == nil ? nil : false
        let object = newObject(store.spec, body: copy, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }

    /// `POST /fields/duplicate {sourceFieldId, targetProjectId, newName?, newDisplayName?}`.
    func duplicateField(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let source = body["sourceFieldId"]?.stringValue ?? ""
        let project = body["targetProjectId"]?.stringValue ?? ""
        if source.isEmpty { errors.add("sourceFieldId", "sourceFieldId is required") }
        if project.isEmpty { errors.add("targetProjectId", "targetProjectId is required") }
        try errors.throwIfAny()
        var copy = try requireObject("fields", source)
        try checkReferences(CollectionSpec.fields, ["projectId": .string(project)])
        copy["projectId"] = .string(project)
        if let name = body["newName"]?.stringValue { copy["name"] = .string(name) }
        if let displayName = body["newDisplayName"]?.stringValue { copy["displayName"] = .string(displayName) }
        let store = try requireStore("fields")
        let object = newObject(store.spec, body: copy, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }
}
