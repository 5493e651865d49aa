import Foundation
import Iconect

/// A test double that hands every request to a real transport and lets the test change what comes back: damage on the
/// way, or a server that answers something else than it stored. `rewrite` sees the request and may edit the response.
final class RewritingTransport: HTTPTransport {
    typealias Rewrite = @Sendable (HTTPRequest, inout HTTPResponse) -> Void

    private let inner: any HTTPTransport
    private let rewrite: Rewrite

    init(_ inner: any HTTPTransport, rewrite: @escaping Rewrite) {
        self.inner = inner
        self.rewrite = rewrite
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = try await inner.send(request)
        rewrite(request, &response)
        return response
    }

    func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse {
        try await inner.download(request, to: destination)
    }

    func shutdown() async {
        await inner.shutdown()
    }
}

extension HTTPResponse {
    /// Replaces the top-level string `key` of a JSON object body; leaves other bodies alone.
    mutating func replaceJSONString(_ key: String, with value: String) {
        guard var object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], object[key] is String else { return }
        object[key] = value
        guard let edited = try? JSONSerialization.data(withJSONObject: object) else { return }
        body = edited
        headers["Content-Length"] = String(edited.count)
    }
}
