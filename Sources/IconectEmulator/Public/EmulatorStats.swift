/// Counters of what the emulator received; read with ``EmulatorServer/stats()`` or `GET /_emulator/stats`.
///
/// Requests to `/_emulator/*` are not counted.
public struct EmulatorStats: Sendable, Codable, Hashable {
    /// Every counted request.
    public var totalRequests: Int
    /// `"GET /v1/projects/{id}"` → `"200"` → count. Unmatched paths count under `"GET (unmatched)"`.
    public var requests: [String: [String: Int]]
    /// Successful grants by `grant_type`.
    public var tokenGrants: [String: Int]
    /// Every `POST /openid/token`, in order.
    public var tokenRequests: [TokenRequestSummary]
    /// Request body bytes as received on the wire (before any `Content-Encoding` decoding).
    public var bytesReceived: Int
    /// POSTs answered from the idempotency store.
    public var idempotentReplays: Int
    /// Requests a fault rule applied to.
    public var faultsInjected: Int
    /// The last 2,000 requests, oldest first.
    public var recentRequests: [RequestSummary]

    /// Creates stats.
    public init(
        totalRequests: Int = 0, requests: [String: [String: Int]] = [:], tokenGrants: [String: Int] = [:],
        tokenRequests: [TokenRequestSummary] = [], bytesReceived: Int = 0, idempotentReplays: Int = 0,
        faultsInjected: Int = 0, recentRequests: [RequestSummary] = []
    ) {
        self.totalRequests = totalRequests
        self.requests = requests
        self.tokenGrants = tokenGrants
        self.tokenRequests = tokenRequests
        self.bytesReceived = bytesReceived
        self.idempotentReplays = idempotentReplays
        self.faultsInjected = faultsInjected
        self.recentRequests = recentRequests
    }

    /// How many `method route` requests were answered (with `status`, when given).
    ///
    /// Placeholder names in the route do not matter: `/v1/projects/{id}` and `/v1/projects/{projectId}` are the same route.
    public func count(_ method: String, _ route: String, status: Int? = nil) -> Int {
        let wanted = Self.normalizedRouteKey(method.uppercased() + " " + route)
        var total = 0
        for (key, byStatus) in requests where Self.normalizedRouteKey(key) == wanted {
            if let status {
                total += byStatus[String(status)] ?? 0
            } else {
                total += byStatus.values.reduce(0, +)
            }
        }
        return total
    }

    /// The route key with every `{name}` placeholder reduced to `{}`.
    static func normalizedRouteKey(_ key: String) -> String {
        var result = ""
        result.reserveCapacity(key.count)
        var inPlaceholder = false
        for character in key {
            if inPlaceholder {
                if character == "}" {
                    inPlaceholder = false
                    result.append("}")
                }
            } else {
                result.append(character)
                if character == "{" { inPlaceholder = true }
            }
        }
        return result
    }
}
