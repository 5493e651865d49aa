import Foundation

/// The theme in force somewhere (`iconect_get_current_theme`), or just applied (`iconect_apply_theme`).
public struct ThemeAssignment: Codable, Sendable, Hashable {
    /// The scope asked about.
    public var scope: ThemeScope
    public var targetId: String?
    /// Where the theme comes from: the scope itself, a broader one it fell back to, or `default` (the first system theme).
    public var source: String
    public var themeId: String
    public var theme: Theme
    public var appliedDate: Date?
}

/// A theme's stylesheet and a sample of one component using it (`iconect_preview_theme`).
public struct ThemePreview: Codable, Sendable, Hashable {
    public var themeId: String
    public var component: ThemeComponent
    public var html: String
    public var css: String
}

/// Whether a theme definition is valid, and what is wrong by key (`iconect_validate_theme`).
public struct ThemeValidation: Codable, Sendable, Hashable {
    /// One problem: the key (`colors.primary`) and why.
    public struct Problem: Codable, Sendable, Hashable {
        public var key: String
        public var message: String
    }

    public var valid: Bool
    public var errors: [Problem]
}

/// A theme as text (`iconect_export_theme`); ``ThemesResource/import(name:format:data:overwrite:)`` reads it back.
public struct ThemeExport: Codable, Sendable, Hashable {
    public var themeId: String
    public var format: ThemeFormat
    public var mimeType: String?
    public var fileName: String?
    public var content: String
}

/// The bodies of the theme actions.
struct ThemeApplyRequest: Encodable, Sendable {
    var scope: ThemeScope?
    var targetId: String?
}

struct ThemeImportRequest: Encodable, Sendable {
    var name: String
    var format: ThemeFormat
    var data: String
    var overwrite: Bool?
}
