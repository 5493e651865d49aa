/// The client's response cache: `client.cache`.
///
/// ```swift
/// client.cache.invalidate(area: "projects")   // after a change made outside this client
/// client.cache.removeAll()
/// ```
public struct CacheService: Sendable {
    let cache: ResponseCache

    /// Drops the cached reads of an API area (`projects`, `records`, ...), of one project only when `projectId` is given
    /// (reads tied to no project are dropped too).
    public func invalidate(area: String, projectId: String? = nil) {
        cache.invalidate(area: Substring(area), projectId: projectId)
    }

    /// Drops every cached read.
    public func removeAll() {
        cache.removeAll()
    }

    /// How many responses and body bytes the cache holds.
    public var usage: (entries: Int, bytes: Int) { cache.usage }
}

extension IconectClient {
    /// The response cache.
    public nonisolated var cache: CacheService { CacheService(cache: pipeline.cache) }
}
