import Foundation

/// A saved view: a query over a project's records (``baseQuery``) and how to show it. (Named so that it never clashes
/// with SwiftUI's `View`.)
public struct SavedView: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var displayName: String?
    public var description: String?
    public var type: ViewType?
    public var projectId: String?
    public var baseQuery: ViewQuery?
    /// Columns (`columns`), widths, chart settings...
    public var displayOptions: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    /// The latest share settings (``ViewsResource/share(id:isPublic:expiresAt:allowAnonymous:)``).
    public var sharing: [String: JSONValue]?
    public var isActive: Bool?
    public var isSystem: Bool?
    public var createdDate: Date?
    public var modifiedDate: Date?
    /// The first rows, when the view was read with `includeData`.
    public var data: [ViewRow]?
}

/// A new view.
public struct NewView: Encodable, Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var type: ViewType
    public var projectId: String
    public var baseQuery: ViewQuery
    public var displayOptions: [String: JSONValue]
    public var description: String?
    public var permissions: [String: JSONValue]?
    public var sharing: [String: JSONValue]?

    public init(name: String, displayName: String, type: ViewType, projectId: String, baseQuery: ViewQuery,
                displayOptions: [String: JSONValue] = [:], description: String? = nil, permissions: [String: JSONValue]? = nil,
                sharing: [String: JSONValue]? = nil) {
        self.name = name
        self.displayName = displayName
        self.type = type
        self.projectId = projectId
        self.baseQuery = baseQuery
        self.displayOptions = displayOptions
        self.description = description
        self.permissions = permissions
        self.sharing = sharing
    }
}

/// Changes to a view; `nil` leaves a member as it is.
public struct ViewChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var displayName: String?
    public var description: String?
    public var baseQuery: ViewQuery?
    public var displayOptions: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    public var sharing: [String: JSONValue]?
    public var isActive: Bool?

    public init(name: String? = nil, displayName: String? = nil, description: String? = nil, baseQuery: ViewQuery? = nil,
                displayOptions: [String: JSONValue]? = nil, permissions: [String: JSONValue]? = nil,
                sharing: [String: JSONValue]? = nil, isActive: Bool? = nil) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.baseQuery = baseQuery
        self.displayOptions = displayOptions
        self.permissions = permissions
        self.sharing = sharing
        self.isActive = isActive
    }
}

/// How a view presents its rows.
public struct ViewType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let list = ViewType(rawValue: "list")
    public static let grid = ViewType(rawValue: "grid")
    public static let card = ViewType(rawValue: "card")
    public static let timeline = ViewType(rawValue: "timeline")
    public static let calendar = ViewType(rawValue: "calendar")
    public static let chart = ViewType(rawValue: "chart")
    public static let map = ViewType(rawValue: "map")
    public static let custom = ViewType(rawValue: "custom")
    public static let knownValues: [ViewType] = [.list, .grid, .card, .timeline, .calendar, .chart, .map, .custom]
}
