import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The floor: a bare `URLSession` data task against the same route, configured like the SDK's transport, nothing else.
struct BareClient: Sendable {
    let session: URLSession
    let request: URLRequest
    /// `<base>/v1`.
    let apiURL: URL

    init(environment: BenchEnvironment, path: String, connections: Int = 10) async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
        let token = try await environment.bareToken(session: session)
        apiURL = environment.baseURL.appendingPathComponent("v1")
        var request = URLRequest(url: apiURL.appendingPathComponent(path))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        self.request = request
    }

    /// One GET; fails unless the answer is 200.
    func get() async throws -> Data {
        let (data, response) = try await session.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw BenchError("bare GET failed: \(response)") }
        return data
    }

    /// One request with a JSON body to `path` (relative to `/v1`); fails unless the answer is 2xx.
    func send(_ method: String, _ path: String, json: Data) async throws -> Data {
        var request = self.request
        request.url = apiURL.appendingPathComponent(path)
        request.httpMethod = method
        request.httpBody = json.isEmpty ? nil : json
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await session.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw BenchError("bare \(method) \(path) failed: \(response)")
        }
        return data
    }

    func close() {
        session.finishTasksAndInvalidate()
    }
}
