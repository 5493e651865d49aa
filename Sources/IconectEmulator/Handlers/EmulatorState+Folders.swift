import HTTPTypes

/// Folders: `path` and `level` follow the parent.
extension EmulatorState {
    func createFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("folders")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys { body[key] = nil }
        try store.spec.validate(body, creating: true)
        try checkReferences(store.spec, body)
        let name = body["name"]?.stringValue ?? ""
        if let parentId = body["parentId"]?.stringValue {
            let parent = try requireObject("folders", parentId)
            guard parent["projectId"] == body["projectId"] else {
                throw APIError.validation("parentId", "The parent folder belongs to another project")
            }
            body["path"] = .string((parent["path"]?.stringValue ?? "") + "/" + name)
            body["level"] = .number((parent["level"]?.numberValue ?? 0) + 1)
        } else {
            body["path"] = .string("/" + name)
            body["level"] = 0
        }
        let object = newObject(store.spec, body: body, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }

    /// Deletes a folder; with children it needs `recursive=true`.
    func deleteFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        _ = try requireObject("folders", id)
        let store = try requireStore("folders")
        let children = store.filter { $0["parentId"]?.stringValue == id }
        if !children.isEmpty, request.query.bool("recursive") != true {
            throw APIError.conflict("Folder '\(id)' has \(children.count) subfolders; pass recursive=true")
        }
        var pending = [id]
        while let next = pending.popLast() {
            pending += store.filter { $0["parentId"]?.stringValue == next }.compactMap { $0["id"]?.stringValue }
            store.remove(next)
        }
        return .noContent
    }

    /// `GET /folders/{id}/path`: the folder and its ancestors, root first.
    func folderPath(_ request: APIRequest) throws(APIError) -> Reply {
        var chain: [JSON] = []
        var current: String? = request.param("id")
        while let id = current, chain.count < 64 {
            let folder = try requireObject("folders", id)
            chain.insert(.object(folder), at: 0)
            current = folder["parentId"]?.stringValue
        }
        return .json(["folderId": .string(request.param("id")), "path": chain.last?["path"] ?? "/", "ancestors": .array(chain)])
    }

    /// `GET /folders/tree?projectId=&rootFolderId=&maxDepth=`: nested `children`.
    func folderTree(_ request: APIRequest) throws(APIError) -> Reply {
        guard let projectId = request.query["projectId"], !projectId.isEmpty else {
            throw APIError.validation("projectId", "projectId is required")
        }
        let maxDepth = request.query["maxDepth"].flatMap { Int($0) } ?? 20
        let folders = store("folders")?.filter { $0["projectId"]?.stringValue == projectId } ?? []
        let byParent = Dictionary(grouping: folders) { $0["parentId"]?.stringValue ?? "" }
        func node(_ folder: [String: JSON], depth: Int) -> JSON {
            var object = folder
            let id = folder["id"]?.stringValue ?? ""
            object["children"] = depth >= maxDepth ? .array([]) : .array((byParent[id] ?? []).map { node($0, depth: depth + 1) })
            return .object(object)
        }
        let root = request.query["rootFolderId"] ?? ""
        let roots = root.isEmpty ? (byParent[""] ?? []) : [try requireObject("folders", root)]
        return .json(["projectId": .string(projectId), "folders": .array(roots.map { node($0, depth: 1) })])
    }
}
