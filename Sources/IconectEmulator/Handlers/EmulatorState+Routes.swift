import HTTPTypes
/// The route table: OIDC, the generic collections, and the special areas.
extension EmulatorState {
    static func routes() -> [Route] {
        var routes: [Route] = [
            Route("GET", "/.well-known/openid-configuration") { state, _ in state.discoveryDocument() },
            Route("GET", "/openid/authorize") { state, request in state.authorizeEndpoint(request) },
            Route("POST", "/openid/token", bodyMode: .buffered(limit: 1 << 20)) { state, request in state.tokenEndpoint(request) },
            Route("POST", "/openid/revoke", bodyMode: .buffered(limit: 1 << 20)) { state, request in state.revokeEndpoint(request) },
        ]
        for spec in CollectionSpec.catalogue { routes += collectionRoutes(spec) }
        routes += recordRoutes + fileRoutes
        routes += fieldRoutes + folderRoutes + jobRoutes + panelRoutes + templateRoutes + viewRoutes + userRoutes
        routes += dashboardRoutes + themeRoutes
        return routes
    }

    private static var recordRoutes: [Route] {
        [
            Route("GET", "/v1/records/search") { state, request in try state.searchRecords(request) },
            Route("POST", "/v1/records") { state, request in try state.createRecord(request) },
            Route("GET", "/v1/records/{id}") { state, request in try state.getRecord(request) },
            Route("PUT", "/v1/records/{id}") { state, request in try state.updateRecord(request) },
            Route("DELETE", "/v1/records/{id}") { state, request in try state.deleteRecord(request) },
            Route("POST", "/v1/records/bulk") { state, request in try state.startBulkOperation(request) },
            Route("GET", "/v1/records/bulk/{operationId}") { state, request in try state.getBulkOperation(request) },
            Route("POST", "/v1/records/relationships") { state, request in try state.createRelationship(request) },
            Route("GET", "/v1/records/{recordId}/relationships") { state, request in try state.listRelationships(request) },
            Route("DELETE", "/v1/records/relationships/{id}") { state, request in try state.deleteRelationship(request) },
        ]
    }

    private static var fileRoutes: [Route] {
        let chunked = "/v1/files/upload/chunked"
        return [
            Route("DELETE", "/v1/files/{id}") { state, request in try state.deleteFile(request) },
            Route("GET", "/v1/files/{id}/download") { state, request in try state.downloadFile(request) },
            Route("POST", "/v1/files/upload", bodyMode: .buffered(limit: 1 << 30)) { state, request in try state.uploadFile(request) },
            Route("POST", chunked + "/initiate") { state, request in try state.initiateChunkedUpload(request) },
            Route("GET", chunked + "/{id}") { state, request in try state.getUploadSession(request) },
            Route("DELETE", chunked + "/{id}") { state, request in try state.abortUploadSession(request) },
            Route("PUT", chunked + "/{id}/chunks/{n}", bodyMode: .streamed) { state, request in try await state.putChunk(request) },
            Route("POST", chunked + "/{id}/chunks/{n}", bodyMode: .buffered(limit: 128 << 20)) { state, request in try state.postChunk(request) },
            Route("POST", chunked + "/{id}/complete") { state, request in try await state.completeChunkedUpload(request) },
            Route("GET", "/v1/filestores/{id}/stats") { state, request in try state.fileStoreStats(request) },
        ]
    }
}
