import Foundation
import Iconect
import Logging
import MCP

/// The server's connection state: the current ``IconectClient``, made from the `ICONECT_*` environment at start, or
/// by `iconect_configure` later.
///
/// The environment comes first so that secrets never pass through the model. `iconect_configure` replaces the client
/// (the old one is shut down); it reuses the environment's credentials and identity provider only when the new base URL
/// has exactly the origin (scheme, host and port, after trimming and parsing both) of the environment's, so a password
/// meant for one deployment is never sent to another. A URL that carries a user name or password is refused, without
/// being repeated anywhere.
public actor MCPSession {
    /// What the current client is connected to, without secrets.
    public struct Connection: Sendable, Hashable {
        public var baseURL: String
        public var clientId: String?
        public var hasClientSecret: Bool
        /// `none`, `password`, `accessToken`, `clientCredentials`, ...
        public var credentials: String
        public var timeoutMilliseconds: Int
        public var source: String
    }

    private var client: IconectClient?
    private var connection: Connection?
    private let environment: [String: String]
    /// The origin of the environment's base URL, when it gave a usable one: the only origin its secrets go to.
    private let environmentOrigin: String?
    private let transport: HTTPTransportFactory
    /// Why the environment's configuration was refused, when it was.
    public private(set) var environmentProblem: String?
    /// The SDK's log level for clients made from now on.
    public private(set) var logLevel: Logger.Level

    /// Makes the client from the `ICONECT_*` variables of `environment`, when `ICONECT_BASE_URL` is set, on `transport`.
    public init(environment: [String: String], logLevel: Logger.Level = .info, transport: HTTPTransportFactory = .urlSession) {
        self.environment = environment
        self.logLevel = logLevel
        self.transport = transport
        var origin: String?
        do {
            typealias Key = IconectConfiguration.EnvironmentKey
            try Self.refuseUserInfo(environment[Key.baseURL], field: Key.baseURL)
            try Self.refuseUserInfo(environment[Key.identityURL], field: Key.identityURL)
            if let configuration = try IconectConfiguration.fromEnvironment(environment) {
                let (client, connection) = try Self.makeClient(configuration, transport: transport, logLevel: logLevel,
                                                               source: "environment")
                self.client = client
                self.connection = connection
                origin = Self.origin(of: configuration.baseURL)
            }
        } catch {
            environmentProblem = String(describing: error)
        }
        environmentOrigin = origin
    }

    /// The current client, if configured.
    public func currentClient() -> IconectClient? { client }

    /// What the current client is connected to.
    public func currentConnection() -> Connection? { connection }

    /// Replaces the client with one for `baseURL` (`iconect_configure`).
    /// - Parameters:
    ///   - timeout: the request timeout; default 30 s.
    ///   - logLevel: the SDK's log level from now on.
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming the field.
    @discardableResult
    public func configure(baseURL: String, clientId: String, clientSecret: String?, timeout: Duration?,
                          logLevel: Logger.Level?) async throws -> Connection {
        typealias Key = IconectConfiguration.EnvironmentKey
        try Self.refuseUserInfo(baseURL, field: "baseUrl")
        var values = environment
        for key in Self.deploymentKeys { values.removeValue(forKey: key) }
        values[Key.baseURL] = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        values[Key.clientId] = clientId
        if let clientSecret { values[Key.clientSecret] = clientSecret }
        guard var configuration = try IconectConfiguration.fromEnvironment(values) else {
            throw IconectError(.invalidConfiguration, "baseUrl: must not be empty", fieldErrors: ["baseUrl": ["must not be empty"]])
        }
        if let environmentOrigin, Self.origin(of: configuration.baseURL) == environmentOrigin {
            // Exactly the environment's deployment: its identity provider and secrets apply (the agent's own win).
            for key in Self.deploymentKeys where values[key] == nil { values[key] = environment[key] }
            configuration = try IconectConfiguration.fromEnvironment(values) ?? configuration
        }
        if let timeout { configuration.requestTimeout = timeout }
        let level = logLevel ?? self.logLevel
        let (newClient, newConnection) = try Self.makeClient(configuration, transport: transport, logLevel: level,
                                                             source: "iconect_configure")
        let old = client
        client = newClient
        connection = newConnection
        self.logLevel = level
        environmentProblem = nil
        await old?.shutdown()
        return newConnection
    }

    /// Logs out and closes the current client.
    public func shutdown() async {
        let old = client
        client = nil
        await old?.shutdown()
    }

    /// The variables that belong to one deployment: its identity provider and every secret.
    static let deploymentKeys: [String] = {
        typealias Key = IconectConfiguration.EnvironmentKey
        return [Key.identityURL, Key.clientSecret, Key.username, Key.password, Key.accessToken]
    }()

    private static func makeClient(_ base: IconectConfiguration, transport: HTTPTransportFactory, logLevel: Logger.Level,
                                   source: String) throws -> (IconectClient, Connection)
    {
        var configuration = base
        // An agent must see the server's current data: reads are not served from a cache.
        configuration.cache.isEnabled = false
        var logger = Logger(label: "iconect")
        logger.logLevel = logLevel
        configuration.logger = logger
        let client = try IconectClient(configuration: configuration, transport: transport)
        let timeout = configuration.requestTimeout.components
        let connection = Connection(
            baseURL: configuration.baseURL.absoluteString, clientId: configuration.clientId,
            hasClientSecret: configuration.clientSecret != nil, credentials: credentialKind(configuration.credentials),
            timeoutMilliseconds: Int(timeout.seconds * 1000 + timeout.attoseconds / 1_000_000_000_000_000), source: source)
        return (client, connection)
    }

    private static func credentialKind(_ credentials: Credentials) -> String {
        switch credentials {
        case .none: return "none"
        case .accessToken: return "accessToken"
        case .password: return "password"
        case .clientCredentials: return "clientCredentials"
        case .authorizationCode: return "authorizationCode"
        case .refreshToken: return "refreshToken"
        }
    }

    /// `scheme://host:port` of a parsed URL, lowercased, for comparing deployments.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(host):\(port)"
    }

    /// Whether the URL `text` carries a user name or password (`user:password@host`). Read as text, not parsed: a URL
    /// that does not parse would otherwise be echoed whole in the parser's error.
    static func hasUserInfo(_ text: String) -> Bool {
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return text[start...].prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" }).contains("@")
    }

    /// Refuses a URL with a user name or password in it, in words that do not repeat it (it would reach the agent and
    /// the log).
    static func refuseUserInfo(_ text: String?, field: String) throws {
        guard let text, hasUserInfo(text) else { return }
        throw IconectError.setting(field, "must not contain a user name or password (user:password@); "
                                                + "credentials belong in the ICONECT_* environment of iconect-mcp")
    }
}

extension MCPSession.Connection {
    /// The connection as a tool result's members.
    var members: [String: Value] {
        var members: [String: Value] = [
            "baseUrl": .string(baseURL), "hasClientSecret": .bool(hasClientSecret), "credentials": .string(credentials),
            "timeout": .int(timeoutMilliseconds), "configuredBy": .string(source),
        ]
        if let clientId { members["clientId"] = .string(clientId) }
        return members
    }
}
