import Foundation

/// A document, email or report template: content with `{{name}}` placeholders.
///
/// The content is an object of strings: `body` (text), `html` and `subject`; placeholders may appear in any of them.
public struct Template: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var displayName: String?
    public var description: String?
    public var type: TemplateType?
    public var category: String?
    public var projectId: String?
    /// Absent when read with `includeContent: false`.
    public var content: [String: JSONValue]?
    public var settings: [String: JSONValue]?
    /// `required`: names of variables that must have a value even when no placeholder uses them.
    public var validation: [String: JSONValue]?
    public var isActive: Bool?
    public var isSystem: Bool?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// What a template is for.
public struct TemplateType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let document = TemplateType(rawValue: "document")
    public static let email = TemplateType(rawValue: "email")
    public static let report = TemplateType(rawValue: "report")
    public static let form = TemplateType(rawValue: "form")
    public static let workflow = TemplateType(rawValue: "workflow")
    public static let notification = TemplateType(rawValue: "notification")
    public static let knownValues: [TemplateType] = [.document, .email, .report, .form, .workflow, .notification]
}

/// What a template renders to.
public struct TemplateOutputFormat: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let pdf = TemplateOutputFormat(rawValue: "pdf")
    /// The `html` content (or the escaped text), substituted values HTML-escaped.
    public static let html = TemplateOutputFormat(rawValue: "html")
    public static let docx = TemplateOutputFormat(rawValue: "docx")
    /// The `body` text with the values as they are.
    public static let txt = TemplateOutputFormat(rawValue: "txt")
    /// The subject, the text and the html.
    public static let email = TemplateOutputFormat(rawValue: "email")
    public static let knownValues: [TemplateOutputFormat] = [.pdf, .html, .docx, .txt, .email]
}

/// The fields of a new template.
public struct NewTemplate: Encodable, Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var type: TemplateType
    public var content: [String: JSONValue]
    public var description: String?
    public var category: String?
    public var projectId: String?
    public var settings: [String: JSONValue]?
    public var validation: [String: JSONValue]?

    public init(name: String, displayName: String, type: TemplateType, content: [String: JSONValue], description: String? = nil,
                category: String? = nil, projectId: String? = nil, settings: [String: JSONValue]? = nil,
                validation: [String: JSONValue]? = nil) {
        self.name = name
        self.displayName = displayName
        self.type = type
        self.content = content
        self.description = description
        self.category = category
        self.projectId = projectId
        self.settings = settings
        self.validation = validation
    }
}

/// Changes to a template; `nil` leaves a field as it is.
public struct TemplateChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var displayName: String?
    public var description: String?
    public var category: String?
    public var content: [String: JSONValue]?
    public var settings: [String: JSONValue]?
    public var validation: [String: JSONValue]?
    public var isActive: Bool?

    public init(name: String? = nil, displayName: String? = nil, description: String? = nil, category: String? = nil,
                content: [String: JSONValue]? = nil, settings: [String: JSONValue]? = nil, validation: [String: JSONValue]? = nil,
                isActive: Bool? = nil) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.category = category
        self.content = content
        self.settings = settings
        self.validation = validation
        self.isActive = isActive
    }
}

/// One placeholder of a template (`iconect_get_template_variables`).
public struct TemplateVariable: Codable, Sendable, Hashable {
    public var name: String
    /// How many times it appears in the content.
    public var occurrences: Int?
    /// Whether the template's `validation.required` names it.
    public var required: Bool?
}

/// Which variables a set of values lacks or has in excess (`iconect_validate_template`).
public struct TemplateValidation: Codable, Sendable, Hashable {
    /// `true` when no placeholder lacks a value.
    public var valid: Bool
    public var missing: [String]
    /// Values no placeholder uses (they do not make the values invalid).
    public var unknown: [String]
}

/// A rendered template (`iconect_render_template`).
public struct RenderedTemplate: Codable, Sendable, Hashable {
    public var templateId: String
    public var outputFormat: TemplateOutputFormat
    public var mimeType: String?
    /// The text (txt, email) or markup (html).
    public var content: String
    public var subject: String?
    /// The html part of an email.
    public var html: String?
}

/// `{templateId, variables}`: the answer of `GET /templates/{id}/variables`.
struct TemplateVariableList: Decodable, Sendable {
    var variables: [TemplateVariable]
}

/// The body of render and validate.
struct TemplateValues: Encodable, Sendable {
    var variables: [String: JSONValue]?
    var outputFormat: TemplateOutputFormat?
}
