import Foundation

/// A colour theme of the iCONECT interface: colours, typography, spacing, radii and shadows.
public struct Theme: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var type: ThemeType?
    /// CSS colours by role; `primary`, `background` and `text` are required.
    public var colors: [String: JSONValue]
    public var typography: [String: JSONValue]?
    public var spacing: [String: JSONValue]?
    public var borderRadius: [String: JSONValue]?
    public var shadows: [String: JSONValue]?
    public var isActive: Bool?
    public var isSystem: Bool?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// A theme's kind.
public struct ThemeType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let light = ThemeType(rawValue: "light")
    public static let dark = ThemeType(rawValue: "dark")
    public static let custom = ThemeType(rawValue: "custom")
    public static let knownValues: [ThemeType] = [.light, .dark, .custom]
}

/// Where a theme applies. The theme in force for a project is the project's, else its user's, else the global one.
public struct ThemeScope: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let global = ThemeScope(rawValue: "global")
    public static let user = ThemeScope(rawValue: "user")
    public static let project = ThemeScope(rawValue: "project")
    public static let knownValues: [ThemeScope] = [.global, .user, .project]
}

/// The text forms of a theme for export and import.
public struct ThemeFormat: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let json = ThemeFormat(rawValue: "json")
    /// CSS custom properties in `:root` (`--colors-primary: #1f6feb;`).
    public static let css = ThemeFormat(rawValue: "css")
    /// SCSS variables (`$colors-primary: #1f6feb;`).
    public static let scss = ThemeFormat(rawValue: "scss")
    public static let knownValues: [ThemeFormat] = [.json, .css, .scss]
}

/// A component a theme preview shows.
public struct ThemeComponent: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let button = ThemeComponent(rawValue: "button")
    public static let card = ThemeComponent(rawValue: "card")
    public static let table = ThemeComponent(rawValue: "table")
    public static let form = ThemeComponent(rawValue: "form")
    public static let dashboard = ThemeComponent(rawValue: "dashboard")
    public static let knownValues: [ThemeComponent] = [.button, .card, .table, .form, .dashboard]
}

/// The fields of a new theme.
public struct NewTheme: Encodable, Sendable, Hashable {
    public var name: String
    public var type: ThemeType
    public var colors: [String: JSONValue]
    public var description: String?
    public var typography: [String: JSONValue]?
    public var spacing: [String: JSONValue]?
    public var borderRadius: [String: JSONValue]?
    public var shadows: [String: JSONValue]?

    public init(name: String, type: ThemeType, colors: [String: JSONValue], description: String? = nil,
                typography: [String: JSONValue]? = nil, spacing: [String: JSONValue]? = nil,
                borderRadius: [String: JSONValue]? = nil, shadows: [String: JSONValue]? = nil) {
        self.name = name
        self.type = type
        self.colors = colors
        self.description = description
        self.typography = typography
        self.spacing = spacing
        self.borderRadius = borderRadius
        self.shadows = shadows
    }
}

/// Changes to a theme; `nil` leaves a field as it is.
public struct ThemeChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var colors: [String: JSONValue]?
    public var typography: [String: JSONValue]?
    public var spacing: [String: JSONValue]?
    public var borderRadius: [String: JSONValue]?
    public var shadows: [String: JSONValue]?
    public var isActive: Bool?

    public init(name: String? = nil, description: String? = nil, colors: [String: JSONValue]? = nil,
                typography: [String: JSONValue]? = nil, spacing: [String: JSONValue]? = nil,
                borderRadius: [String: JSONValue]? = nil, shadows: [String: JSONValue]? = nil, isActive: Bool? = nil) {
        self.name = name
        self.description = description
        self.colors = colors
        self.typography = typography
        self.spacing = spacing
        self.borderRadius = borderRadius
        self.shadows = shadows
        self.isActive = isActive
    }
}
