import Iconect
import IconectAsyncHTTPClient
import Testing

/// The HTTP stacks every integration test runs on: `@Test(arguments: TransportKind.allCases)`.
enum TransportKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case urlSession = "URLSession"
    case asyncHTTPClient = "AsyncHTTPClient"

    var testDescription: String { rawValue }

    /// The transport for a client with `configuration`.
    func makeTransport(_ configuration: IconectConfiguration) throws -> any HTTPTransport {
        switch self {
        case .urlSession: return try HTTPTransportFactory.urlSession.makeTransport(for: configuration)
        case .asyncHTTPClient: return try HTTPTransportFactory.asyncHTTPClient().makeTransport(for: configuration)
        }
    }
}
