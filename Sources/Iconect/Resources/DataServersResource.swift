/// Data servers: `client.dataServers`.
public struct DataServersResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of data servers (`iconect_list_data_servers`).
    public func list(_ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<DataServer> {
        try await pipeline.list(.listDataServers, options, cache: cache)
    }

    /// Every data server, page after page (`iconect_list_data_servers`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<DataServer> {
        pipeline.paginate(.listDataServers, options, prefetch: prefetch)
    }

    /// One data server (`iconect_get_data_server`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> DataServer {
        try await pipeline.get(.getDataServer, id: id, cache: cache)
    }

    /// Registers a data server (`iconect_create_data_server`).
    public func create(_ server: NewDataServer) async throws -> DataServer {
        try await pipeline.create(.createDataServer, server)
    }

    /// Changes a data server (`iconect_update_data_server`).
    public func update(id: String, _ changes: DataServerChanges) async throws -> DataServer {
        try await pipeline.update(.updateDataServer, id: id, changes)
    }

    /// Removes a data server (`iconect_delete_data_server`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteDataServer, id: id)
    }
}

extension IconectClient {
    /// Data servers.
    public nonisolated var dataServers: DataServersResource { DataServersResource(pipeline: pipeline) }
}
