import Foundation
import Iconect
import Logging
import MCP

/// The server's connection state: the current ``IconectClient``, made from the `ICONECT_*` environment at start, or
/// by `iconect_configure` later.
///
/// The environment comes first so that secrets never pass through the model. `iconect_configure` replaces the client
/// (the old one is shut down); it reuses the environment's credentials only for the same origin as
/// `ICONECT_BASE_URL`, so a password meant for one deployment is never sent to another.
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
    /// Why the environment's configuration was refused, when it was.
    public private(set) var environmentProblem: String?
    /// The SDK's log level for clients made from now on.
    public private(set) var logLevel: Logger.Level

    /// Makes the client from the `ICONECT_*` variables of `environment`, when `ICONECT_BASE_URL` is set.
    public init(environment: [String: String], logLevel: Logger.Level = .info) {
        self.environment = environment
        self.logLevel = logLevel
        do {
            if let configuration = try IconectConfiguration.fromEnvironment(environment) {
                let (client, connection) = try Self.makeClient(configuration, logLevel: logLevel, source: "environment")
                self.client = client
                self.connection = connection
            }
        } catch {
            environmentProblem = String(describing: error)
        }
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
        var values = environment
        if Self.origin(of: environment[IconectConfiguration.EnvironmentKey.baseURL]) != Self.origin(of: baseURL) {
            // Another deployment: none of the environment's secrets or identity provider go there.
            for key in Self.deploymentKeys { values.removeValue(forKey: key) }
        }
        values[IconectConfiguration.EnvironmentKey.baseURL] = baseURL
        values[IconectConfiguration.EnvironmentKey.clientId] = clientId
        if let clientSecret { values[IconectConfiguration.EnvironmentKey.clientSecret] = clientSecret }
        guard var configuration = try IconectConfiguration.fromEnvironment(values) else {
            throw IconectError(.invalidConfiguration, "baseUrl: must not be empty", fieldErrors: ["baseUrl": ["must not be empty"]])
        }
        if let timeout { configuration.requestTimeout = timeout }
        let level = logLevel ?? self.logLevel
        let (newClient, newConnection) = try Self.makeClient(configuration, logLevel: level, source: "iconect_configure")
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

    private static func makeClient(_ base: IconectConfiguration, logLevel: Logger.Level, source: String) throws
        -> (IconectClient, Connection)
    {
        var configuration = base
        // An agent must see the server's current data: reads are not served from a cache.
        configuration.cache.isEnabled = false
        var logger = Logger(label: "iconect")
        logger.logLevel = logLevel
        configuration.logger = logger
        let client = try IconectClient(configuration: configuration)
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

    /// `scheme://host:port`, lowercased, for comparing deployments.
    static func origin(of text: String?) -> String? {
        guard let text, let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(host):\(port)"
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
