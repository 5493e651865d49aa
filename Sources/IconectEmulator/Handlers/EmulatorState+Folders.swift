import HTTPTypes

/// Folders: a tree per project. `path` (`/Parent/Child`) and `level` follow the parent; names are unique among siblings.
/// Moves, copies and deletes: `EmulatorState+FolderChanges.swift`.
extension EmulatorState {
    static var folderRoutes: [Route] {
        [
            Route("GET", "/v1/folders") { state, request in try state.listFolders(request) },
            Route("POST", "/v1/folders") { state, request in try state.createFolder(request) },
            Route("GET", "/v1/folders/tree") { state, request in try state.folderTree(request) },
            Route("GET", "/v1/folders/{id}") { state, request in try state.getFolder(request) },
            Route("PUT", "/v1/folders/{id}") { state, request in try state.updateFolder(request) },
            Route("DELETE", "/v1/folders/{id}") { state, request in try state.deleteFolder(request) },
            Route("POST", "/v1/folders/{id}/move") { state, request in try state.moveFolder(request) },
            Route("POST", "/v1/folders/{id}/copy") { state, request in try state.copyFolder(request) },
            Route("GET", "/v1/folders/{id}/path") { state, request in try state.folderPath(request) },
        ]
    }

    /// The folders of a project by parent id (`""` for the top).
    func folderChildren(inProject projectId: String) -> [String: [[String: JSON]]] {
        let folders = store("folders")?.filter { $0["projectId"]?.stringValue == projectId } ?? []
        return Dictionary(grouping: folders) { $0["parentId"]?.stringValue ?? "" }
    }

    /// `id` and every folder below it, parents before children, at most `depth` levels below `id` (each folder once, even
    /// if objects inserted as they are form a cycle).
    func subtree(_ id: String, _ children: [String: [[String: JSON]]], depth: Int = .max) -> [String] {
        var result = [id]
        var seen: Set<String> = [id]
        var level = [id]
        var remaining = depth
        while !level.isEmpty, remaining > 0 {
            level = level.flatMap { (children[$0] ?? []).compactMap { $0["id"]?.stringValue } }.filter { seen.insert($0).inserted }
            result += level
            remaining -= 1
        }
        return result
    }

    /// Records per folder id in a project (deleted records not counted).
    func recordCounts(inProject projectId: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in records.rows(inProject: projectId) where row.status != .deleted {
            if let folderId = row.folderId { counts[folderId, default: 0] += 1 }
        }
        return counts
    }

    /// `{recordCount, totalRecordCount, subfolderCount, descendantCount}` of a folder.
    func folderStats(_ id: String, _ children: [String: [[String: JSON]]], _ counts: [String: Int]) -> JSON {
        let below = subtree(id, children)
        return [
            "recordCount": .number(Double(counts[id] ?? 0)),
            "totalRecordCount": .number(Double(below.reduce(0) { $0 + (counts[$1] ?? 0) })),
            "subfolderCount": .number(Double(children[id]?.count ?? 0)),
            "descendantCount": .number(Double(below.count - 1)),
        ]
    }

    /// `GET /folders?projectId=&parentId=&includeSubfolders=&depth=&isSystem=`: the children of `parentId` (the top folders
    /// without it); with `includeSubfolders`, the folders below them too, down to `depth` levels (1 to 10, default 10).
    func listFolders(_ request: APIRequest) throws(APIError) -> Reply {
        guard let projectId = request.query["projectId"], !projectId.isEmpty else {
            throw APIError.validation("projectId", "projectId is required")
        }
        let depth = try request.integer("depth", in: 1...10, default: 10)
        let parentId = request.query["parentId"].flatMap { $0.isEmpty ? nil : $0 }
        if let parentId {
            guard try requireObject("folders", parentId)["projectId"]?.stringValue == projectId else {
                throw APIError.validation("parentId", "Folder '\(parentId)' belongs to another project")
            }
        }
        let children = folderChildren(inProject: projectId)
        let base = parentId ?? ""
        let selected = Set(request.query.bool("includeSubfolders") == true
            ? subtree(base, children, depth: depth).dropFirst()
            : (children[base] ?? []).compactMap { $0["id"]?.stringValue }[...])
        return try listObjects("folders", request) { selected.contains($0["id"]?.stringValue ?? "") }
    }

    /// `GET /folders/{id}?includeAncestors=&includeChildren=&includeStats=`.
    func getFolder(_ request: APIRequest) throws(APIError) -> Reply {
        var folder = try requireObject("folders", request.param("id"))
        let id = request.param("id")
        let children = folderChildren(inProject: folder["projectId"]?.stringValue ?? "")
        if request.query.bool("includeAncestors") == true { folder["ancestors"] = .array(try ancestors(of: folder).map(JSON.object)) }
        if request.query.bool("includeChildren") == true { folder["children"] = .array((children[id] ?? []).map(JSON.object)) }
        if request.query.bool("includeStats") == true {
            folder["stats"] = folderStats(id, children, recordCounts(inProject: folder["projectId"]?.stringValue ?? ""))
        }
        return .json(.object(folder))
    }

    /// The folders above one, top first.
    func ancestors(of folder: [String: JSON]) throws(APIError) -> [[String: JSON]] {
        var chain: [[String: JSON]] = []
        var current = folder["parentId"]?.stringValue
        while let id = current, chain.count < 64 {
            let parent = try requireObject("folders", id)
            chain.insert(parent, at: 0)
            current = parent["parentId"]?.stringValue
        }
        return chain
    }

    func createFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("folders")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(["path", "level"]) { body[key] = nil }
        try store.spec.validate(body, creating: true)
        try checkReferences(store.spec, body)
        let name = body["name"]?.stringValue ?? ""
        let projectId = body["projectId"]?.stringValue ?? ""
        var parent: [String: JSON]?
        if let parentId = body["parentId"]?.stringValue { parent = try requireObject("folders", parentId) }
        if let parent, parent["projectId"]?.stringValue != projectId {
            throw APIError.validation("parentId", "The parent folder belongs to another project")
        }
        try requireFreeName(name, parentId: body["parentId"]?.stringValue, projectId: projectId, except: nil)
        body["path"] = .string((parent?["path"]?.stringValue ?? "") + "/" + name)
        body["level"] = .number(parent.map { ($0["level"]?.numberValue ?? 0) + 1 } ?? 0)
        let object = newObject(store.spec, body: body, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }

    /// A sibling with the same name is a conflict.
    func requireFreeName(_ name: String, parentId: String?, projectId: String, except id: String?) throws(APIError) {
        let clash = store("folders")?.filter {
            $0["projectId"]?.stringValue == projectId && $0["parentId"]?.stringValue == parentId && $0["name"]?.stringValue == name
                && $0["id"]?.stringValue != id
        }.first
        if let clash {
            throw APIError.conflict("A folder named '\(name)' already exists there (\(clash["id"]?.stringValue ?? ""))")
        }
    }

    /// `GET /folders/{id}/path`: `{folderId, path, folders}`, top first, the folder last.
    func folderPath(_ request: APIRequest) throws(APIError) -> Reply {
        let folder = try requireObject("folders", request.param("id"))
        let chain = try ancestors(of: folder) + [folder]
        return .json(["folderId": .string(request.param("id")), "path": folder["path"] ?? "/", "folders": .array(chain.map(JSON.object))])
    }

    /// `GET /folders/tree?projectId=&rootFolderId=&maxDepth=&includeStats=`: `{projectId, rootFolderId?, folders}`, each
    /// folder with nested `children` (and `stats`), `maxDepth` levels (1 to 20, default 20).
    func folderTree(_ request: APIRequest) throws(APIError) -> Reply {
        guard let projectId = request.query["projectId"], !projectId.isEmpty else {
            throw APIError.validation("projectId", "projectId is required")
        }
        let maxDepth = try request.integer("maxDepth", in: 1...20, default: 20)
        let children = folderChildren(inProject: projectId)
        let counts = request.query.bool("includeStats") == true ? recordCounts(inProject: projectId) : nil
        func node(_ folder: [String: JSON], depth: Int) -> JSON {
            var object = folder
            let id = folder["id"]?.stringValue ?? ""
            object["children"] = depth >= maxDepth ? .array([]) : .array((children[id] ?? []).map { node($0, depth: depth + 1) })
            if let counts { object["stats"] = folderStats(id, children, counts) }
            return .object(object)
        }
        let root = request.query["rootFolderId"] ?? ""
        var roots = children[""] ?? []
        if !root.isEmpty {
            let folder = try requireObject("folders", root)
            guard folder["projectId"]?.stringValue == projectId else {
                throw APIError.validation("rootFolderId", "Folder '\(root)' belongs to another project")
            }
            roots = [folder]
        }
        var reply: [String: JSON] = ["projectId": .string(projectId), "folders": .array(roots.map { node($0, depth: 1) })]
        if !root.isEmpty { reply["rootFolderId"] = .string(root) }
        return .json(.object(reply))
    }
}
