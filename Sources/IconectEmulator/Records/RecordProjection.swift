/// Which keys of a record to write: everything, or the `fields=` selection of a search.
struct RecordProjection: Sendable {
    /// Named keys; nil writes everything.
    let selected: Set<String>?

    static let full = RecordProjection(selected: nil)

    init(selected: Set<String>?) {
        self.selected = selected.map { names in
            Set(names.map { $0.hasPrefix("fields.") ? String($0.dropFirst(7)) : $0 })
        }
    }

    func includesOptional(_ key: String) -> Bool {
        selected?.contains(key) ?? true
    }

    func includesField(_ key: String) -> Bool {
        selected?.contains(key) ?? true
    }
}

extension RecordRow {
    /// Writes the record as a CONTRACT Record object.
    func write(to writer: inout JSONWriter, projection: RecordProjection = .full, extra: [String: JSON] = [:]) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("documentId")
        writer.string(documentId)
        writer.key("projectId")
        writer.string(projectId)
        if let folderId, projection.includesOptional("folderId") {
            writer.key("folderId")
            writer.string(folderId)
        }
        writer.key("status")
        writer.string(status.rawValue)
        writer.key("priority")
        writer.string(priority.rawValue)
        if let reviewStatus, projection.includesOptional("reviewStatus") {
            writer.key("reviewStatus")
            writer.string(reviewStatus.rawValue)
        }
        if let assignedTo, projection.includesOptional("assignedTo") {
            writer.key("assignedTo")
            writer.string(assignedTo)
        }
        if let tags, projection.includesOptional("tags") {
            writer.key("tags")
            writer.stringArray(tags)
        }
        if let fileIds, projection.includesOptional("fileIds") {
            writer.key("fileIds")
            writer.stringArray(fileIds)
        }
        writer.key("fields")
        writer.beginObject()
        for entry in fields where projection.includesField(entry.key) {
            writer.key(entry.key)
            writer.value(entry.value)
        }
        writer.endObject()
        if let metadata, projection.includesOptional("metadata") {
            writer.key("metadata")
            writer.value(metadata)
        }
        writer.key("createdDate")
        writer.date(createdDate)
        writer.key("modifiedDate")
        writer.date(modifiedDate)
        writer.key("createdBy")
        writer.string(createdBy)
        writer.key("modifiedBy")
        writer.string(modifiedBy)
        for key in extra.keys.sorted() {
            writer.key(key)
            if let value = extra[key] { writer.value(value) }
        }
        writer.endObject()
    }

    /// The record as serialized bytes.
    func encoded(extra: [String: JSON] = [:]) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        write(to: &writer, extra: extra)
        return writer.bytes
    }
}
