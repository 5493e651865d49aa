import HTTPTypes
/// Records: CRUD and search.
extension EmulatorState {
    func requireRecord(_ id: String) throws(APIError) -> RecordRow {
        guard let row = records.get(id) else { throw APIError.notFound("Record", id) }
        return row
    }

    func createRecord(_ request: APIRequest) throws(APIError) -> Reply {
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys { body[key] = nil }
        try RecordRow.spec.validate(body, creating: true)
        try checkReferences(RecordRow.spec, body)
        let row = RecordRow(id: ids.next("rec"), body: body, actor: request.actor, now: ISODate.nowSeconds)
        records.put(row)
        return .json(row.encoded(), status: .created)
    }

    func getRecord(_ request: APIRequest) throws(APIError) -> Reply {
        let row = try requireRecord(request.param("id"))
        var extra: [String: JSON] = [:]
        if request.query.bool("includeFiles") == true {
            let files = (row.fileIds ?? []).compactMap { store("files")?.get($0) }.map(JSON.object)
            extra["files"] = .array(files)
        }
        if request.query.bool("includeRelationships") == true {
            extra["relationships"] = .array(relationships(of: row.id, type: nil).map(JSON.object))
        }
        return .json(row.encoded(extra: extra))
    }

    func updateRecord(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(["projectId", "documentId"]) { body[key] = nil }
        _ = try requireRecord(id)
        try RecordRow.spec.validate(body, creating: false)
        let actor = request.actor
        let now = ISODate.nowSeconds
        guard let row = records.update(id, { row in
            row.apply(body, replaceFields: false)
            row.modifiedDate = max(now, row.modifiedDate)
            row.modifiedBy = actor
        }) else { throw APIError.notFound("Record", id) }
        return .json(row.encoded())
    }

    /// Soft delete (status `deleted`); `?permanent=true` removes the record.
    func deleteRecord(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        if request.query.bool("permanent") == true {
            guard records.remove(id) != nil else { throw APIError.notFound("Record", id) }
            return .noContent
        }
        let actor = request.actor
        let now = ISODate.nowSeconds
        guard records.update(id, { row in
            row.status = .deleted
            row.modifiedDate = max(now, row.modifiedDate)
            row.modifiedBy = actor
        }) != nil else { throw APIError.notFound("Record", id) }
        return .noContent
    }

    func searchRecords(_ request: APIRequest) throws(APIError) -> Reply {
        let paging = try Paging(request.query, maxPageSize: 1000)
        let query = try RecordQuery(request.query, paging: paging)
        guard store("projects")?.contains(query.projectId) ?? false else { throw APIError.notFound("Project", query.projectId) }
        let result = records.search(query) { paging.range(total: $0) }
        let projection = query.projection
        let body = paging.envelope(total: result.total, capacity: 128 + result.rows.count * 640) { writer in
            for row in result.rows { row.write(to: &writer, projection: projection) }
        }
        return .json(body)
    }
}
