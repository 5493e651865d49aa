import Foundation

/// A coding field of a project: what reviewers fill in on each record, and how its values are checked.
public struct Field: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// The name records use in their `fields` (`custodian`).
    public var name: String
    public var displayName: String?
    public var description: String?
    public var fieldType: FieldType?
    public var dataType: FieldDataType?
    public var projectId: String?
    public var isRequired: Bool?
    public var isSearchable: Bool?
    public var isSystemField: Bool?
    public var maxLength: Int?
    public var defaultValue: JSONValue?
    public var choices: [FieldChoice]?
    /// Checks beyond the type: `pattern` (a regular expression), `min`/`max` (numbers or dates), `minLength`.
    public var validationRules: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// One allowed value of a `choice` or `multiChoice` field.
public struct FieldChoice: Codable, Sendable, Hashable {
    public var value: String
    public var label: String?
    public var isDefault: Bool?

    public init(_ value: String, label: String? = nil, isDefault: Bool? = nil) {
        self.value = value
        self.label = label
        self.isDefault = isDefault
    }
}

/// The definition of a new field.
public struct NewField: Encodable, Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var fieldType: FieldType
    public var dataType: FieldDataType
    public var projectId: String
    public var description: String?
    public var isRequired: Bool?
    public var isSearchable: Bool?
    public var maxLength: Int?
    public var defaultValue: JSONValue?
    public var choices: [FieldChoice]?
    public var validationRules: [String: JSONValue]?

    public init(name: String, displayName: String, fieldType: FieldType, dataType: FieldDataType, projectId: String,
                description: String? = nil, isRequired: Bool? = nil, isSearchable: Bool? = nil, maxLength: Int? = nil,
                defaultValue: JSONValue? = nil, choices: [FieldChoice]? = nil, validationRules: [String: JSONValue]? = nil) {
        self.name = name
        self.displayName = displayName
        self.fieldType = fieldType
        self.dataType = dataType
        self.projectId = projectId
        self.description = description
        self.isRequired = isRequired
        self.isSearchable = isSearchable
        self.maxLength = maxLength
        self.defaultValue = defaultValue
        self.choices = choices
        self.validationRules = validationRules
    }
}

/// Changes to a field; `nil` leaves a member as it is. Its name, types and project are fixed at creation.
public struct FieldChanges: Encodable, Sendable, Hashable {
    public var displayName: String?
    public var description: String?
    public var isRequired: Bool?
    public var isSearchable: Bool?
    public var maxLength: Int?
    public var defaultValue: JSONValue?
    public var choices: [FieldChoice]?
    public var validationRules: [String: JSONValue]?

    public init(displayName: String? = nil, description: String? = nil, isRequired: Bool? = nil, isSearchable: Bool? = nil,
                maxLength: Int? = nil, defaultValue: JSONValue? = nil, choices: [FieldChoice]? = nil,
                validationRules: [String: JSONValue]? = nil) {
        self.displayName = displayName
        self.description = description
        self.isRequired = isRequired
        self.isSearchable = isSearchable
        self.maxLength = maxLength
        self.defaultValue = defaultValue
        self.choices = choices
        self.validationRules = validationRules
    }
}

/// How a field is presented and coded.
public struct FieldType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let text = FieldType(rawValue: "text")
    public static let number = FieldType(rawValue: "number")
    public static let date = FieldType(rawValue: "date")
    public static let boolean = FieldType(rawValue: "boolean")
    public static let choice = FieldType(rawValue: "choice")
    public static let multiChoice = FieldType(rawValue: "multiChoice")
    public static let file = FieldType(rawValue: "file")
    public static let user = FieldType(rawValue: "user")
    public static let lookup = FieldType(rawValue: "lookup")
    public static let knownValues: [FieldType] = [.text, .number, .date, .boolean, .choice, .multiChoice, .file, .user, .lookup]
}

/// How a field's values are stored.
public struct FieldDataType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let string = FieldDataType(rawValue: "string")
    public static let integer = FieldDataType(rawValue: "integer")
    public static let decimal = FieldDataType(rawValue: "decimal")
    public static let datetime = FieldDataType(rawValue: "datetime")
    public static let boolean = FieldDataType(rawValue: "boolean")
    public static let knownValues: [FieldDataType] = [.string, .integer, .decimal, .datetime, .boolean]
}
