import Foundation
import HTTPTypes
import Iconect
import Synchronization

/// A transport wrapper that counts the requests in flight and the most there have been at once: the guide's "track
/// active connections to avoid pool exhaustion", measured where the SDK hands requests to the HTTP stack.
///
/// ```swift
/// let gauge = ConnectionGauge(wrapping: try HTTPTransportFactory.urlSession.makeTransport(for: configuration))
/// let client = try IconectClient(configuration: configuration, transport: gauge)
/// // ... work ...
/// print(gauge.peak, "of", configuration.maximumConnectionsPerHost)
/// ```
public final class ConnectionGauge: HTTPTransport {
    private let inner: any HTTPTransport
    private let counts = Mutex<(active: Int, peak: Int)>((0, 0))

    public init(wrapping inner: any HTTPTransport) {
        self.inner = inner
    }

    /// Requests in flight now.
    public var active: Int { counts.withLock { $0.active } }
    /// The most requests in flight at once since the last ``resetPeak()``.
    public var peak: Int { counts.withLock { $0.peak } }

    /// Starts a new peak from the current figure.
    public func resetPeak() {
        counts.withLock { $0.peak = $0.active }
    }

    public func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        enter()
        defer { leave() }
        return try await inner.send(request, body: body, timeout: timeout)
    }

    public func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        enter()
        defer { leave() }
        return try await inner.download(request, timeout: timeout, to: destination)
    }

    public func shutdown() async {
        await inner.shutdown()
    }

    private func enter() {
        counts.withLock { counts in
            counts.active += 1
            counts.peak = max(counts.peak, counts.active)
        }
    }

    private func leave() {
        counts.withLock { $0.active -= 1 }
    }
}
