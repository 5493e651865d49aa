import HTTPTypes

/// Folder changes that reshape the tree: update (rename, re-parent), move, copy (with or without records) and delete
/// (recursive, or moving the contents first). Every check runs before anything changes.
extension EmulatorState {
    /// `PUT /folders/{id}`: a new `name` or `parentId` re-paths the subtree, as a move does.
    func updateFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("folders")
        let id = request.param("id")
        let folder = try requireObject("folders", id)
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(store.spec.createOnly).union(["path", "level"]) { body[key] = nil }
        try store.spec.validate(body, creating: false)
        try checkReferences(store.spec, body)
        let parentId = body.keys.contains("parentId") ? body["parentId"]?.stringValue : folder["parentId"]?.stringValue
        let name = body["name"]?.stringValue ?? folder["name"]?.stringValue ?? ""
        if parentId != folder["parentId"]?.stringValue || name != folder["name"]?.stringValue {
            try place(id, under: parentId, name: name, argument: "parentId")
        }
        let updated = store.update(id) { object in
            for key in ["description", "permissions", "metadata"] where body.keys.contains(key) {
                object[key] = body[key] == .null ? nil : body[key]
            }
            object["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
        }
        return .json(.object(updated ?? folder))
    }

    /// `POST /folders/{id}/move {newParentId?}`: under another folder of the project, or to the top.
    func moveFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let folder = try requireObject("folders", id)
        let body = try request.jsonObject()
        if let value = body["newParentId"], !value.isNull, value.stringValue == nil {
            throw APIError.validation("newParentId", "newParentId must be a folder id or null")
        }
        try place(id, under: body["newParentId"]?.stringValue, name: folder["name"]?.stringValue ?? "", argument: "newParentId")
        return .json(.object(try requireObject("folders", id)))
    }

    /// Puts folder `id` under `parentId` (nil: the top) as `name`, re-pathing its subtree. Moving a folder under itself or
    /// its own subtree is a conflict; so is a sibling of the same name.
    private func place(_ id: String, under parentId: String?, name: String, argument: String) throws(APIError) {
        let store = try requireStore("folders")
        let folder = try requireObject("folders", id)
        let projectId = folder["projectId"]?.stringValue ?? ""
        let children = folderChildren(inProject: projectId)
        var parent: [String: JSON]?
        if let parentId {
            let target = try requireObject("folders", parentId)
            guard target["projectId"]?.stringValue == projectId else {
                throw APIError.validation(argument, "Folder '\(parentId)' belongs to another project")
            }
            if subtree(id, children).contains(parentId) {
                throw APIError.conflict("Folder '\(id)' cannot move under '\(parentId)': that is the folder itself or inside it")
            }
            parent = target
        }
        try requireFreeName(name, parentId: parentId, projectId: projectId, except: id)
        _ = store.update(id) { object in
            object["parentId"] = parentId.map(JSON.string)
            object["name"] = .string(name)
            object["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
        }
        repath(id, parentPath: parent?["path"]?.stringValue ?? "", level: parent.map { ($0["level"]?.numberValue ?? 0) + 1 } ?? 0)
    }

    /// Sets `path` and `level` of a folder and of everything below it.
    private func repath(_ id: String, parentPath: String, level: Double) {
        guard level < 64, let store = store("folders"), let folder = store.update(id, { object in
            object["path"] = .string(parentPath + "/" + (object["name"]?.stringValue ?? ""))
            object["level"] = .number(level)
        }) else { return }
        let path = folder["path"]?.stringValue ?? ""
        for child in store.filter({ $0["parentId"]?.stringValue == id }) {
            repath(child["id"]?.stringValue ?? "", parentPath: path, level: level + 1)
        }
    }

    /// `POST /folders/{id}/copy {targetParentId?, newName?, includeContents?, targetProjectId?}`: the folder and its
    /// subtree (with copies of their records when `includeContents`); answers the new top folder with its `stats`.
    func copyFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("folders")
        let id = request.param("id")
        let source = try requireObject("folders", id)
        let body = try request.jsonObject()
        let sourceProject = source["projectId"]?.stringValue ?? ""
        let projectId = body["targetProjectId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? sourceProject
        guard self.store("projects")?.contains(projectId) == true else {
            throw APIError.validation("targetProjectId", "Project '\(projectId)' does not exist")
        }
        let sourceChildren = folderChildren(inProject: sourceProject)
        let folderIds = subtree(id, sourceChildren)
        var parentId = projectId == sourceProject ? source["parentId"]?.stringValue : nil
        if let target = body["targetParentId"]?.stringValue, !target.isEmpty {
            guard try requireObject("folders", target)["projectId"]?.stringValue == projectId else {
                throw APIError.validation("targetParentId", "Folder '\(target)' is not in project '\(projectId)'")
            }
            if folderIds.contains(target) { throw APIError.conflict("Folder '\(id)' cannot be copied into itself or its subtree") }
            parentId = target
        }
        let name = try copyName(body["newName"]?.stringValue, of: source, parentId: parentId, projectId: projectId)
        var parent: [String: JSON]?
        if let parentId { parent = try requireObject("folders", parentId) }
        var newIds: [String: String] = [:]
        for oldId in folderIds {
            guard var copy = store.get(oldId) else { continue }
            let newId = ids.next(store.spec.idPrefix)
            newIds[oldId] = newId
            let newParent = oldId == id ? parentId : copy["parentId"]?.stringValue.flatMap { newIds[$0] }
            let parentFolder = oldId == id ? parent : newParent.flatMap { store.get($0) }
            if oldId == id { copy["name"] = .string(name) }
            copy["id"] = .string(newId)
            copy["projectId"] = .string(projectId)
            copy["parentId"] = newParent.map(JSON.string)
            copy["path"] = .string((parentFolder?["path"]?.stringValue ?? "") + "/" + (copy["name"]?.stringValue ?? ""))
            copy["level"] = .number(parentFolder.map { ($0["level"]?.numberValue ?? 0) + 1 } ?? 0)
            copy["isSystem"] = false
            let stamp = JSON.string(ISODate.string(ISODate.nowSeconds))
            copy["createdDate"] = stamp
            copy["modifiedDate"] = stamp
            store.put(copy)
        }
        if body["includeContents"]?.boolValue == true { copyRecords(from: sourceProject, folders: newIds, to: projectId, actor: request.actor) }
        let newRoot = newIds[id] ?? ""
        var root = try requireObject("folders", newRoot)
        root["stats"] = folderStats(newRoot, folderChildren(inProject: projectId), recordCounts(inProject: projectId))
        return .json(.object(root), status: .created)
    }

    /// The name of a copy: `newName` (which must be free), else the source's, or "name (copy)", "name (copy 2)"...
    private func copyName(_ requested: String?, of source: [String: JSON], parentId: String?, projectId: String) throws(APIError) -> String {
        if let requested, !requested.isEmpty {
            try requireFreeName(requested, parentId: parentId, projectId: projectId, except: nil)
            return requested
        }
        let base = source["name"]?.stringValue ?? "Folder"
        let taken = Set((store("folders")?.filter {
            $0["projectId"]?.stringValue == projectId && $0["parentId"]?.stringValue == parentId
        } ?? []).compactMap { $0["name"]?.stringValue })
        guard taken.contains(base) else { return base }
        var number = 1
        while taken.contains(number == 1 ? "\(base) (copy)" : "\(base) (copy \(number))") { number += 1 }
        return number == 1 ? "\(base) (copy)" : "\(base) (copy \(number))"
    }

    /// Copies the records filed in the mapped folders into their copies (new ids, same document ids and coding).
    private func copyRecords(from sourceProject: String, folders newIds: [String: String], to projectId: String, actor: String) {
        let now = ISODate.nowSeconds
        for row in records.rows(inProject: sourceProject) where row.status != .deleted {
            guard let folderId = row.folderId, let target = newIds[folderId] else { continue }
            var copy = row
            copy.id = ids.next("rec")
            copy.projectId = projectId
            copy.folderId = target
            copy.createdDate = now
            copy.modifiedDate = now
            copy.createdBy = actor
            copy.modifiedBy = actor
            records.put(copy)
        }
    }

    /// `DELETE /folders/{id}?recursive=&moveContentsTo=`: an empty folder goes as it is; otherwise `moveContentsTo` moves
    /// its records and subfolders there first, and `recursive` removes the whole subtree (its records stay in the project,
    /// unfiled). A non-empty folder with neither is a conflict, and nothing is deleted.
    func deleteFolder(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("folders")
        let id = request.param("id")
        let folder = try requireObject("folders", id)
        let projectId = folder["projectId"]?.stringValue ?? ""
        let children = folderChildren(inProject: projectId)
        let below = subtree(id, children)
        let counts = recordCounts(inProject: projectId)
        let direct = children[id] ?? []
        if let target = request.query["moveContentsTo"], !target.isEmpty {
            guard try requireObject("folders", target)["projectId"]?.stringValue == projectId else {
                throw APIError.validation("moveContentsTo", "Folder '\(target)' belongs to another project")
            }
            if below.contains(target) {
                throw APIError.conflict("Folder '\(id)' cannot move its contents into itself or its own subtree ('\(target)')")
            }
            for child in direct {
                try requireFreeName(child["name"]?.stringValue ?? "", parentId: target, projectId: projectId, except: nil)
            }
            for child in direct {
                try place(child["id"]?.stringValue ?? "", under: target, name: child["name"]?.stringValue ?? "", argument: "moveContentsTo")
            }
            _ = records.updateAll(inProject: projectId) { row in
                guard row.folderId == id else { return false }
                row.folderId = target
                return true
            }
        } else if !direct.isEmpty || (counts[id] ?? 0) > 0 {
            guard request.query.bool("recursive") == true else {
                throw APIError.conflict("Folder '\(id)' holds \(direct.count) subfolders and \(counts[id] ?? 0) records; "
                                        + "pass recursive=true or moveContentsTo",
                                        details: ["subfolderCount": .number(Double(direct.count)),
                                                  "recordCount": .number(Double(counts[id] ?? 0))])
            }
            let removed = Set(below)
            _ = records.updateAll(inProject: projectId) { row in
                guard let folderId = row.folderId, removed.contains(folderId) else { return false }
                row.folderId = nil
                return true
            }
            for folderId in below.reversed() { store.remove(folderId) }
            return .noContent
        } else {
            // Empty but for deleted records: they stay in the project, unfiled, rather than pointing at no folder.
            _ = records.updateAll(inProject: projectId) { row in
                guard row.folderId == id else { return false }
                row.folderId = nil
                return true
            }
        }
        store.remove(id)
        return .noContent
    }
}
