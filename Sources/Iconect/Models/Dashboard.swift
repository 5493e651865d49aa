import Foundation

/// A dashboard: a layout of widgets, each a chart or figure computed from a project's records.
public struct Dashboard: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var projectId: String?
    public var layout: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    /// The project's default dashboard (at most one per project).
    public var isDefault: Bool?
    public var isActive: Bool?
    public var widgets: [DashboardWidget]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// A new dashboard.
public struct NewDashboard: Encodable, Sendable, Hashable {
    public var name: String
    public var layout: [String: JSONValue]
    public var description: String?
    public var projectId: String?
    public var permissions: [String: JSONValue]?
    public var isDefault: Bool?

    public init(name: String, layout: [String: JSONValue] = [:], description: String? = nil, projectId: String? = nil,
                permissions: [String: JSONValue]? = nil, isDefault: Bool? = nil) {
        self.name = name
        self.layout = layout
        self.description = description
        self.projectId = projectId
        self.permissions = permissions
        self.isDefault = isDefault
    }
}

/// Changes to a dashboard; `nil` leaves a member as it is.
public struct DashboardChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var layout: [String: JSONValue]?
    public var permissions: [String: JSONValue]?
    public var isDefault: Bool?
    public var isActive: Bool?

    public init(name: String? = nil, description: String? = nil, layout: [String: JSONValue]? = nil,
                permissions: [String: JSONValue]? = nil, isDefault: Bool? = nil, isActive: Bool? = nil) {
        self.name = name
        self.description = description
        self.layout = layout
        self.permissions = permissions
        self.isDefault = isDefault
        self.isActive = isActive
    }
}
