import Foundation
import HTTPTypes
import Iconect

/// A test double that hands every request to a real transport and lets the test change what comes back: damage on the
/// way, or a server that answers something else than it stored. `rewrite` sees the request and may edit the answer.
final class RewritingTransport: HTTPTransport {
    /// An answer as a rewrite sees it: the response head and the body, both editable.
    struct Answer: Sendable {
        var head: HTTPResponse
        var body: Data

        /// The status code.
        var status: Int { head.status.code }

        /// Replaces the top-level string `key` of a JSON object body; leaves other bodies alone.
        mutating func replaceJSONString(_ key: String, with value: String) {
            guard var object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], object[key] is String else { return }
            object[key] = value
            guard let edited = try? JSONSerialization.data(withJSONObject: object) else { return }
            body = edited
            head.headerFields[.contentLength] = String(edited.count)
        }
    }

    typealias Rewrite = @Sendable (HTTPRequest, inout Answer) -> Void

    private let inner: any HTTPTransport
    private let rewrite: Rewrite

    init(_ inner: any HTTPTransport, rewrite: @escaping Rewrite) {
        self.inner = inner
        self.rewrite = rewrite
    }

    func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        let (head, data) = try await inner.send(request, body: body, timeout: timeout)
        var answer = Answer(head: head, body: data)
        rewrite(request, &answer)
        return (answer.head, answer.body)
    }

    func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        try await inner.download(request, timeout: timeout, to: destination)
    }

    func shutdown() async {
        await inner.shutdown()
    }
}
