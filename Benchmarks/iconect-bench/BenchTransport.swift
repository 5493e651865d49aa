import ArgumentParser
import Iconect
import IconectAsyncHTTPClient

/// The SDK transports a bench run measures (`--transport`, both by default).
enum BenchTransport: String, CaseIterable, ExpressibleByArgument {
    case urlsession
    case ahc

    /// How figures name it.
    var label: String {
        switch self {
        case .urlsession: return "URLSession"
        case .ahc: return "AsyncHTTPClient"
        }
    }

    var factory: HTTPTransportFactory {
        switch self {
        case .urlsession: return .urlSession
        case .ahc: return .asyncHTTPClient()
        }
    }
}
