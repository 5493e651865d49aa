/// Clients (the organisations whose matters are hosted): `client.clients`.
public struct ClientsResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of clients (`iconect_list_clients`).
    public func list(_ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<Client> {
        try await pipeline.list(.listClients, options, cache: cache)
    }

    /// Every client, page after page (`iconect_list_clients`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Client> {
        pipeline.paginate(.listClients, options, prefetch: prefetch)
    }

    /// One client (`iconect_get_client`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> Client {
        try await pipeline.get(.getClient, id: id, cache: cache)
    }

    /// Creates a client (`iconect_create_client`).
    public func create(_ client: NewClient) async throws -> Client {
        try await pipeline.create(.createClient, client)
    }

    /// Changes a client (`iconect_update_client`).
    public func update(id: String, _ changes: ClientChanges) async throws -> Client {
        try await pipeline.update(.updateClient, id: id, changes)
    }

    /// Removes a client (`iconect_delete_client`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteClient, id: id)
    }
}

extension IconectClient {
    /// Clients.
    public nonisolated var clients: ClientsResource { ClientsResource(pipeline: pipeline) }
}
