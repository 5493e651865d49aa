import Foundation
import Logging

/// Everything an ``IconectClient`` needs to reach an iCONECT deployment.
///
/// ```swift
/// let configuration = try IconectConfiguration(
///     baseURL: "https://api.example-review.com",
///     clientId: "my-integration",
///     credentials: .password(username: "reviewer", password: Secret(passwordFromKeychain))
/// )
/// let client = try IconectClient(configuration: configuration)
/// ```
/// Or from the environment (`ICONECT_BASE_URL`, `ICONECT_CLIENT_ID`, ...): ``fromEnvironment(_:)``.
/// Invalid values throw ``IconectError`` with code ``IconectError/Code/invalidConfiguration`` naming the field.
public struct IconectConfiguration: Sendable {
    /// How the client authenticates itself at the token endpoint.
    public enum ClientAuthentication: String, Sendable, Hashable {
        /// `client_id` and `client_secret` as form fields (RFC 6749 §2.3.1, the default).
        case formFields
        /// HTTP Basic with the client id and secret.
        case basic
    }

    /// The REST API's root, `{apiURL}` (the ``apiPath`` version prefix is added to it).
    public var baseURL: URL
    /// The version prefix of every API path. A ``baseURL`` that already ends with it is not extended twice.
    public var apiPath: String = "/v1"
    /// The identity provider, `{identityURL}`. When `nil`, the API's origin stands in for it.
    public var identityURL: URL?
    /// The token endpoint, when it must not come from discovery.
    public var tokenEndpoint: URL?
    /// How the client signs in.
    public var credentials: Credentials
    /// The OAuth client id.
    public var clientId: String?
    /// The OAuth client secret, for confidential clients.
    public var clientSecret: Secret?
    /// How the client id and secret travel.
    public var clientAuthentication: ClientAuthentication = .formFields
    /// The scope of every grant; iCONECT requires `iconect_api`.
    public var scope: String = "iconect_api"
    /// How long one HTTP exchange may stay idle before it fails with ``IconectError/Code/timeout``.
    public var requestTimeout: Duration = .seconds(30)
    /// The most connections kept open to one host (by each connection pool of the transport).
    public var maximumConnectionsPerHost: Int = 10
    /// Retries and backoff.
    public var retryPolicy = RetryPolicy()
    /// How long before expiry a token is refreshed (at most half the token's lifetime).
    public var refreshLeeway: Duration = .seconds(300)
    /// The `User-Agent` of every request.
    public var userAgent: String = "iconect-swift/\(IconectClient.version)"
    /// Allows `http://` to hosts other than loopback. Loopback is always allowed.
    public var allowInsecureHTTP: Bool = false
    /// The response cache: freshness, bounds, and which reads use it by default.
    public var cache = CacheConfiguration()
    /// JSON request bodies of at least this many bytes are sent gzip-compressed (`Content-Encoding: gzip`); nil never
    /// compresses. A server that answers 415 to a compressed body is sent plain bodies from then on. Default 32 KiB.
    public var requestCompressionThreshold: Int? = 32 * 1024
    /// Bounds on response sizes and on what decompressing a stored file may produce.
    public var limits = Limits()
    /// Where the SDK logs. Secrets never appear in its lines.
    public var logger: Logger = Logger(label: "iconect")

    /// Creates a configuration, checking every value.
    public init(
        baseURL: URL, clientId: String? = nil, clientSecret: Secret? = nil, credentials: Credentials = .none,
        identityURL: URL? = nil, tokenEndpoint: URL? = nil, allowInsecureHTTP: Bool = false
    ) throws {
        self.baseURL = baseURL
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.credentials = credentials
        self.identityURL = identityURL
        self.tokenEndpoint = tokenEndpoint
        self.allowInsecureHTTP = allowInsecureHTTP
        try validate()
    }

    /// Creates a configuration from a URL string, failing with a typed error when it is not a usable URL.
    public init(
        baseURL: String, clientId: String? = nil, clientSecret: Secret? = nil, credentials: Credentials = .none,
        identityURL: String? = nil, allowInsecureHTTP: Bool = false
    ) throws {
        try self.init(
            baseURL: Self.parseURL(baseURL, field: "baseURL"), clientId: clientId, clientSecret: clientSecret,
            credentials: credentials, identityURL: try identityURL.map { try Self.parseURL($0, field: "identityURL") },
            allowInsecureHTTP: allowInsecureHTTP)
    }

    /// Checks every value; throws ``IconectError/Code/invalidConfiguration`` naming the first bad field.
    public func validate() throws {
        try Self.check(baseURL, field: "baseURL", allowInsecureHTTP: allowInsecureHTTP)
        if let identityURL { try Self.check(identityURL, field: "identityURL", allowInsecureHTTP: allowInsecureHTTP) }
        if let tokenEndpoint { try Self.check(tokenEndpoint, field: "tokenEndpoint", allowInsecureHTTP: allowInsecureHTTP) }
        guard apiPath.isEmpty || (apiPath.hasPrefix("/") && !apiPath.hasSuffix("/")) else {
            throw IconectError.invalidConfiguration("apiPath", "must be empty or start with \"/\" and not end with one, like \"/v1\"")
        }
        guard requestTimeout > .zero else { throw IconectError.invalidConfiguration("requestTimeout", "must be positive") }
        guard maximumConnectionsPerHost >= 1 else {
            throw IconectError.invalidConfiguration("maximumConnectionsPerHost", "must be at least 1")
        }
        guard refreshLeeway >= .zero else { throw IconectError.invalidConfiguration("refreshLeeway", "must not be negative") }
        guard !scope.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw IconectError.invalidConfiguration("scope", "must not be empty (iCONECT requires iconect_api)")
        }
        try retryPolicy.validate()
        try limits.validate()
        guard cache.maxEntries >= 0, cache.maxBytes >= 0 else {
            throw IconectError.invalidConfiguration("cache", "bounds must not be negative")
        }
        guard cache.dataTTL >= .zero, cache.queryTTL >= .zero else {
            throw IconectError.invalidConfiguration("cache", "freshness must not be negative")
        }
        switch credentials {
        case .none, .accessToken: break
        case .password(let username, let password):
            guard !username.isEmpty else { throw IconectError.invalidConfiguration("credentials.username", "must not be empty") }
            guard !password.isEmpty else { throw IconectError.invalidConfiguration("credentials.password", "must not be empty") }
            try requireClientId()
        case .clientCredentials:
            try requireClientId()
            guard clientSecret?.isEmpty == false else {
                throw IconectError.invalidConfiguration("clientSecret", "the client-credentials grant needs a client secret")
            }
        case .authorizationCode, .refreshToken:
            try requireClientId()
        }
        if case .accessToken(let token) = credentials, token.isEmpty {
            throw IconectError.invalidConfiguration("credentials.accessToken", "must not be empty")
        }
    }

    private func requireClientId() throws {
        guard let clientId, !clientId.isEmpty else {
            throw IconectError.invalidConfiguration("clientId", "every OAuth grant needs a client id")
        }
    }

    /// The API root with its version prefix: every route's path is appended to this.
    var apiRoot: String {
        var root = baseURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        if !apiPath.isEmpty, !root.hasSuffix(apiPath) { root += apiPath }
        return root
    }

    /// The identity provider's root: the configured one, else the API's origin.
    var identityRoot: URL {
        if let identityURL { return identityURL }
        var components = URLComponents()
        components.scheme = baseURL.scheme
        components.host = baseURL.host
        components.port = baseURL.port
        return components.url ?? baseURL
    }

    static func parseURL(_ text: String, field: String) throws -> URL {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), url.scheme != nil, url.host != nil else {
            throw IconectError.invalidConfiguration(field, "\"\(text)\" is not an absolute http(s) URL")
        }
        return url
    }

    static func check(_ url: URL, field: String, allowInsecureHTTP: Bool) throws {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw IconectError.invalidConfiguration(field, "\"\(url.absoluteString)\" must use https (or http on loopback)")
        }
        guard let host = url.host, !host.isEmpty else {
            throw IconectError.invalidConfiguration(field, "\"\(url.absoluteString)\" has no host")
        }
        if scheme == "http", !allowInsecureHTTP, !isLoopback(host) {
            throw IconectError.invalidConfiguration(
                field, "http:// is refused for \(host); use https or set allowInsecureHTTP")
        }
        if url.query != nil || url.fragment != nil {
            throw IconectError.invalidConfiguration(field, "\"\(url.absoluteString)\" must not carry a query or fragment")
        }
    }

    /// Whether `host` surely reaches this machine: `localhost`, `::1` or a dotted 127.0.0.0/8 address. A name under
    /// `.localhost` is not, since a resolver may send it anywhere.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        // 127.0.0.0/8, as a real dotted IPv4 address (not a name like 127.example.com).
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && (UInt16(part).map { $0 <= 255 } ?? false)
        }
    }
}
