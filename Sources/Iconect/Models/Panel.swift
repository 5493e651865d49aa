import Foundation

/// A panel: a grid, form, chart or report over a project's records. Its ``configuration`` holds a ``ViewQuery``
/// (and optionally a `viewId` whose base query it narrows), beside display settings.
public struct Panel: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var displayName: String?
    public var description: String?
    public var type: PanelType?
    public var projectId: String?
    public var folderId: String?
    public var layout: [String: JSONValue]?
    public var configuration: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    public var metadata: [String: JSONValue]?
    public var isActive: Bool?
    public var isSystem: Bool?
    public var createdDate: Date?
    public var modifiedDate: Date?
    /// The first rows, when the panel was read with `includeData`.
    public var data: [ViewRow]?

    /// The query part of ``configuration``, when it reads as one.
    public var query: ViewQuery? {
        configuration.flatMap { try? ViewQuery(json: .object($0), argument: "configuration") }
    }
}

/// A new panel.
public struct NewPanel: Encodable, Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var type: PanelType
    public var projectId: String
    public var layout: [String: JSONValue]
    public var description: String?
    public var folderId: String?
    public var configuration: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    public var metadata: [String: JSONValue]?

    public init(name: String, displayName: String, type: PanelType, projectId: String, layout: [String: JSONValue] = [:],
                description: String? = nil, folderId: String? = nil, configuration: [String: JSONValue]? = nil,
                permissions: [String: JSONValue]? = nil, metadata: [String: JSONValue]? = nil) {
        self.name = name
        self.displayName = displayName
        self.type = type
        self.projectId = projectId
        self.layout = layout
        self.description = description
        self.folderId = folderId
        self.configuration = configuration
        self.permissions = permissions
        self.metadata = metadata
    }
}

/// Changes to a panel; `nil` leaves a member as it is.
public struct PanelChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var displayName: String?
    public var description: String?
    public var folderId: String?
    public var layout: [String: JSONValue]?
    public var configuration: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    public var metadata: [String: JSONValue]?
    public var isActive: Bool?

    public init(name: String? = nil, displayName: String? = nil, description: String? = nil, folderId: String? = nil,
                layout: [String: JSONValue]? = nil, configuration: [String: JSONValue]? = nil,
                permissions: [String: JSONValue]? = nil, metadata: [String: JSONValue]? = nil, isActive: Bool? = nil) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.folderId = folderId
        self.layout = layout
        self.configuration = configuration
        self.permissions = permissions
        self.metadata = metadata
        self.isActive = isActive
    }
}

/// What a panel shows.
public struct PanelType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let grid = PanelType(rawValue: "grid")
    public static let form = PanelType(rawValue: "form")
    public static let chart = PanelType(rawValue: "chart")
    public static let report = PanelType(rawValue: "report")
    public static let dashboard = PanelType(rawValue: "dashboard")
    public static let custom = PanelType(rawValue: "custom")
    public static let knownValues: [PanelType] = [.grid, .form, .chart, .report, .dashboard, .custom]
}
