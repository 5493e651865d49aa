/// What the client measured for one operation since it was created (or since ``IconectClient/resetStatistics()``).
public struct OperationStatistics: Sendable, Hashable, Codable {
    /// The catalogue name of the operation (`iconect_search_records`), or an SDK name (`oauth_token`).
    public var operation: String
    /// Calls made (each counted once, however many attempts it took).
    public var count: Int
    /// Calls that ended in an error.
    public var errors: Int
    /// Extra attempts spent on retries.
    public var retries: Int
    /// Latency percentiles of whole calls, retries included, in milliseconds.
    public var p50Milliseconds: Double
    public var p95Milliseconds: Double
    public var p99Milliseconds: Double
    public var maxMilliseconds: Double
    public var meanMilliseconds: Double
    /// Request and response body bytes.
    public var bytesSent: Int
    public var bytesReceived: Int

    /// The fraction of calls that failed.
    public var errorRate: Double { count == 0 ? 0 : Double(errors) / Double(count) }
}
