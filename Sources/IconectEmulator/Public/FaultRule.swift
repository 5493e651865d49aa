/// A fault the emulator injects into matching requests.
///
/// Rules are tried in order; the first matching rule with budget left (and whose probability roll succeeds) applies.
/// Its latency, status, drop and malformed-body effects combine. `/_emulator/*` is never faulted.
public struct FaultRule: Sendable, Codable, Hashable {
    /// The HTTP method to match (case-insensitive); nil matches any method.
    public var method: String?
    /// A glob on the raw request path (still percent-encoded, without the query); `*` matches any run of characters.
    public var path: String
    /// Milliseconds to wait before answering.
    public var latencyMs: Int
    /// Answer this status instead of handling the request, with a CONTRACT error body.
    public var status: Int?
    /// The `Retry-After` header to send with ``status``.
    public var retryAfter: String?
    /// Close the connection before or after handling.
    public var drop: DropPhase?
    /// Handle normally but answer 200 with a body that is not valid JSON.
    public var malformedBody: Bool
    /// The chance (0...1) that the rule applies to a matching request.
    public var probability: Double
    /// Apply to at most this many requests, then the rule is spent; nil is unlimited.
    public var times: Int?
    /// Let this many matching requests through untouched before the rule starts to apply ("fail the third chunk").
    public var skip: Int

    /// Creates a rule.
    public init(
        method: String? = nil,
        path: String = "*",
        latencyMs: Int = 0,
        status: Int? = nil,
        retryAfter: String? = nil,
        drop: DropPhase? = nil,
        malformedBody: Bool = false,
        probability: Double = 1,
        times: Int? = nil,
        skip: Int = 0
    ) {
        self.method = method
        self.path = path
        self.latencyMs = latencyMs
        self.status = status
        self.retryAfter = retryAfter
        self.drop = drop
        self.malformedBody = malformedBody
        self.probability = probability
        self.times = times
        self.skip = skip
    }

    private enum CodingKeys: String, CodingKey {
        case method, path, latencyMs, status, retryAfter, drop, malformedBody, probability, times, skip
    }

    /// Decodes a rule; every key except none is optional (`path` defaults to `*`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            method: try container.decodeIfPresent(String.self, forKey: .method),
            path: try container.decodeIfPresent(String.self, forKey: .path) ?? "*",
            latencyMs: try container.decodeIfPresent(Int.self, forKey: .latencyMs) ?? 0,
            status: try container.decodeIfPresent(Int.self, forKey: .status),
            retryAfter: try container.decodeIfPresent(String.self, forKey: .retryAfter),
            drop: try container.decodeIfPresent(DropPhase.self, forKey: .drop),
            malformedBody: try container.decodeIfPresent(Bool.self, forKey: .malformedBody) ?? false,
            probability: try container.decodeIfPresent(Double.self, forKey: .probability) ?? 1,
            times: try container.decodeIfPresent(Int.self, forKey: .times),
            skip: try container.decodeIfPresent(Int.self, forKey: .skip) ?? 0
        )
    }
}
