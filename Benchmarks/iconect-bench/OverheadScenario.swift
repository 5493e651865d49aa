import Foundation
import HTTPTypes
import Iconect
import Synchronization

/// What the SDK itself costs per call, with the network taken out: `IconectClient` over a transport that answers every
/// request at once with bytes the emulator sent for the same route. CPU time per call, single task.
struct OverheadScenario {
    let environment: BenchEnvironment
    let calls: Int

    func run(_ report: Report) async throws {
        let projectId = environment.projectId
        let recording = RecordingTransport(URLSessionTransport())
        let recorder = try IconectClient(configuration: environment.configuration, transport: recording)
        _ = try await recorder.projects.get(id: projectId)
        _ = try await recorder.records.search(RecordQuery(projectId: projectId).page(1, size: 20))
        await recorder.shutdown()
        let (projectBody, pageBody) = (recording.body(endingWith: "/projects/" + projectId), recording.body(endingWith: "/records/search"))
        let transport = CannedTransport { request in
            request.path?.hasSuffix("/records/search") == true ? pageBody : projectBody
        }
        var configuration = environment.configuration
        configuration.credentials = .accessToken("bench-token")
        let client = try IconectClient(configuration: configuration, transport: transport)
        for _ in 0..<1_000 { _ = try await client.projects.get(id: projectId) }

        let start = ContinuousClock.now
        for _ in 0..<calls { _ = try await client.projects.get(id: projectId) }
        let perGet = (ContinuousClock.now - start).seconds / Double(calls) * 1e6
        report.figure("SDK cost of a GET of one project (no network)", perGet, "µs")

        let query = RecordQuery(projectId: projectId).page(1, size: 20)
        let searchStart = ContinuousClock.now
        for _ in 0..<calls / 4 { _ = try await client.records.search(query) }
        let perSearch = (ContinuousClock.now - searchStart).seconds / Double(calls / 4) * 1e6
        report.figure("SDK cost of a search page of 20 records (no network)", perSearch, "µs")
        await client.shutdown()
    }
}

/// Answers every request with 200 and a fixed body.
struct CannedTransport: HTTPTransport {
    let body: @Sendable (HTTPRequest) -> Data

    func send(_ request: HTTPRequest, body _: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        (HTTPResponse(status: .ok, headerFields: [.contentType: "application/json"]), body(request))
    }

    func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        HTTPResponse(status: .notFound)
    }

    func shutdown() async {}
}

/// Passes requests on and keeps the last response body of each path.
final class RecordingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let bodies = Mutex<[String: Data]>([:])

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func body(endingWith suffix: String) -> Data {
        bodies.withLock { $0.first { $0.key.hasSuffix(suffix) }?.value ?? Data() }
    }

    func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        let (response, data) = try await inner.send(request, body: body, timeout: timeout)
        bodies.withLock { $0[request.path ?? ""] = data }
        return (response, data)
    }

    func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        try await inner.download(request, timeout: timeout, to: destination)
    }

    func shutdown() async { await inner.shutdown() }
}
