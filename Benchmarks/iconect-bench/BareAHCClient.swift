import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The AsyncHTTPClient floor: a bare `HTTPClient` GET loop against the same route, with the SDK transport's pool size,
/// collecting the body and nothing else.
struct BareAHCClient: Sendable {
    private let client: HTTPClient
    private let url: String
    let authorization: String

    init(environment: BenchEnvironment, path: String, connections: Int = 10) async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let session = URLSession(configuration: .ephemeral)
        authorization = "Bearer " + (try await environment.bareToken(session: session))
        session.finishTasksAndInvalidate()
        url = environment.baseURL.appendingPathComponent("v1").appendingPathComponent(path).absoluteString
    }

    /// One GET; fails unless the answer is 200.
    func get() async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw BenchError("bare AsyncHTTPClient GET answered \(response.status)") }
        return body
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
