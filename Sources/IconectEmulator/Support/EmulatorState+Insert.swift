/// `EmulatorServer.insert(into:_:)`.
extension EmulatorState {
    func insert(into collection: String, _ object: [String: JSON]) throws {
        guard let id = object["id"]?.stringValue, !id.isEmpty else { throw EmulatorError.missingId }
        let now = ISODate.nowSeconds
        if collection == "records" {
            records.put(RecordRow(inserting: object, defaultProjectId: seed.projectId, now: now))
            return
        }
        guard let store = store(collection) else { throw EmulatorError.unknownCollection(collection) }
        var complete = store.spec.defaults
        let stamp = JSON.string(ISODate.string(now))
        complete["createdDate"] = stamp
        complete["modifiedDate"] = stamp
        for key in store.spec.required {
            complete[key] = Self.placeholder(for: key, type: store.spec.types[key], enumValues: store.spec.enums[key], seed: seed, id: id)
        }
        if collection == "files" {
            let seeded = seed
            let fileDefaults: [String: JSON] = [
                "name": .string(id), "originalName": .string(id), "path": .string("/" + id), "size": 0,
                "mimeType": "application/octet-stream", "projectId": .string(seeded.projectId),
                "fileStoreId": .string(seeded.fileStoreId), "status": "available", "uploadedBy": "emulator",
            ]
            complete.merge(fileDefaults) { current, _ in current }
        }
        for (key, value) in object { complete[key] = value }
        store.put(complete)
    }

    /// A plausible default for a required field.
    private static func placeholder(for key: String, type: CollectionSpec.ValueType?, enumValues: [String]?, seed: EmulatorSeed, id: String) -> JSON {
        if let first = enumValues?.first { return .string(first) }
        switch key {
        case "projectId": return .string(seed.projectId)
        case "clientId": return .string(seed.clientId)
        case "dataServerId": return .string(seed.dataServerId)
        case "fileStoreId": return .string(seed.fileStoreId)
        case "name", "displayName": return .string(id)
        case "url": return "https://example.com"
        case "path": return .string("/" + id)
        default: break
        }
        switch type {
        case .object: return .object([:])
        case .array, .stringArray: return .array([])
        case .number, .integer: return 0
        case .bool: return false
        default: return .string("")
        }
    }
}
