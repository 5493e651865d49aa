/// The shapes every area shares (list, get, create, update, delete), so each resource is a table of one-liners.
extension RequestPipeline {
    func list<Item: Decodable & Sendable>(
        _ route: Route, _ options: ListOptions, extra: QueryItems = QueryItems(), maxPageSize: Int = 100,
        cache: CachePolicy? = nil
    ) async throws -> Page<Item> {
        var query = extra
        query.append(contentsOf: try options.queryItems(maxPageSize: maxPageSize, operation: route.operation))
        var endpoint = Endpoint(route, query: query)
        endpoint.cachePolicy = cache
        return try await send(endpoint)
    }

    /// A paginator over a list route, pages as large as the operation allows unless `options` says otherwise.
    func paginate<Item: Decodable & Sendable & Identifiable>(
        _ route: Route, _ options: ListOptions, extra: QueryItems = QueryItems(), maxPageSize: Int = 100, prefetch: Int = 1
    ) -> Paginator<Item> where Item.ID: Sendable & Hashable {
        Paginator(firstPage: options.page ?? 1, prefetch: prefetch) { number in
            try await self.list(route, options.forPage(number, maxPageSize: maxPageSize), extra: extra, maxPageSize: maxPageSize)
        }
    }

    func get<Item: Decodable & Sendable>(_ route: Route, id: String, name: String = "id", query: QueryItems = QueryItems(),
                                         cache: CachePolicy? = nil) async throws -> Item
    {
        var endpoint = Endpoint(route, path: [name: id], query: query)
        endpoint.cachePolicy = cache
        return try await send(endpoint)
    }

    func create<Item: Decodable & Sendable>(_ route: Route, _ body: some Encodable, path: [String: String] = [:]) async throws -> Item {
        try await send(try Endpoint(route, path: path, json: body))
    }

    func update<Item: Decodable & Sendable>(_ route: Route, id: String, name: String = "id", _ body: some Encodable)
        async throws -> Item
    {
        try await send(try Endpoint(route, path: [name: id], json: body))
    }

    func delete(_ route: Route, id: String, name: String = "id", query: QueryItems = QueryItems()) async throws {
        try await send(Endpoint(route, path: [name: id], query: query))
    }
}
