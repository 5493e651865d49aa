import HTTPTypes

/// Special actions of the later areas (duplicates, jobs) beyond their generic CRUD rows. Fields, folders, views, panels,
/// users and dashboards register their own lists (`fieldRoutes`, ... in their handler files).
extension EmulatorState {
    static var extendedRoutes: [Route] {
        var routes: [Route] = []
        for (name, path) in [("templates", "/v1/templates"), ("themes", "/v1/themes")] {
            routes.append(Route("POST", path + "/{id}/duplicate") { state, request in try state.duplicateDefinition(name, request) })
        }
        routes += [
            Route("POST", "/v1/jobs/import") { state, request in try state.createJob(type: "import", request) },
            Route("POST", "/v1/jobs/delete") { state, request in try state.createJob(type: "delete", request) },
            Route("POST", "/v1/jobs/custom") { state, request in try state.createJob(type: nil, request) },
            Route("POST", "/v1/jobs/{id}/control") { state, request in try state.controlJob(request) },
            Route("GET", "/v1/jobs/{id}/logs") { state, request in try state.jobLogs(request) },
        ]
        return routes
    }
}
