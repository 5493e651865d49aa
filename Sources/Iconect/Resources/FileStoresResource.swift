/// File stores: `client.fileStores`.
public struct FileStoresResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of file stores (`iconect_list_file_stores`).
    public func list(_ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<FileStore> {
        try await pipeline.list(.listFileStores, options, cache: cache)
    }

    /// Every file store, page after page (`iconect_list_file_stores`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<FileStore> {
        pipeline.paginate(.listFileStores, options, prefetch: prefetch)
    }

    /// One file store (`iconect_get_file_store`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> FileStore {
        try await pipeline.get(.getFileStore, id: id, cache: cache)
    }

    /// Creates a file store (`iconect_create_file_store`).
    public func create(_ store: NewFileStore) async throws -> FileStore {
        if let capacity = store.capacity, capacity < 1 {
            throw IconectError.invalidArgument("capacity", "must be at least 1", operation: Route.createFileStore.operation)
        }
        return try await pipeline.create(.createFileStore, store)
    }

    /// Changes a file store (`iconect_update_file_store`).
    public func update(id: String, _ changes: FileStoreChanges) async throws -> FileStore {
        if let capacity = changes.capacity, capacity < 1 {
            throw IconectError.invalidArgument("capacity", "must be at least 1", operation: Route.updateFileStore.operation)
        }
        return try await pipeline.update(.updateFileStore, id: id, changes)
    }

    /// Removes a file store (`iconect_delete_file_store`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteFileStore, id: id)
    }

    /// Usage figures of a file store (`iconect_get_file_store_stats`), as the server reports them.
    public func statistics(id: String) async throws -> JSONValue {
        try await pipeline.get(.getFileStoreStats, id: id)
    }
}

extension IconectClient {
    /// File stores.
    public nonisolated var fileStores: FileStoresResource { FileStoresResource(pipeline: pipeline) }
}
