extension ListOptions {
    /// The options for page `number`, with the page size defaulting to `maxPageSize`.
    func forPage(_ number: Int, maxPageSize: Int) -> ListOptions {
        var copy = self
        copy.page = number
        copy.pageSize = pageSize ?? maxPageSize
        return copy
    }
}

extension RequestPipeline {
    /// A paginator over a list route, pages as large as the operation allows unless `options` says otherwise.
    func paginate<Item: Decodable & Sendable & Identifiable>(
        _ route: Route, _ options: ListOptions, extra: QueryItems = QueryItems(), maxPageSize: Int = 100, prefetch: Int = 1
    ) -> Paginator<Item> where Item.ID: Sendable & Hashable {
        Paginator(firstPage: options.page ?? 1, prefetch: prefetch) { number in
            try await self.list(route, options.forPage(number, maxPageSize: maxPageSize), extra: extra, maxPageSize: maxPageSize)
        }
    }
}

extension ProjectsResource {
    /// Every project, page after page (`iconect_list_projects`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Project> {
        pipeline.paginate(.listProjects, options, prefetch: prefetch)
    }
}

extension ClientsResource {
    /// Every client, page after page (`iconect_list_clients`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Client> {
        pipeline.paginate(.listClients, options, prefetch: prefetch)
    }
}

extension DataServersResource {
    /// Every data server, page after page (`iconect_list_data_servers`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<DataServer> {
        pipeline.paginate(.listDataServers, options, prefetch: prefetch)
    }
}

extension FileStoresResource {
    /// Every file store, page after page (`iconect_list_file_stores`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<FileStore> {
        pipeline.paginate(.listFileStores, options, prefetch: prefetch)
    }
}

extension FilesResource {
    /// Every file, optionally of one project or folder, page after page (`iconect_list_files`).
    public func paginate(projectId: String? = nil, folderId: String? = nil, _ options: ListOptions = ListOptions(),
                         prefetch: Int = 1) -> Paginator<File> {
        var extra = QueryItems()
        extra.add("projectId", projectId)
        extra.add("folderId", folderId)
        return pipeline.paginate(.listFiles, options, extra: extra, prefetch: prefetch)
    }
}

extension RecordsResource {
    /// Every matching record, page after page (`iconect_search_records`), 1,000 to a page unless the query says otherwise.
    ///
    /// ```swift
    /// for try await record in client.records.paginate(RecordQuery(projectId: id).fields(["title"])).items { ... }
    /// ```
    public func paginate(_ query: RecordQuery, prefetch: Int = 1) -> Paginator<Record> {
        Paginator(firstPage: query.page ?? 1, prefetch: prefetch) { number in
            try await self.search(query.page(number, size: query.pageSize ?? RecordQuery.maxPageSize))
        }
    }
}
