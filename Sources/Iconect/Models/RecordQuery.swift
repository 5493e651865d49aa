import Foundation

/// A record search: free text, field conditions, tags, status, assignment, dates, field selection, sorting and paging.
///
/// Built by chaining, each step returning a changed copy:
/// ```swift
/// let query = RecordQuery(projectId: projectId)
///     .filter("docDate", .gte("2024-01-01"))
///     .status([.active])
///     .fields(["title", "custodian"])
///     .sorted(by: "docDate", .descending)
/// ```
public struct RecordQuery: Sendable, Hashable {
    /// The largest page the search operation allows.
    public static let maxPageSize = 1000

    public var projectId: String
    /// Free text over field values.
    public var text: String?
    /// The fields to return inside `fields` (and top-level keys to keep); `nil` returns everything.
    public var fields: [String]?
    public var filter: Filter
    public var dateRange: DateRange?
    public var tags: [String]?
    public var statuses: [RecordStatus]?
    public var assignedTo: [String]?
    public var folderId: String?
    public var page: Int?
    public var pageSize: Int?
    public var sortBy: String?
    public var sortOrder: SortOrder?

    public init(projectId: String, text: String? = nil, filter: Filter = Filter()) {
        self.projectId = projectId
        self.text = text
        self.filter = filter
    }

    /// A copy with free-text search.
    public func matching(_ text: String) -> RecordQuery { with { $0.text = text } }
    /// A copy with one more field condition.
    public func filter(_ field: String, _ condition: Filter.Condition) -> RecordQuery { with { $0.filter = $0.filter.where(field, condition) } }
    /// A copy that returns only these fields.
    public func fields(_ names: [String]) -> RecordQuery { with { $0.fields = names } }
    /// A copy limited to records carrying any of these tags.
    public func tags(_ tags: [String]) -> RecordQuery { with { $0.tags = tags } }
    /// A copy limited to records in any of these states.
    public func status(_ statuses: [RecordStatus]) -> RecordQuery { with { $0.statuses = statuses } }
    /// A copy limited to records assigned to any of these users.
    public func assigned(to users: [String]) -> RecordQuery { with { $0.assignedTo = users } }
    /// A copy limited to one folder.
    public func folder(_ folderId: String) -> RecordQuery { with { $0.folderId = folderId } }
    /// A copy limited to a date range on one field.
    public func dateRange(_ range: DateRange) -> RecordQuery { with { $0.dateRange = range } }
    /// A copy sorted by a field.
    public func sorted(by field: String, _ order: SortOrder = .ascending) -> RecordQuery {
        with { $0.sortBy = field; $0.sortOrder = order }
    }
    /// A copy asking for one page.
    public func page(_ page: Int, size: Int? = nil) -> RecordQuery {
        with { $0.page = page; if let size { $0.pageSize = size } }
    }

    private func with(_ change: (inout RecordQuery) -> Void) -> RecordQuery {
        var copy = self
        change(&copy)
        return copy
    }

    /// The query parameters of `GET /records/search`, after checking them.
    /// - Throws: ``IconectError/Code/validation`` naming the bad parameter.
    func queryItems(operation: String) throws -> QueryItems {
        guard !projectId.isEmpty else { throw IconectError.invalidArgument("projectId", "must not be empty", operation: operation) }
        var items = QueryItems()
        items.add("projectId", projectId)
        items.add("query", text)
        if let fields {
            guard !fields.isEmpty, fields.allSatisfy({ !$0.isEmpty }) else {
                throw IconectError.invalidArgument("fields", "must name at least one field, with no empty names", operation: operation)
            }
            items.add("fields", fields)
        }
        items.add("folderId", folderId)
        try ListOptions.addPaging(page: page, pageSize: pageSize, maxPageSize: Self.maxPageSize, operation: operation, to: &items)
        items.add("sortBy", sortBy)
        items.add("sortOrder", sortOrder)
        items.append(contentsOf: try filter.queryItems())
        items.add("tags", tags)
        items.add("status", statuses?.map(\.rawValue))
        items.add("assignedTo", assignedTo)
        if let dateRange {
            guard !dateRange.field.isEmpty else {
                throw IconectError.invalidArgument("dateRange.field", "must not be empty", operation: operation)
            }
            items.add("dateRange.field", dateRange.field)
            items.add("dateRange.from", dateRange.from)
            items.add("dateRange.to", dateRange.to)
        }
        return items
    }
}

/// A range of dates on one field; either end may be open.
public struct DateRange: Sendable, Hashable, Codable {
    public var field: String
    /// ISO-8601 date or date-time, inclusive.
    public var from: String?
    /// ISO-8601 date or date-time, inclusive.
    public var to: String?

    public init(field: String, from: String? = nil, to: String? = nil) {
        self.field = field
        self.from = from
        self.to = to
    }

    /// A range between two instants.
    public init(field: String, from: Date?, to: Date?) {
        self.init(field: field, from: from.map(IconectDate.format), to: to.map(IconectDate.format))
    }
}
