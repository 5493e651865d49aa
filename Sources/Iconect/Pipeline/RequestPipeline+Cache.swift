import Crypto
import Foundation
import HTTPTypes

extension RequestPipeline {
    /// The policy a GET runs under, or `nil` when it bypasses the cache.
    func cachePolicy(for endpoint: Endpoint) -> CachePolicy? {
        let settings = cache.configuration
        guard settings.isEnabled else { return nil }
        let policy = endpoint.cachePolicy ?? settings.defaultPolicies[String(endpoint.route.area)] ?? .bypass
        return policy.mode == .bypass ? nil : policy
    }

    /// A GET through the cache, decoded as `T`; a hit whose body was decoded before returns that value without decoding again.
    func cachedDecoded<T: Decodable & Sendable>(_ endpoint: Endpoint, policy: CachePolicy, as type: T.Type) async throws -> T {
        let key = try cacheKey(endpoint)
        if case .hit(let answer, let decoded, let version) = cache.lookup(key, mode: policy.mode) {
            statistics.increment("cache.hits")
            if let value = decoded as? T { return value }
            let value = try decode(T.self, from: answer.body, operation: endpoint.route.operation)
            cache.attach(value, to: key, version: version)
            return value
        }
        let answer = try await cached(endpoint, policy: policy)
        let value = try decode(T.self, from: answer.body, operation: endpoint.route.operation)
        if let version = cache.version(of: key) { cache.attach(value, to: key, version: version) }
        return value
    }

    /// The key of a read: identity, method, path, sorted query and, for a POST that reads, the SHA-256 of its body.
    private func cacheKey(_ endpoint: Endpoint) throws -> ResponseCache.Key {
        var query = endpoint.query.sorted.encoded
        if case .data(let body) = endpoint.body {
            query += "#" + Data(SHA256.hash(data: body)).base64EncodedString()
        }
        return ResponseCache.Key(identity: tokens.identity, method: endpoint.route.method.rawValue,
                                 path: try endpoint.route.render(endpoint.pathParameters), query: query)
    }

    /// A read through the cache (a GET, or a POST that reads): a fresh hit, a join of an identical load in flight, or one load (revalidating with `ETag`).
    func cached(_ endpoint: Endpoint, policy: CachePolicy) async throws -> HTTPAnswer {
        let key = try cacheKey(endpoint)
        let ttl = policy.ttl ?? (CacheConfiguration.isQuery(endpoint.route) ? cache.configuration.queryTTL : cache.configuration.dataTTL)
        let projectId = endpoint.query.items.first { $0.name == "projectId" }?.value
        switch cache.lookup(key, mode: policy.mode) {
        case .hit(let answer, _, _):
            statistics.increment("cache.hits")
            return answer
        case .joined(let task):
            statistics.increment("cache.coalesced")
            return try await task.value
        case .miss(let etag):
            var revalidation = endpoint
            if let etag { revalidation.headers[.ifNoneMatch] = etag }
            let conditional = revalidation
            let answer = try await cache.load(key, ttl: ttl, area: endpoint.route.area, projectId: projectId) {
                try await self.perform(conditional, .send)
            }
            guard answer.response.status == .notModified else { return answer }
            // The stale entry went while the server was confirming it: load it whole.
            return try await cache.load(key, ttl: ttl, area: endpoint.route.area, projectId: projectId) {
                try await self.perform(endpoint, .send)
            }
        }
    }

    /// The areas whose cached reads are computed from another area's data, dropped with it: file-store usage from files;
    /// view, panel and widget data from records; records (their folder) and those data from folders.
    static let derivedAreas: [Substring: [Substring]] = [
        "files": ["filestores"],
        "records": ["views", "panels", "dashboards"],
        "folders": ["records", "views", "panels", "dashboards"],
    ]

    /// Drops the cached reads a successful write may have changed: its area, narrowed to its project when the write names one,
    /// and the areas derived from it.
    func invalidateCache(after endpoint: Endpoint) {
        guard cache.configuration.isEnabled else { return }
        let projectId = endpoint.query.items.first { $0.name == "projectId" }?.value ?? Self.projectId(in: endpoint.body)
        cache.invalidate(area: endpoint.route.area, projectId: projectId)
        for area in Self.derivedAreas[endpoint.route.area] ?? [] {
            cache.invalidate(area: area, projectId: nil)
        }
    }

    /// The `projectId` of a small JSON body, when it has one.
    private static func projectId(in body: HTTPBody) -> String? {
        guard case .data(let data) = body, data.count <= 64 * 1024, data.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["projectId"] as? String
    }
}
