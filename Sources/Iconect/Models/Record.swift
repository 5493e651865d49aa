import Foundation

/// A document under review: its coding fields, tags, assignment and review state.
public struct Record: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// The document's control number (Bates or DOCID).
    public var documentId: String?
    public var projectId: String?
    public var folderId: String?
    public var status: RecordStatus?
    /// The coding fields, by field name.
    public var fields: [String: JSONValue]
    public var fileIds: [String]?
    public var tags: [String]?
    public var priority: Priority?
    public var assignedTo: String?
    public var reviewStatus: ReviewStatus?
    public var metadata: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
    public var createdBy: String?
    public var modifiedBy: String?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        documentId = try container.decodeIfPresent(String.self, forKey: .documentId)
        projectId = try container.decodeIfPresent(String.self, forKey: .projectId)
        folderId = try container.decodeIfPresent(String.self, forKey: .folderId)
        status = try container.decodeIfPresent(RecordStatus.self, forKey: .status)
        fields = try container.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
        fileIds = try container.decodeIfPresent([String].self, forKey: .fileIds)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        priority = try container.decodeIfPresent(Priority.self, forKey: .priority)
        assignedTo = try container.decodeIfPresent(String.self, forKey: .assignedTo)
        reviewStatus = try container.decodeIfPresent(ReviewStatus.self, forKey: .reviewStatus)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        createdDate = try container.decodeIfPresent(Date.self, forKey: .createdDate)
        modifiedDate = try container.decodeIfPresent(Date.self, forKey: .modifiedDate)
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        modifiedBy = try container.decodeIfPresent(String.self, forKey: .modifiedBy)
    }
}

/// The fields of a new record.
public struct NewRecord: Encodable, Sendable, Hashable {
    public var documentId: String
    public var projectId: String
    public var folderId: String?
    public var fields: [String: JSONValue]
    public var fileIds: [String]?
    public var tags: [String]?
    public var priority: Priority?
    public var assignedTo: String?
    public var metadata: [String: JSONValue]?

    public init(documentId: String, projectId: String, fields: [String: JSONValue], folderId: String? = nil,
                fileIds: [String]? = nil, tags: [String]? = nil, priority: Priority? = nil, assignedTo: String? = nil,
                metadata: [String: JSONValue]? = nil) {
        self.documentId = documentId
        self.projectId = projectId
        self.fields = fields
        self.folderId = folderId
        self.fileIds = fileIds
        self.tags = tags
        self.priority = priority
        self.assignedTo = assignedTo
        self.metadata = metadata
    }
}

/// Changes to a record; `nil` leaves a property as it is. `fields` are merged into the record's fields.
public struct RecordChanges: Encodable, Sendable, Hashable {
    public var fields: [String: JSONValue]?
    public var fileIds: [String]?
    public var tags: [String]?
    public var priority: Priority?
    public var assignedTo: String?
    public var folderId: String?
    public var reviewStatus: ReviewStatus?
    public var metadata: [String: JSONValue]?

    public init(fields: [String: JSONValue]? = nil, fileIds: [String]? = nil, tags: [String]? = nil, priority: Priority? = nil,
                assignedTo: String? = nil, folderId: String? = nil, reviewStatus: ReviewStatus? = nil,
                metadata: [String: JSONValue]? = nil) {
        self.fields = fields
        self.fileIds = fileIds
        self.tags = tags
        self.priority = priority
        self.assignedTo = assignedTo
        self.folderId = folderId
        self.reviewStatus = reviewStatus
        self.metadata = metadata
    }
}

/// A link between two records.
public struct RecordRelationship: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var sourceRecordId: String
    public var targetRecordId: String
    public var relationshipType: RelationshipType
    public var description: String?
    public var createdDate: Date?
}

/// The fields of a new relationship.
public struct NewRecordRelationship: Encodable, Sendable, Hashable {
    public var sourceRecordId: String
    public var targetRecordId: String
    public var relationshipType: RelationshipType
    public var description: String?

    public init(sourceRecordId: String, targetRecordId: String, relationshipType: RelationshipType, description: String? = nil) {
        self.sourceRecordId = sourceRecordId
        self.targetRecordId = targetRecordId
        self.relationshipType = relationshipType
        self.description = description
    }
}
