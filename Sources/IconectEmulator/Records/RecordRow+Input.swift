extension RecordRow {
    /// Validation rules of record bodies (create and update), expressed as a collection row.
    static let spec = CollectionSpec(
        name: "records", path: "/records", kind: "Record", idPrefix: "rec",
        required: ["documentId", "projectId", "fields"],
        types: [
            "documentId": .string, "projectId": .string, "folderId": .string, "fields": .object,
            "fileIds": .stringArray, "tags": .stringArray, "priority": .string, "assignedTo": .string,
            "metadata": .object, "reviewStatus": .string, "status": .string,
        ],
        enums: [
            "priority": RecordPriority.allCases.map(\.rawValue),
            "status": RecordStatus.allCases.map(\.rawValue),
            "reviewStatus": ReviewStatus.allCases.map(\.rawValue),
        ],
        references: ["projectId": "projects"]
    )

    /// A new record from a validated create body.
    init(id: String, body: [String: JSON], actor: String, now: Int64) {
        self.init(
            id: id,
            documentId: body["documentId"]?.stringValue ?? id,
            projectId: body["projectId"]?.stringValue ?? "",
            folderId: nil, status: .active, priority: .normal, reviewStatus: nil, assignedTo: nil,
            tags: nil, fileIds: nil, fields: [], metadata: nil,
            createdDate: now, modifiedDate: now, createdBy: actor, modifiedBy: actor
        )
        apply(body, replaceFields: true)
    }

    /// A record from an object inserted as-is by a test; missing required properties get defaults.
    init(inserting object: [String: JSON], defaultProjectId: String, now: Int64) {
        let id = object["id"]?.stringValue ?? ""
        self.init(id: id, body: [:], actor: object["createdBy"]?.stringValue ?? "emulator", now: now)
        documentId = object["documentId"]?.stringValue ?? id
        projectId = object["projectId"]?.stringValue ?? defaultProjectId
        apply(object, replaceFields: true)
        if let created = object["createdDate"]?.stringValue.flatMap(ISODate.parse) { createdDate = Int64(created) }
        if let modified = object["modifiedDate"]?.stringValue.flatMap(ISODate.parse) { modifiedDate = Int64(modified) }
        if let by = object["modifiedBy"]?.stringValue { modifiedBy = by }
    }

    /// Applies the present members of a validated body; `fields` replaces or merges (a `null` member removes a key).
    mutating func apply(_ body: [String: JSON], replaceFields: Bool) {
        for (key, value) in body {
            switch key {
            case "documentId": if let text = value.stringValue { documentId = text }
            case "projectId": if let text = value.stringValue { projectId = text }
            case "folderId": folderId = value.stringValue
            case "status": if let parsed = value.stringValue.flatMap(RecordStatus.init) { status = parsed }
            case "priority": if let parsed = value.stringValue.flatMap(RecordPriority.init) { priority = parsed }
            case "reviewStatus": reviewStatus = value.stringValue.flatMap(ReviewStatus.init)
            case "assignedTo": assignedTo = value.stringValue
            case "tags": tags = value.arrayValue?.compactMap(\.stringValue)
            case "fileIds": fileIds = value.arrayValue?.compactMap(\.stringValue)
            case "metadata": metadata = value.isNull ? nil : value
            case "fields":
                guard let members = value.objectValue else { continue }
                if replaceFields { fields = [] }
                for name in members.keys.sorted() {
                    if let member = members[name] { setField(name, member) }
                }
            default: continue
            }
        }
    }
}
