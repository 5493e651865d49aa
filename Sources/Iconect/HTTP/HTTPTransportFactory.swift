/// Which HTTP stack an ``IconectClient`` uses, made from the client's configuration (so its pool is sized from
/// ``IconectConfiguration/maximumConnectionsPerHost`` and its timeouts from ``IconectConfiguration/requestTimeout``).
///
/// ```swift
/// let client = try IconectClient(configuration: configuration)                               // URLSession, the default
/// let fast = try IconectClient(configuration: configuration, transport: .asyncHTTPClient())  // import IconectAsyncHTTPClient
/// ```
/// Other modules add choices as static members in an extension, as `IconectAsyncHTTPClient` does.
public struct HTTPTransportFactory: Sendable {
    private let make: @Sendable (IconectConfiguration) throws -> any HTTPTransport

    /// A choice that builds its transport from the configuration with `make`.
    public init(_ make: @escaping @Sendable (IconectConfiguration) throws -> any HTTPTransport) {
        self.make = make
    }

    /// The transport for `configuration`.
    public func makeTransport(for configuration: IconectConfiguration) throws -> any HTTPTransport {
        try make(configuration)
    }

    /// Foundation's `URLSession`: ``URLSessionTransport`` with one session (``URLSessionTransport/defaultPoolSize``).
    public static let urlSession = urlSession(poolSize: URLSessionTransport.defaultPoolSize)

    /// Foundation's `URLSession`: ``URLSessionTransport`` spreading its requests over `poolSize` sessions, round-robin
    /// (see ``URLSessionTransport`` for the measurements behind the default of one).
    ///
    /// ```swift
    /// let client = try IconectClient(configuration: configuration, transport: .urlSession(poolSize: 4))
    /// ```
    /// - Parameter poolSize: From 1 to 64; another value makes the client's initialiser throw
    ///   ``IconectError/Code/invalidConfiguration`` naming `poolSize`.
    public static func urlSession(poolSize: Int) -> HTTPTransportFactory {
        HTTPTransportFactory { configuration in
            guard (1...64).contains(poolSize) else {
                throw IconectError.invalidConfiguration("poolSize", "must be from 1 to 64, got \(poolSize)")
            }
            return URLSessionTransport(configuration: configuration, poolSize: poolSize)
        }
    }

    /// A transport made elsewhere, used as is (a test double, a wrapper around another transport). The client shuts it
    /// down in ``IconectClient/shutdown(gracePeriod:)``.
    public static func using(_ transport: any HTTPTransport) -> HTTPTransportFactory {
        HTTPTransportFactory { _ in transport }
    }
}
