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

    /// Foundation's `URLSession`: ``URLSessionTransport`` with ``IconectConfiguration/urlSessionPoolSize`` sessions.
    public static let urlSession = HTTPTransportFactory { URLSessionTransport(configuration: $0) }

    /// A transport made elsewhere, used as is (a test double, a wrapper around another transport). The client shuts it
    /// down in ``IconectClient/shutdown(gracePeriod:)``.
    public static func using(_ transport: any HTTPTransport) -> HTTPTransportFactory {
        HTTPTransportFactory { _ in transport }
    }
}
