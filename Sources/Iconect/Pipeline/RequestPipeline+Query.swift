extension RequestPipeline {
    /// A POST that only reads (view, panel and widget data, exports, field-value checks), decoded as `T`.
    ///
    /// Unlike other POSTs it invalidates nothing. It bypasses the cache unless `cache` asks for it; then its answer is kept
    /// for the query freshness (``CacheConfiguration/queryTTL``) under its route's area, keyed by its body as well as its path,
    /// so two different queries of the same view never share an entry.
    func query<T: Decodable & Sendable>(_ endpoint: Endpoint, cache policy: CachePolicy? = nil) async throws -> T {
        if let policy, policy.mode != .bypass, cache.configuration.isEnabled {
            return try await cachedDecoded(endpoint, policy: policy, as: T.self)
        }
        let answer = try await perform(endpoint, .send)
        return try decode(T.self, from: answer.body, operation: endpoint.route.operation)
    }
}
