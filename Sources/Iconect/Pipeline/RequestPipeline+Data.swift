import Foundation

/// The shapes views, panels and dashboards share: rows computed by a query, exports and share links.
extension RequestPipeline {
    /// The most rows one page of view or panel data holds.
    static let maxDataPageSize = 1000

    /// One page of rows of a view or panel (`POST /{area}/{id}/data?page=&pageSize=`): a read that invalidates nothing,
    /// cached only when `cache` asks for it.
    func rows(_ route: Route, id: String, filter: Filter, sorting: [SortField], page: Int?, pageSize: Int?,
              cache: CachePolicy?) async throws -> Page<ViewRow> {
        var query = QueryItems()
        try ListOptions.addPaging(page: page, pageSize: pageSize, maxPageSize: Self.maxDataPageSize, operation: route.operation,
                                  to: &query)
        let endpoint = try Endpoint(route, path: ["id": id], query: query, json: DataRequest(filter: filter, sorting: sorting))
        return try await self.query(endpoint, cache: cache)
    }

    /// Every row of a view or panel, page after page, `pageSize` (default 1,000) at a time.
    func paginateRows(_ route: Route, id: String, filter: Filter, sorting: [SortField], pageSize: Int?, prefetch: Int)
        -> Paginator<ViewRow>
    {
        Paginator(firstPage: 1, prefetch: prefetch) { number in
            try await self.rows(route, id: id, filter: filter, sorting: sorting, page: number,
                                pageSize: pageSize ?? Self.maxDataPageSize, cache: nil)
        }
    }

    /// An export (`POST /{area}/{id}/export`): a read that invalidates nothing. `limit` is 1 to 10,000 rows.
    func export(_ route: Route, id: String, format: ExportFormat, filter: Filter = Filter(), limit: Int? = nil,
                includeData: Bool? = nil) async throws -> ExportedContent {
        if let limit, !(1...10_000).contains(limit) {
            throw IconectError.invalidArgument("limit", "must be between 1 and 10000, got \(limit)", operation: route.operation)
        }
        let body = ExportRequest(format: format, filters: filter.isEmpty ? nil : filter.json, limit: limit, includeData: includeData)
        return try await query(try Endpoint(route, path: ["id": id], json: body))
    }

    /// The `query` of a get that may embed data (`includeData`, `dataLimit` 1 to 1,000).
    static func dataQuery(includeData: Bool?, dataLimit: Int?, operation: String) throws -> QueryItems {
        if let dataLimit, !(1...maxDataPageSize).contains(dataLimit) {
            throw IconectError.invalidArgument("dataLimit", "must be between 1 and \(maxDataPageSize), got \(dataLimit)",
                                               operation: operation)
        }
        var query = QueryItems()
        query.add("includeData", includeData)
        query.add("dataLimit", dataLimit)
        return query
    }
}
