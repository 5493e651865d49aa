/// A record, stored compactly: typed top-level properties, `fields` as an array of pairs, dates as seconds.
struct RecordRow: Sendable {
    var id: String
    var documentId: String
    var projectId: String
    var folderId: String?
    var status: RecordStatus
    var priority: RecordPriority
    var reviewStatus: ReviewStatus?
    var assignedTo: String?
    var tags: [String]?
    var fileIds: [String]?
    var fields: [FieldEntry]
    var metadata: JSON?
    var createdDate: Int64
    var modifiedDate: Int64
    var createdBy: String
    var modifiedBy: String
    /// How many times the record was changed since it was created (not on the wire): lets tests prove a change was
    /// applied exactly once.
    var revision: Int32 = 0

    /// Optional top-level keys that `fields=` selection drops unless named.
    static let optionalKeys: Set<String> = ["folderId", "reviewStatus", "assignedTo", "tags", "fileIds", "metadata"]
    /// Every top-level key.
    static let topLevelKeys: Set<String> = [
        "id", "documentId", "projectId", "folderId", "status", "priority", "reviewStatus", "assignedTo", "tags",
        "fileIds", "fields", "metadata", "createdDate", "modifiedDate", "createdBy", "modifiedBy",
    ]

    /// What a removed slot holds (it keeps no memory alive).
    static let removed = RecordRow(
        id: "", documentId: "", projectId: "", folderId: nil, status: .deleted, priority: .normal, reviewStatus: nil,
        assignedTo: nil, tags: nil, fileIds: nil, fields: [], metadata: nil, createdDate: 0, modifiedDate: 0,
        createdBy: "", modifiedBy: ""
    )

    func field(_ key: String) -> JSON? {
        for entry in fields where entry.key == key { return entry.value }
        return nil
    }

    /// Sets (or with `.null`, removes) a member of `fields`.
    mutating func setField(_ key: String, _ value: JSON) {
        if let index = fields.firstIndex(where: { $0.key == key }) {
            if value == .null { fields.remove(at: index) } else { fields[index].value = value }
        } else if value != .null {
            fields.append(FieldEntry(key: key, value: value))
        }
    }

    /// The value a filter or sort sees for `key`: a top-level property, else a member of `fields` (`fields.x` also works).
    func probe(_ key: String) -> FieldProbe {
        probe(RecordKey(key))
    }

    /// The value a filter or sort sees for a resolved key.
    func probe(_ key: RecordKey) -> FieldProbe {
        switch key {
        case .id: return .json(.string(id))
        case .documentId: return .json(.string(documentId))
        case .projectId: return .json(.string(projectId))
        case .folderId: return folderId.map { .json(.string($0)) } ?? .missing
        case .status: return .json(.string(status.rawValue))
        case .priority: return .json(.string(priority.rawValue))
        case .reviewStatus: return reviewStatus.map { .json(.string($0.rawValue)) } ?? .missing
        case .assignedTo: return assignedTo.map { .json(.string($0)) } ?? .missing
        case .tags: return tags.map(FieldProbe.strings) ?? .missing
        case .fileIds: return fileIds.map(FieldProbe.strings) ?? .missing
        case .metadata: return metadata.map(FieldProbe.json) ?? .missing
        case .createdDate: return .instant(createdDate)
        case .modifiedDate: return .instant(modifiedDate)
        case .createdBy: return .json(.string(createdBy))
        case .modifiedBy: return .json(.string(modifiedBy))
        case .field(let name): return field(name).map(FieldProbe.json) ?? .missing
        }
    }
}

/// A record key resolved once per query, so scanning a million rows does not compare key strings.
enum RecordKey: Sendable, Equatable {
    case id, documentId, projectId, folderId, status, priority, reviewStatus, assignedTo, tags, fileIds, metadata
    case createdDate, modifiedDate, createdBy, modifiedBy
    case field(String)

    init(_ key: String) {
        switch key {
        case "id": self = .id
        case "documentId": self = .documentId
        case "projectId": self = .projectId
        case "folderId": self = .folderId
        case "status": self = .status
        case "priority": self = .priority
        case "reviewStatus": self = .reviewStatus
        case "assignedTo": self = .assignedTo
        case "tags": self = .tags
        case "fileIds": self = .fileIds
        case "metadata": self = .metadata
        case "createdDate": self = .createdDate
        case "modifiedDate": self = .modifiedDate
        case "createdBy": self = .createdBy
        case "modifiedBy": self = .modifiedBy
        default: self = .field(key.hasPrefix("fields.") ? String(key.dropFirst(7)) : key)
        }
    }
}
