/// Coding fields: `client.fields`.
///
/// ```swift
/// let field = try await client.fields.create(NewField(
///     name: "privilege", displayName: "Privilege", fieldType: .choice, dataType: .string, projectId: projectId,
///     choices: [FieldChoice("attorney-client"), FieldChoice("work-product"), FieldChoice("none")]))
/// let check = try await client.fields.validateValue(fieldId: field.id, value: "other")   // failedRules: choices
/// ```
public struct FieldsResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of a project's fields (`iconect_list_fields`).
    public func list(projectId: String, fieldType: FieldType? = nil, isRequired: Bool? = nil, isSystemField: Bool? = nil,
                     isSearchable: Bool? = nil, _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil)
        async throws -> Page<Field>
    {
        try await pipeline.list(.listFields, options, extra: Self.filters(projectId, fieldType, isRequired, isSystemField, isSearchable),
                                cache: cache)
    }

    /// Every field of a project, page after page (`iconect_list_fields`).
    public func paginate(projectId: String, fieldType: FieldType? = nil, isRequired: Bool? = nil, isSystemField: Bool? = nil,
                         isSearchable: Bool? = nil, _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Field> {
        pipeline.paginate(.listFields, options, extra: Self.filters(projectId, fieldType, isRequired, isSystemField, isSearchable),
                          prefetch: prefetch)
    }

    private static func filters(_ projectId: String, _ fieldType: FieldType?, _ isRequired: Bool?, _ isSystemField: Bool?,
                                _ isSearchable: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("fieldType", fieldType)
        query.add("isRequired", isRequired)
        query.add("isSystemField", isSystemField)
        query.add("isSearchable", isSearchable)
        return query
    }

    /// One field (`iconect_get_field`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> Field {
        try await pipeline.get(.getField, id: id, cache: cache)
    }

    /// Creates a field (`iconect_create_field`). The server refuses an unknown type, and a name the project already has.
    public func create(_ field: NewField) async throws -> Field {
        try Self.checkMaxLength(field.maxLength, operation: Route.createField.operation)
        return try await pipeline.create(.createField, field)
    }

    /// Changes a field (`iconect_update_field`).
    public func update(id: String, _ changes: FieldChanges) async throws -> Field {
        try Self.checkMaxLength(changes.maxLength, operation: Route.updateField.operation)
        return try await pipeline.update(.updateField, id: id, changes)
    }

    private static func checkMaxLength(_ maxLength: Int?, operation: String) throws {
        if let maxLength, maxLength < 1 {
            throw IconectError.invalidArgument("maxLength", "must be at least 1, got \(maxLength)", operation: operation)
        }
    }

    /// Removes a field (`iconect_delete_field`). A field that records or views use is refused with
    /// ``IconectError/Code/conflict`` unless `force` is set.
    public func delete(id: String, force: Bool? = nil) async throws {
        var query = QueryItems()
        query.add("force", force)
        try await pipeline.delete(.deleteField, id: id, query: query)
    }

    /// Checks a value against the field's type, length, choices and rules (`iconect_validate_field_value`), naming every
    /// rule it breaks. Changes nothing.
    public func validateValue(fieldId: String, value: JSONValue) async throws -> FieldValidation {
        let endpoint = try Endpoint(.validateFieldValue, path: ["fieldId": fieldId], json: ["value": value] as JSONValue)
        return try await pipeline.query(endpoint)
    }

    /// How many records carry a value for the field, and which views and panels use it (`iconect_get_field_usage`).
    /// Computed from the records, so it bypasses the cache unless `cache` asks for it.
    public func usage(fieldId: String, cache: CachePolicy? = nil) async throws -> FieldUsage {
        try await pipeline.get(.getFieldUsage, id: fieldId, name: "fieldId", cache: cache ?? .bypass)
    }

    /// Copies a field's definition into a project (`iconect_duplicate_field`), optionally renamed.
    public func duplicate(sourceFieldId: String, targetProjectId: String, newName: String? = nil, newDisplayName: String? = nil)
        async throws -> Field
    {
        let operation = Route.duplicateField.operation
        guard !sourceFieldId.isEmpty else { throw IconectError.invalidArgument("sourceFieldId", "must not be empty", operation: operation) }
        guard !targetProjectId.isEmpty else {
            throw IconectError.invalidArgument("targetProjectId", "must not be empty", operation: operation)
        }
        return try await pipeline.create(.duplicateField, DuplicateFieldRequest(
            sourceFieldId: sourceFieldId, targetProjectId: targetProjectId, newName: newName, newDisplayName: newDisplayName))
    }
}

extension IconectClient {
    /// Coding fields.
    public nonisolated var fields: FieldsResource { FieldsResource(pipeline: pipeline) }
}
