import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IconectEmulator
import Testing

/// Refuses redirects so tests can read the `Location` of `/openid/authorize`.
/// `@unchecked Sendable` is safe: the delegate has no stored state at all.
final class NoRedirectDelegate: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// An HTTP answer as tests see it.
struct HTTPAnswer: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    var json: JSON {
        get throws { try JSONDecoder().decode(JSON.self, from: body) }
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A tiny URLSession client bound to one emulator.
struct TestClient: Sendable {
    let server: EmulatorServer
    let session: URLSession

    init(_ server: EmulatorServer) {
        self.server = server
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration, delegate: NoRedirectDelegate(), delegateQueue: nil)
    }

    /// Sends a request; `path` is appended raw (keep your percent-encoding) to the base URL.
    func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil, token: String? = nil
    ) async throws -> HTTPAnswer {
        guard let url = URL(string: server.baseURL.absoluteString + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let (data, response) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        return HTTPAnswer(status: http.statusCode, headers: fields, body: data)
    }

    /// Sends a JSON body.
    func sendJSON(_ method: String, _ path: String, _ body: JSON, headers: [String: String] = [:], token: String? = nil) async throws -> HTTPAnswer {
        var all = headers
        all["Content-Type"] = "application/json; charset=utf-8"
        return try await send(method, path, headers: all, body: try JSONEncoder().encode(body), token: token)
    }

    /// Calls a `/_emulator/*` control route with the admin token (and, for a POST or PUT, a JSON body, `{}` by default).
    func control(_ method: String, _ path: String, json: String? = nil) async throws -> HTTPAnswer {
        var headers = ["Authorization": "Bearer \(server.adminToken)"]
        var body: Data?
        if method == "POST" || method == "PUT" {
            headers["Content-Type"] = "application/json"
            body = Data((json ?? "{}").utf8)
        }
        return try await send(method, path, headers: headers, body: body)
    }

    /// Posts a form to the token endpoint.
    func tokenRequest(_ form: [String: String], headers: [String: String] = [:]) async throws -> HTTPAnswer {
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        return try await send("POST", "/openid/token", headers: all, body: Data(Self.formEncode(form).utf8))
    }

    /// A password-grant access token for the default user.
    func token() async throws -> String {
        try await server.accessToken()
    }

    static func formEncode(_ form: [String: String]) -> String {
        form.sorted { $0.key < $1.key }.map { "\(percentEncode($0.key))=\(percentEncode($0.value))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Runs `body` against a fresh emulator and stops it afterwards.
func withEmulator(
    _ configuration: EmulatorConfiguration = .init(), _ body: (EmulatorServer, TestClient) async throws -> Void
) async throws {
    let server = try await EmulatorServer.start(configuration)
    let client = TestClient(server)
    do {
        try await body(server, client)
    } catch {
        client.session.invalidateAndCancel()
        await server.stop()
        throw error
    }
    client.session.invalidateAndCancel()
    await server.stop()
}
