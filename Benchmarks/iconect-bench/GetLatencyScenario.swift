import Foundation
import HTTPTypes
import Iconect

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sequential GETs of one project: median and p99 through `IconectClient` on each transport, each beside a bare loop of
/// the same HTTP stack against the same route (the floor).
struct GetLatencyScenario {
    let environment: BenchEnvironment
    let requests: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        for transport in transports {
            let client = try environment.makeClient(transport)
            let projectId = environment.projectId
            let floor = try await BareFloor(transport, environment: environment, path: "projects/\(projectId)")
            let (sdk, bare) = try await Samples.interleaved(requests: requests) {
                _ = try await client.projects.get(id: projectId)
            } floor: {
                try await floor.get()
            }
            report.figure("get-latency median, \(transport.label) (SDK vs bare \(transport.label))", sdk.percentile(0.5), "µs",
                          reference: bare.percentile(0.5))
            report.figure("get-latency p99, \(transport.label) (SDK vs bare \(transport.label))", sdk.percentile(0.99), "µs",
                          reference: bare.percentile(0.99))
            if let row = client.statistics()["iconect_get_project"] {
                report.note("\(transport.label): the SDK's own statistics give p50 \(Int(row.p50Milliseconds * 1000)) µs per call")
            }
            // Where the difference lies: the transport alone (a prepared request, no pipeline) against the same floor.
            let alone = try transport.factory.makeTransport(for: environment.configuration)
            let token = try await floor.token()
            let request = HTTPRequest(method: .get, url: environment.baseURL.appendingPathComponent("v1/projects/\(projectId)"),
                                      headerFields: [.authorization: "Bearer \(token)", .accept: "application/json",
                                                     .userAgent: environment.configuration.userAgent])
            let (direct, bare2) = try await Samples.interleaved(requests: requests) {
                _ = try await alone.send(request, body: .none, timeout: .seconds(30))
            } floor: {
                try await floor.get()
            }
            report.figure("get-latency median, \(transport.label) transport alone (vs bare)", direct.percentile(0.5), "µs",
                          reference: bare2.percentile(0.5))
            await alone.shutdown()
            await floor.shutdown()
            await client.shutdown()
        }
    }
}

/// A bare GET loop on the same HTTP stack as a transport: the floor an SDK figure is compared with.
enum BareFloor: Sendable {
    case urlSession(BareClient)
    case asyncHTTPClient(BareAHCClient)

    init(_ transport: BenchTransport, environment: BenchEnvironment, path: String, connections: Int = 10) async throws {
        switch transport {
        case .urlsession: self = .urlSession(try await BareClient(environment: environment, path: path, connections: connections))
        case .ahc: self = .asyncHTTPClient(try await BareAHCClient(environment: environment, path: path, connections: connections))
        }
    }

    func get() async throws {
        switch self {
        case .urlSession(let bare): _ = try await bare.get()
        case .asyncHTTPClient(let bare): _ = try await bare.get()
        }
    }

    func token() async throws -> String {
        switch self {
        case .urlSession(let bare): return String(bare.request.value(forHTTPHeaderField: "Authorization")?.dropFirst(7) ?? "")
        case .asyncHTTPClient(let bare): return String(bare.authorization.dropFirst(7))
        }
    }

    func shutdown() async {
        switch self {
        case .urlSession(let bare): bare.close()
        case .asyncHTTPClient(let bare): await bare.shutdown()
        }
    }
}
