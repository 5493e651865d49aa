import HTTPTypes

/// What views, panels and dashboards share: queries from their definitions, data pages, exports, share links and copies.
extension EmulatorState {
    /// The query of a view: its `baseQuery`, with its `displayOptions.columns` when the query names no columns.
    func viewSpec(_ view: [String: JSON]) throws(APIError) -> ViewQuerySpec {
        var spec = try ViewQuerySpec(view["baseQuery"], argument: "baseQuery")
        if spec.columns == nil, let columns = view["displayOptions"]?["columns"]?.arrayValue {
            let names = columns.compactMap { $0.stringValue ?? $0["field"]?.stringValue }
            if !names.isEmpty {
                spec.columns = names
                spec.signature += "|columns:" + names.joined(separator: ",")
            }
        }
        return spec
    }

    /// The query of a panel's or widget's `configuration`: its own, narrowing the base query of the view its `viewId`
    /// names (filters added; sorting, grouping, aggregations and columns replaced when it has them). Answers the query
    /// and the project it runs over (the owner's, else the view's).
    func configurationSpec(_ configuration: JSON?, argument: String, projectId: String?) throws(APIError)
        -> (spec: ViewQuerySpec, projectId: String)
    {
        let own = try ViewQuerySpec(configuration, argument: argument)
        guard let viewId = configuration?["viewId"]?.stringValue, !viewId.isEmpty else {
            guard let projectId, !projectId.isEmpty else {
                throw APIError.validation("projectId", "A projectId (or a configuration.viewId) is needed to compute data")
            }
            return (own, projectId)
        }
        guard let view = store("views")?.get(viewId) else {
            throw APIError.validation(argument + ".viewId", "View '\(viewId)' does not exist")
        }
        var spec = try viewSpec(view)
        spec.signature += "|narrowed:" + own.signature
        spec.conditions += own.conditions
        if !own.sorting.isEmpty { spec.sorting = own.sorting }
        if own.isGrouped {
            spec.grouping = own.grouping
            spec.aggregations = own.aggregations
        }
        if let columns = own.columns { spec.columns = columns }
        return (spec, projectId.flatMap { $0.isEmpty ? nil : $0 } ?? view["projectId"]?.stringValue ?? "")
    }

    /// One page of rows in the list envelope.
    func dataReply(_ result: ViewResult, paging: Paging) -> Reply {
        let window = paging.range(total: result.count)
        return .json(paging.envelope(total: result.count) { writer in
            for row in result.objects(window) { writer.value(.object(row)) }
        })
    }

    /// `includeData` / `dataLimit` (1 to 1,000, default 100) of a get: the rows to embed as `data`, or nil.
    func embeddedRows(_ request: APIRequest, _ compute: () throws(APIError) -> ViewResult) throws(APIError) -> JSON? {
        let limit = try request.integer("dataLimit", in: 1...1000, default: 100)
        guard request.query.bool("includeData") == true else { return nil }
        let result = try compute()
        return .array(result.objects(0..<min(limit, result.count)).map(JSON.object))
    }

    /// An export envelope `{format, contentType, fileName, rowCount, encoding, content}` of rows (csv, json) or, with
    /// `definition`, of a definition (json). xlsx, pdf and png are refused with 422 `UNSUPPORTED_FORMAT`, naming `format`.
    func exportReply(_ body: [String: JSON], allowed: [String], name: String, rows: () throws(APIError) -> ViewResult?,
                     definition: JSON? = nil) throws(APIError) -> Reply {
        guard let format = body["format"]?.stringValue, !format.isEmpty else { throw APIError.validation("format", "format is required") }
        guard allowed.contains(format) else {
            throw APIError.validation("format", "format must be one of: \(allowed.joined(separator: ", "))")
        }
        var limit = 10_000
        if let value = body["limit"], !value.isNull {
            guard let number = value.intValue, (1...10_000).contains(number) else {
                throw APIError.validation("limit", "limit must be an integer from 1 to 10000")
            }
            limit = number
        }
        guard format == "csv" || format == "json" else {
            var error = APIError.validation("format", "The emulator renders csv and json; \(format) needs a real deployment")
            error.status = .unprocessableContent
            error.code = "UNSUPPORTED_FORMAT"
            throw error
        }
        var envelope: [String: JSON] = ["format": .string(format), "encoding": "utf8", "fileName": .string(name + "." + format)]
        if let result = try rows() {
            let objects = result.objects(0..<min(limit, result.count))
            envelope["rowCount"] = .number(Double(objects.count))
            envelope["content"] = .string(format == "csv" ? CSVText.render(columns: result.columns, rows: objects)
                                                          : JSON.array(objects.map(JSON.object)).compactText)
        } else if let definition, format == "json" {
            envelope["content"] = .string(definition.compactText)
        } else {
            throw APIError.validation("includeData", "A csv export holds data rows; export the definition as json")
        }
        envelope["contentType"] = format == "csv" ? "text/csv; charset=utf-8" : "application/json"
        return .json(.object(envelope))
    }

    /// Creates a share link of a view or dashboard, keeps it as the object's `sharing`, and answers it (201).
    func shareReply(_ collection: String, kind: String, id: String, options: [String: JSON], actor: String) throws(APIError) -> Reply {
        let store = try requireStore(collection)
        guard store.contains(id) else { throw APIError.notFound(store.spec.kind, id) }
        if let value = options["expiresAt"], !value.isNull {
            guard let text = value.stringValue, let instant = ISODate.parse(text) else {
                throw APIError.validation("expiresAt", "expiresAt must be an ISO-8601 date-time")
            }
            guard instant > ISODate.now else { throw APIError.validation("expiresAt", "expiresAt is in the past; a share must expire later") }
        }
        let token = TokenService.randomToken(bytes: 18)
        var share = options
        share["id"] = .string(ids.next("shr"))
        share["resourceType"] = .string(kind)
        share["resourceId"] = .string(id)
        share["token"] = .string(token)
        share["url"] = .string("\(baseURL)/shared/\(kind)s/\(token)")
        share["createdDate"] = .string(ISODate.string(ISODate.nowSeconds))
        share["createdBy"] = .string(actor)
        _ = store.update(id) { $0["sharing"] = .object(share) }
        return .json(.object(share), status: .created)
    }

    /// `POST /{area}/{id}/duplicate {newName, newDisplayName?, targetProjectId?, targetFolderId?}`: a copy with a new id;
    /// `adjust` changes the copy further (new widget ids).
    func duplicateDefinition(_ name: String, _ request: APIRequest, adjust: (inout [String: JSON]) -> Void = { _ in })
        throws(APIError) -> Reply
    {
        let store = try requireStore(name)
        var copy = try requireObject(name, request.param("id"))
        let body = try request.jsonObject()
        guard let newName = body["newName"]?.stringValue, !newName.isEmpty else {
            throw APIError.validation("newName", "newName is required")
        }
        copy["name"] = .string(newName)
        if let displayName = body["newDisplayName"]?.stringValue { copy["displayName"] = .string(displayName) }
        if let project = body["targetProjectId"]?.stringValue, !project.isEmpty {
            guard self.store("projects")?.contains(project) == true else {
                throw APIError.validation("targetProjectId", "Project '\(project)' does not exist")
            }
            copy["projectId"] = .string(project)
        }
        if let folder = body["targetFolderId"]?.stringValue, !folder.isEmpty {
            guard self.store("folders")?.contains(folder) == true else {
                throw APIError.validation("targetFolderId", "Folder '\(folder)' does not exist")
            }
            copy["folderId"] = .string(folder)
        }
        if copy["isSystem"] != nil { copy["isSystem"] = false }
        if copy["isDefault"] != nil { copy["isDefault"] = false }
        copy["sharing"] = nil
        adjust(&copy)
        let object = newObject(store.spec, body: copy, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }
}
