/// Whether a value suits a field, and if not, which of its rules it breaks (`iconect_validate_field_value`).
///
/// `{"fieldId": "fld_1", "valid": false, "failedRules": [{"rule": "maxLength", "message": "is 14 characters, at most 10"}]}`.
/// Rules: `required`, `type` (the data type), `maxLength`, `minLength`, `pattern`, `min`, `max`, `choices`.
public struct FieldValidation: Codable, Sendable, Hashable {
    /// One broken rule.
    public struct Failure: Codable, Sendable, Hashable {
        public var rule: String
        public var message: String
    }

    public var fieldId: String
    public var valid: Bool
    public var failedRules: [Failure]
}

/// Where a field is used (`iconect_get_field_usage`): how many records carry a value, and which views and panels name it.
public struct FieldUsage: Codable, Sendable, Hashable {
    /// A view or panel that names the field in its query, columns or configuration.
    public struct Reference: Codable, Sendable, Hashable, Identifiable {
        public var id: String
        public var name: String?
    }

    public var fieldId: String
    public var fieldName: String?
    /// The records of the field's project with a value for it.
    public var recordCount: Int
    /// Every record of the field's project.
    public var totalRecords: Int?
    public var views: [Reference]
    public var panels: [Reference]
}
