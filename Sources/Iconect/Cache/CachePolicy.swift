/// How one read uses the client's response cache.
///
/// ```swift
/// let projects = try await client.projects.list(cache: .useCache)                 // fresh entry, else load and keep
/// let latest = try await client.projects.get(id: id, cache: .reloadIgnoringCache) // always ask the server, keep the answer
/// let quick = try await client.records.search(query, cache: .useCache(ttl: .seconds(10)))
/// ```
public struct CachePolicy: Sendable, Hashable {
    /// What the read does with the cache.
    public enum Mode: Sendable, Hashable {
        /// Returns a fresh entry, else loads (revalidating an expired entry with its `ETag`) and keeps the answer.
        case useCache
        /// Always loads, and keeps the answer for later reads.
        case reloadIgnoringCache
        /// Returns any entry, even expired, else loads and keeps the answer.
        case returnCacheDataElseLoad
        /// Neither reads nor writes the cache.
        case bypass
    }

    public var mode: Mode
    /// How long the answer stays fresh; `nil` uses the area's default (``CacheConfiguration``).
    public var ttl: Duration?

    public init(_ mode: Mode, ttl: Duration? = nil) {
        self.mode = mode
        self.ttl = ttl
    }

    public static let useCache = CachePolicy(.useCache)
    public static let reloadIgnoringCache = CachePolicy(.reloadIgnoringCache)
    public static let returnCacheDataElseLoad = CachePolicy(.returnCacheDataElseLoad)
    public static let bypass = CachePolicy(.bypass)

    /// Uses the cache with a freshness of `ttl` for this read.
    public static func useCache(ttl: Duration) -> CachePolicy { CachePolicy(.useCache, ttl: ttl) }
}

/// The client's response cache: its bounds, freshness and which reads use it by default.
public struct CacheConfiguration: Sendable, Hashable {
    /// Whether the cache exists at all. When `false`, every read goes to the server whatever its policy.
    public var isEnabled: Bool = true
    /// Freshness of data reads (objects and lists): 5 minutes, as the performance guide recommends.
    public var dataTTL: Duration = .seconds(300)
    /// Freshness of query results (record search, view and panel data): 1 minute.
    public var queryTTL: Duration = .seconds(60)
    /// The most entries kept; the least recently used go first.
    public var maxEntries: Int = 2_000
    /// The most body bytes kept; the least recently used go first.
    public var maxBytes: Int = 64 * 1024 * 1024
    /// The policy of reads that do not name one, by API area (the first path segment: `projects`, `records`, ...).
    /// Reference data and definitions (fields, folders, views, panels, dashboards, users) are cached by default; records,
    /// files, jobs and other fast-changing areas are not unless a read opts in. Reads computed from records (folder
    /// statistics, field usage, user activity, view data) bypass the cache unless they ask for it.
    public var defaultPolicies: [String: CachePolicy] = [
        "dataservers": .useCache, "clients": .useCache, "projects": .useCache, "filestores": .useCache,
        "fields": .useCache, "templates": .useCache, "themes": .useCache,
        "folders": .useCache, "views": .useCache, "panels": .useCache, "dashboards": .useCache, "users": .useCache,
    ]

    public init() {}

    /// The reads that are queries (shorter freshness): record search, and view, panel and widget data.
    static func isQuery(_ route: Route) -> Bool {
        route == .searchRecords || route == .getViewData || route == .getPanelData || route == .getWidgetData
    }
}
