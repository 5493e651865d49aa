import HTTPTypes

/// Fields: one name per project, definitions whose rules can run, value checks, usage, and deletes that protect used
/// fields unless forced.
extension EmulatorState {
    static var fieldRoutes: [Route] {
        [
            Route("GET", "/v1/fields") { state, request in try state.listFields(request) },
            Route("POST", "/v1/fields") { state, request in try state.createField(request) },
            Route("PUT", "/v1/fields/{id}") { state, request in try state.updateField(request) },
            Route("DELETE", "/v1/fields/{id}") { state, request in try state.deleteField(request) },
            Route("POST", "/v1/fields/duplicate") { state, request in try state.duplicateField(request) },
            Route("POST", "/v1/fields/{fieldId}/validate") { state, request in try state.validateFieldValue(request) },
            Route("GET", "/v1/fields/{fieldId}/usage") { state, request in try state.fieldUsage(request) },
        ]
    }

    func listFields(_ request: APIRequest) throws(APIError) -> Reply {
        guard let projectId = request.query["projectId"], !projectId.isEmpty else {
            throw APIError.validation("projectId", "projectId is required")
        }
        return try listObjects("fields", request)
    }

    func createField(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        try checkFieldDefinition(body)
        let (projectId, name) = (body["projectId"]?.stringValue ?? "", body["name"]?.stringValue ?? "")
        try requireUniqueField(name, in: projectId)
        return try createObject("fields", request)
    }

    func updateField(_ request: APIRequest) throws(APIError) -> Reply {
        try checkFieldDefinition(try request.jsonObject())
        return try updateObject("fields", request)
    }

    private func checkFieldDefinition(_ body: [String: JSON]) throws(APIError) {
        let errors = FieldValueValidator.definitionErrors(body)
        if !errors.isEmpty { throw APIError.validation(errors, message: errors.values.first?.first ?? "The field is invalid") }
    }

    private func requireUniqueField(_ name: String, in projectId: String) throws(APIError) {
        let clash = store("fields")?.filter { $0["projectId"]?.stringValue == projectId && $0["name"]?.stringValue == name } ?? []
        if !name.isEmpty, let existing = clash.first?["id"]?.stringValue {
            throw APIError.conflict("Project '\(projectId)' already has a field named '\(name)' (\(existing))")
        }
    }

    /// `DELETE /fields/{id}?force=`: a system field never goes; a used one only with `force` (record values stay).
    func deleteField(_ request: APIRequest) throws(APIError) -> Reply {
        let field = try requireObject("fields", request.param("id"))
        if field["isSystemField"]?.boolValue == true {
            throw APIError.conflict("Field '\(request.param("id"))' is a system field and cannot be deleted")
        }
        let found = usage(of: field)
        let used = (found["recordCount"]?.intValue ?? 0) > 0 || found["views"]?.arrayValue?.isEmpty == false
            || found["panels"]?.arrayValue?.isEmpty == false
        if used, request.query.bool("force") != true {
            throw APIError.conflict("Field '\(request.param("id"))' is in use; pass force=true to delete it anyway", details: .object(found))
        }
        return try deleteObject("fields", request)
    }

    /// `POST /fields/{fieldId}/validate {value}` → `{fieldId, valid, failedRules: [{rule, message}]}`.
    func validateFieldValue(_ request: APIRequest) throws(APIError) -> Reply {
        let field = try requireObject("fields", request.param("fieldId"))
        let body = try request.jsonObject()
        guard let value = body["value"] else { throw APIError.validation("value", "value is required (null checks a required field)") }
        let failures = FieldValueValidator(field: field).failures(of: value)
        return .json([
            "fieldId": .string(request.param("fieldId")), "valid": .bool(failures.isEmpty),
            "failedRules": .array(failures.map { ["rule": .string($0.rule), "message": .string($0.message)] }),
        ])
    }

    func fieldUsage(_ request: APIRequest) throws(APIError) -> Reply {
        .json(.object(usage(of: try requireObject("fields", request.param("fieldId")))))
    }

    /// `{fieldId, fieldName, recordCount, totalRecords, views: [{id, name}], panels: [{id, name}]}`.
    private func usage(of field: [String: JSON]) -> [String: JSON] {
        let name = field["name"]?.stringValue ?? ""
        let projectId = field["projectId"]?.stringValue ?? ""
        let key = RecordKey(name)
        let rows = records.rows(inProject: projectId)
        let carrying = rows.filter { row in
            if case .json(let value) = row.probe(key) { return !value.isNull }
            return false
        }.count
        func users(_ collection: String, _ keys: [String]) -> JSON {
            .array((store(collection)?.filter { object in
                object["projectId"]?.stringValue == projectId && keys.contains { Self.mentions(object[$0], name) }
            } ?? []).map { ["id": $0["id"] ?? .null, "name": $0["name"] ?? .null] })
        }
        return [
            "fieldId": field["id"] ?? .null, "fieldName": .string(name), "recordCount": .number(Double(carrying)),
            "totalRecords": .number(Double(rows.count)), "views": users("views", ["baseQuery", "displayOptions"]),
            "panels": users("panels", ["configuration", "layout"]),
        ]
    }

    /// Whether a JSON value names the field: as a string (`custodian`, `fields.custodian`) or as a member name.
    static func mentions(_ value: JSON?, _ name: String) -> Bool {
        switch value {
        case .string(let text)?: return text == name || text == "fields." + name
        case .array(let items)?: return items.contains { mentions($0, name) }
        case .object(let members)?: return members.keys.contains(name) || members.values.contains { mentions($0, name) }
        default: return false
        }
    }

    /// `POST /fields/duplicate {sourceFieldId, targetProjectId, newName?, newDisplayName?}`; the name must be free there.
    func duplicateField(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let source = body["sourceFieldId"]?.stringValue ?? ""
        let project = body["targetProjectId"]?.stringValue ?? ""
        if source.isEmpty { errors.add("sourceFieldId", "sourceFieldId is required") }
        if project.isEmpty { errors.add("targetProjectId", "targetProjectId is required") }
        try errors.throwIfAny()
        var copy = try requireObject("fields", source)
        try checkReferences(CollectionSpec.fields, ["projectId": .string(project)])
        copy["projectId"] = .string(project)
        if let name = body["newName"]?.stringValue, !name.isEmpty { copy["name"] = .string(name) }
        if let displayName = body["newDisplayName"]?.stringValue { copy["displayName"] = .string(displayName) }
        copy["isSystemField"] = false
        try requireUniqueField(copy["name"]?.stringValue ?? "", in: project)
        let store = try requireStore("fields")
        let object = newObject(store.spec, body: copy, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }
}
