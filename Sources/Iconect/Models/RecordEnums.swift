/// The lifecycle state of a record.
public struct RecordStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = RecordStatus(rawValue: "active")
    public static let deleted = RecordStatus(rawValue: "deleted")
    public static let archived = RecordStatus(rawValue: "archived")
    public static let processing = RecordStatus(rawValue: "processing")
    public static let knownValues: [RecordStatus] = [.active, .deleted, .archived, .processing]
}

/// How urgent a record (or a job) is.
public struct Priority: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let low = Priority(rawValue: "low")
    public static let normal = Priority(rawValue: "normal")
    public static let high = Priority(rawValue: "high")
    public static let critical = Priority(rawValue: "critical")
    public static let knownValues: [Priority] = [.low, .normal, .high, .critical]
}

/// Where a record stands in review.
public struct ReviewStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let pending = ReviewStatus(rawValue: "pending")
    public static let inReview = ReviewStatus(rawValue: "in_review")
    public static let approved = ReviewStatus(rawValue: "approved")
    public static let rejected = ReviewStatus(rawValue: "rejected")
    public static let knownValues: [ReviewStatus] = [.pending, .inReview, .approved, .rejected]
}

/// How two records relate.
public struct RelationshipType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let parent = RelationshipType(rawValue: "parent")
    public static let child = RelationshipType(rawValue: "child")
    public static let related = RelationshipType(rawValue: "related")
    public static let duplicate = RelationshipType(rawValue: "duplicate")
    public static let reference = RelationshipType(rawValue: "reference")
    public static let knownValues: [RelationshipType] = [.parent, .child, .related, .duplicate, .reference]
}
