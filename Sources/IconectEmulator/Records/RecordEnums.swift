/// `Record.status`.
enum RecordStatus: String, CaseIterable, Sendable {
    case active, deleted, archived, processing
}

/// `Record.priority`.
enum RecordPriority: String, CaseIterable, Sendable {
    case low, normal, high, critical
}

/// `Record.reviewStatus`.
enum ReviewStatus: String, CaseIterable, Sendable {
    case pending, in_review, approved, rejected
}

/// One member of a record's `fields`, kept as a small array of pairs (compact, ordered).
struct FieldEntry: Sendable {
    var key: String
    var value: JSON
}
