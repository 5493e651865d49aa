import HTTPTypes
/// The generic, table-driven CRUD engine behind every ``CollectionSpec`` row.
extension EmulatorState {
    /// The routes a spec asks for.
    static func collectionRoutes(_ spec: CollectionSpec) -> [Route] {
        let base = "/v1" + spec.path
        var routes: [Route] = []
        let name = spec.name
        if spec.operations.contains(.list) {
            routes.append(Route("GET", base) { state, request in try state.listObjects(name, request) })
        }
        if spec.operations.contains(.create) {
            routes.append(Route("POST", base) { state, request in try state.createObject(name, request) })
        }
        if spec.operations.contains(.get) {
            routes.append(Route("GET", base + "/{id}") { state, request in try state.getObject(name, request) })
        }
        if spec.operations.contains(.update) {
            routes.append(Route("PUT", base + "/{id}") { state, request in try state.updateObject(name, request) })
        }
        if spec.operations.contains(.delete) {
            routes.append(Route("DELETE", base + "/{id}") { state, request in try state.deleteObject(name, request) })
        }
        return routes
    }

    func requireStore(_ name: String) throws(APIError) -> DocumentStore {
        guard let store = store(name) else { throw APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "No collection \(name)") }
        return store
    }

    /// An object by id, or 404.
    func requireObject(_ name: String, _ id: String) throws(APIError) -> [String: JSON] {
        let store = try requireStore(name)
        guard let object = store.get(id) else { throw APIError.notFound(store.spec.kind, id) }
        return object
    }

    func listObjects(_ name: String, _ request: APIRequest, extraFilter: (([String: JSON]) -> Bool)? = nil) throws(APIError) -> Reply {
        let store = try requireStore(name)
        let spec = store.spec
        let paging = try Paging(request.query, maxPageSize: spec.maxPageSize)
        let conditions = try FilterCondition.parse(request.query)
        var equalities: [(key: String, operand: FilterCondition)] = []
        for (parameter, key) in spec.filterKeys {
            guard let value = request.query[parameter], !value.isEmpty else { continue }
            equalities.append((key, try FilterCondition.parse(name: "filter." + key, value: value)))
        }
        let text = spec.textSearch.flatMap { search in request.query[search.parameter].map { (search.keys, $0.lowercased()) } }
        var objects = store.filter { object in
            for (key, condition) in equalities where !condition.matches(Self.probe(object, key)) { return false }
            for condition in conditions where !condition.matches(Self.probe(object, condition.key)) { return false }
            if let (keys, needle) = text, !needle.isEmpty {
                guard keys.contains(where: { object[$0]?.stringValue?.lowercased().contains(needle) ?? false }) else { return false }
            }
            return extraFilter?(object) ?? true
        }
        if let sortBy = paging.sortBy {
            let keyed = objects.enumerated().map { (key: SortKey(Self.probe($0.element, sortBy)), offset: $0.offset, object: $0.element) }
            objects = keyed.sorted { lhs, rhs in
                lhs.key.precedes(rhs.key, descending: paging.descending) ?? (lhs.offset < rhs.offset)
            }.map(\.object)
        }
        let window = paging.range(total: objects.count)
        let body = paging.envelope(total: objects.count) { writer in
            for object in objects[window] { writer.value(.object(object)) }
        }
        return .json(body)
    }

    static func probe(_ object: [String: JSON], _ key: String) -> FieldProbe {
        if let value = object[key] { return .json(value) }
        var current: JSON? = .object(object)
        for part in key.split(separator: ".") { current = current?[String(part)] }
        return current.map(FieldProbe.json) ?? .missing
    }

    func getObject(_ name: String, _ request: APIRequest) throws(APIError) -> Reply {
        .json(.object(try requireObject(name, request.param("id"))))
    }

    /// Checks that referenced ids exist (`projectId` → projects …).
    func checkReferences(_ spec: CollectionSpec, _ body: [String: JSON]) throws(APIError) {
        var errors = ValidationErrors()
        for (key, collection) in spec.references {
            guard let id = body[key]?.stringValue, !id.isEmpty else { continue }
            let exists = collection == "records" ? records.contains(id) : (store(collection)?.contains(id) ?? false)
            if !exists {
                errors.add(key, "\(store(collection)?.spec.kind ?? "Object") '\(id)' does not exist")
            }
        }
        try errors.throwIfAny()
    }

    func createObject(_ name: String, _ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore(name)
        let spec = store.spec
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys { body[key] = nil }
        try spec.validate(body, creating: true)
        try checkReferences(spec, body)
        let object = newObject(spec, body: body, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }

    /// A new object: defaults, then the body, then server-owned keys.
    func newObject(_ spec: CollectionSpec, body: [String: JSON], actor: String) -> [String: JSON] {
        var object = spec.defaults
        for (key, value) in body where value != .null { object[key] = value }
        let stamp = JSON.string(ISODate.string(ISODate.nowSeconds))
        object["id"] = .string(ids.next(spec.idPrefix))
        object["createdDate"] = stamp
        object["modifiedDate"] = stamp
        if spec.defaults["createdBy"] != nil { object["createdBy"] = .string(actor) }
        return object
    }

    func updateObject(_ name: String, _ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore(name)
        let spec = store.spec
        let id = request.param("id")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(spec.createOnly) { body[key] = nil }
        guard store.contains(id) else { throw APIError.notFound(spec.kind, id) }
        try spec.validate(body, creating: false)
        try checkReferences(spec, body)
        let updated = store.update(id) { object in
            for (key, value) in body {
                if value == .null, !spec.required.contains(key) { object[key] = nil } else if value != .null { object[key] = value }
            }
            object["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
        }
        guard let updated else { throw APIError.notFound(spec.kind, id) }
        return .json(.object(updated))
    }

    func deleteObject(_ name: String, _ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore(name)
        let id = request.param("id")
        guard store.remove(id) != nil else { throw APIError.notFound(store.spec.kind, id) }
        return .noContent
    }
}
