import Foundation

/// A widget of a dashboard. Its ``configuration`` is a ``ViewQuery`` (optionally with a `viewId` whose base query it
/// narrows) beside display settings; its data is computed from the records like a view's. (Named so that it never
/// clashes with WidgetKit's `Widget`.)
public struct DashboardWidget: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// `chart`, `metric`, `table`, `list`, `text` or `custom`.
    public var type: String?
    public var title: String?
    public var position: [String: JSONValue]?
    public var configuration: [String: JSONValue]?
    /// Seconds between refreshes (0: never).
    public var refreshInterval: Int?
    public var lastRefreshedAt: Date?
    public var createdDate: Date?
    public var modifiedDate: Date?
    /// The widget's rows, when the dashboard was read with `includeWidgetData`.
    public var data: [ViewRow]?

    /// The query part of ``configuration``, when it reads as one.
    public var query: ViewQuery? {
        configuration.flatMap { try? ViewQuery(json: .object($0), argument: "configuration") }
    }
}

/// A new widget.
public struct NewWidget: Encodable, Sendable, Hashable {
    public var type: String
    public var title: String
    public var configuration: [String: JSONValue]
    public var position: [String: JSONValue]?
    public var refreshInterval: Int?

    /// - Parameters:
    ///   - type: The widget's kind: `chart`, `metric`, `table`, `list`, `text` or `custom`.
    ///   - title: The title shown above the widget.
    ///   - configuration: a ``ViewQuery/configuration``, plus any display settings.
    ///   - position: Where the widget sits on the dashboard's grid, when not the server's choice.
    ///   - refreshInterval: How often, in seconds, the dashboard refreshes the widget.
    public init(type: String, title: String, configuration: [String: JSONValue] = [:], position: [String: JSONValue]? = nil,
                refreshInterval: Int? = nil) {
        self.type = type
        self.title = title
        self.configuration = configuration
        self.position = position
        self.refreshInterval = refreshInterval
    }
}

/// Changes to a widget; `nil` leaves a member as it is.
public struct WidgetChanges: Encodable, Sendable, Hashable {
    public var title: String?
    public var position: [String: JSONValue]?
    public var configuration: [String: JSONValue]?
    public var refreshInterval: Int?

    public init(title: String? = nil, position: [String: JSONValue]? = nil, configuration: [String: JSONValue]? = nil,
                refreshInterval: Int? = nil) {
        self.title = title
        self.position = position
        self.configuration = configuration
        self.refreshInterval = refreshInterval
    }
}

/// A widget's data (`iconect_get_widget_data`): the rows its query computes now.
public struct WidgetData: Codable, Sendable, Hashable {
    public var dashboardId: String
    public var widgetId: String
    public var data: [ViewRow]
    /// How many rows the query has (the data holds at most 1,000).
    public var total: Int
    public var generatedAt: Date?
}
