/// Paging, sorting and filtering for list operations.
///
/// ```swift
/// let page = try await client.projects.list(ListOptions(pageSize: 50, sortBy: "name", filter: Filter().where("status", equals: "active")))
/// ```
public struct ListOptions: Sendable, Hashable {
    /// The page to fetch, from 1 (default 1).
    public var page: Int?
    /// Items per page (default: the server's, 20; at most the operation's maximum, 100 for most lists).
    public var pageSize: Int?
    /// The field to sort by.
    public var sortBy: String?
    /// The sort direction.
    public var sortOrder: SortOrder?
    /// Conditions on fields, sent as `filter.<key>` parameters.
    public var filter: Filter

    public init(page: Int? = nil, pageSize: Int? = nil, sortBy: String? = nil, sortOrder: SortOrder? = nil, filter: Filter = Filter()) {
        self.page = page
        self.pageSize = pageSize
        self.sortBy = sortBy
        self.sortOrder = sortOrder
        self.filter = filter
    }

    /// The query parameters, after checking the page and its size against the operation's limits.
    /// - Throws: ``IconectError/Code/validation`` naming `page` or `pageSize`.
    func queryItems(maxPageSize: Int, operation: String, filterPrefix: String? = "filter") throws -> QueryItems {
        var items = QueryItems()
        try Self.addPaging(page: page, pageSize: pageSize, maxPageSize: maxPageSize, operation: operation, to: &items)
        items.add("sortBy", sortBy)
        items.add("sortOrder", sortOrder)
        if let filterPrefix { items.append(contentsOf: try filter.queryItems(prefix: filterPrefix)) }
        return items
    }

    static func addPaging(page: Int?, pageSize: Int?, maxPageSize: Int, operation: String, to items: inout QueryItems) throws {
        if let page, page < 1 {
            throw IconectError.invalidArgument("page", "must be 1 or more (pages start at 1), got \(page)", operation: operation)
        }
        if let pageSize, !(1...maxPageSize).contains(pageSize) {
            throw IconectError.invalidArgument("pageSize", "must be between 1 and \(maxPageSize), got \(pageSize)", operation: operation)
        }
        items.add("page", page)
        items.add("pageSize", pageSize)
    }
}

extension ListOptions {
    /// The options for page `number`, with the page size defaulting to `maxPageSize`.
    func forPage(_ number: Int, maxPageSize: Int) -> ListOptions {
        var copy = self
        copy.page = number
        copy.pageSize = pageSize ?? maxPageSize
        return copy
    }
}
