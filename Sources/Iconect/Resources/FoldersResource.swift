/// Folders: `client.folders`.
///
/// ```swift
/// let tree = try await client.folders.tree(projectId: projectId, includeStats: true)
/// try await client.folders.move(id: folder.id, newParentId: archive.id)
/// try await client.folders.delete(id: old.id, moveContentsTo: archive.id)   // records and subfolders go first
/// ```
public struct FoldersResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of a project's folders (`iconect_list_folders`): the top folders, or the children of `parentId`; with
    /// `includeSubfolders`, the folders below them too, down to `depth` levels (1 to 10).
    public func list(projectId: String, parentId: String? = nil, includeSubfolders: Bool? = nil, depth: Int? = nil,
                     isSystem: Bool? = nil, _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil)
        async throws -> Page<Folder>
    {
        let extra = try Self.filters(projectId, parentId, includeSubfolders, depth, isSystem)
        return try await pipeline.list(.listFolders, options, extra: extra, cache: cache)
    }

    /// Every folder `list` selects, page after page (`iconect_list_folders`).
    public func paginate(projectId: String, parentId: String? = nil, includeSubfolders: Bool? = nil, depth: Int? = nil,
                         isSystem: Bool? = nil, _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Folder> {
        Paginator(firstPage: options.page ?? 1, prefetch: prefetch) { number in
            try await list(projectId: projectId, parentId: parentId, includeSubfolders: includeSubfolders, depth: depth,
                           isSystem: isSystem, options.forPage(number, maxPageSize: 100))
        }
    }

    private static func filters(_ projectId: String, _ parentId: String?, _ includeSubfolders: Bool?, _ depth: Int?,
                                _ isSystem: Bool?) throws -> QueryItems {
        try check(depth, "depth", 1...10, operation: Route.listFolders.operation)
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("parentId", parentId)
        query.add("includeSubfolders", includeSubfolders)
        query.add("depth", depth)
        query.add("isSystem", isSystem)
        return query
    }

    static func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>, operation: String) throws {
        if let value, !range.contains(value) {
            throw IconectError.invalidArgument(name, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)",
                                               operation: operation)
        }
    }

    /// One folder (`iconect_get_folder`), with its ancestors, children and record counts when asked. Statistics come from
    /// the records, so a read that asks for them bypasses the cache unless `cache` says otherwise.
    public func get(id: String, includeAncestors: Bool? = nil, includeChildren: Bool? = nil, includeStats: Bool? = nil,
                    cache: CachePolicy? = nil) async throws -> Folder {
        var query = QueryItems()
        query.add("includeAncestors", includeAncestors)
        query.add("includeChildren", includeChildren)
        query.add("includeStats", includeStats)
        return try await pipeline.get(.getFolder, id: id, query: query, cache: cache ?? (includeStats == true ? .bypass : nil))
    }

    /// Creates a folder (`iconect_create_folder`); a sibling with the same name is a ``IconectError/Code/conflict``.
    public func create(_ folder: NewFolder) async throws -> Folder {
        try await pipeline.create(.createFolder, folder)
    }

    /// Changes a folder (`iconect_update_folder`); renaming it renames the paths below it.
    public func update(id: String, _ changes: FolderChanges) async throws -> Folder {
        try await pipeline.update(.updateFolder, id: id, changes)
    }

    /// Removes a folder (`iconect_delete_folder`). A folder with records or subfolders needs `recursive` (the whole subtree
    /// goes; its records stay in the project, unfiled) or `moveContentsTo` (its records and subfolders move there first);
    /// otherwise it is a ``IconectError/Code/conflict`` and nothing is deleted.
    public func delete(id: String, recursive: Bool? = nil, moveContentsTo: String? = nil) async throws {
        var query = QueryItems()
        query.add("recursive", recursive)
        query.add("moveContentsTo", moveContentsTo)
        try await pipeline.delete(.deleteFolder, id: id, query: query)
    }

    /// Moves a folder under another one, or to the top with `newParentId: nil` (`iconect_move_folder`). Moving a folder
    /// under itself or its own subtree is a ``IconectError/Code/conflict``.
    public func move(id: String, newParentId: String?) async throws -> Folder {
        if let newParentId, newParentId == id {
            throw IconectError.invalidArgument("newParentId", "a folder cannot be its own parent", operation: Route.moveFolder.operation)
        }
        return try await pipeline.create(.moveFolder, MoveFolderRequest(newParentId: newParentId), path: ["id": id])
    }

    /// Copies a folder and the folders below it (`iconect_copy_folder`), with their records when `includeContents` is set,
    /// under `targetParentId` (default: beside the original) or into another project. Answers the new top folder.
    public func copy(id: String, targetParentId: String? = nil, newName: String? = nil, includeContents: Bool? = nil,
                     targetProjectId: String? = nil) async throws -> Folder {
        let body = CopyFolderRequest(targetParentId: targetParentId, newName: newName, includeContents: includeContents,
                                     targetProjectId: targetProjectId)
        return try await pipeline.create(.copyFolder, body, path: ["id": id])
    }

    /// A project's folders as a tree (`iconect_get_folder_tree`), from `rootFolderId` or the top, `maxDepth` levels deep
    /// (1 to 20).
    public func tree(projectId: String, rootFolderId: String? = nil, maxDepth: Int? = nil, includeStats: Bool? = nil,
                     cache: CachePolicy? = nil) async throws -> FolderTree {
        let operation = Route.getFolderTree.operation
        guard !projectId.isEmpty else { throw IconectError.invalidArgument("projectId", "must not be empty", operation: operation) }
        try Self.check(maxDepth, "maxDepth", 1...20, operation: operation)
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("rootFolderId", rootFolderId)
        query.add("maxDepth", maxDepth)
        query.add("includeStats", includeStats)
        var endpoint = Endpoint(.getFolderTree, query: query)
        endpoint.cachePolicy = cache ?? (includeStats == true ? .bypass : nil)
        return try await pipeline.send(endpoint)
    }

    /// The folders from the top of the project down to this one (`iconect_get_folder_path`).
    public func path(id: String, cache: CachePolicy? = nil) async throws -> FolderPath {
        try await pipeline.get(.getFolderPath, id: id, cache: cache)
    }
}

extension IconectClient {
    /// Folders.
    public nonisolated var folders: FoldersResource { FoldersResource(pipeline: pipeline) }
}
