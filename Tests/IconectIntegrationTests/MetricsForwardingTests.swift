import Foundation
import Iconect
import IconectEmulator
import Metrics
import MetricsTestKit
import Testing

/// The client forwards its per-operation figures to swift-metrics, to whatever backend the application bootstrapped.
@Suite("Metrics forwarded to swift-metrics", .timeLimit(.minutes(5)))
struct MetricsForwardingTests {
    @Test("calls, failures and durations reach the backend, dimensioned by operation", arguments: TransportKind.allCases)
    func forwarded(transport: TransportKind) async throws {
        // A backend of this test's own (task-local), so tests running beside it cannot add to its figures.
        let backend = TestMetrics()
        let operation = [("operation", "iconect_get_data_server")]
        try await withMetricsFactory(backend) {
            try await withEmulator(transport: transport) { emulator, client in
                for _ in 0..<3 { _ = try await client.dataServers.get(id: emulator.seed.dataServerId) }
                let error = try await expectIconectError { try await client.dataServers.get(id: "no-such-server") }
                #expect(error.code == .notFound)
                #expect(client.statistics()["iconect_get_data_server"]?.count == 4, "the client's own figures agree")
            }
        }
        let requests = try backend.expectCounter("iconect_requests_total", operation)
        #expect(requests.totalValue == 4, "iconect_requests_total counted every call")
        let errors = try backend.expectCounter("iconect_request_errors_total", operation)
        #expect(errors.totalValue == 1, "iconect_request_errors_total counted the 404 only")
        let timer = try backend.expectTimer("iconect_request_duration_seconds", operation)
        #expect(timer.values.count == 4, "iconect_request_duration_seconds timed every call")
        #expect(timer.values.allSatisfy { $0 > 0 && $0 < 60_000_000_000 }, "durations in nanoseconds: \(timer.values)")
        // The token grant is an operation of its own.
        #expect(backend.counterTotal(label: "iconect_requests_total", dimensions: [("operation", "oauth_token")]) == 1)
    }
}
