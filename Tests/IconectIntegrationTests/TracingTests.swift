import Foundation
import Iconect
import IconectEmulator
import InMemoryTracing
import Testing
import Tracing

/// Every API call is one client span named after its catalogue operation, through swift-distributed-tracing. The tracer is
/// bound to the test's task with `withTracer` (task-local, so parallel tests never see each other's spans, and nothing is
/// bootstrapped for the whole process).
@Suite("Tracing: a span per operation", .timeLimit(.minutes(3)))
struct TracingTests {
    @Test(arguments: TransportKind.allCases)
    func spansNameTheOperationAndCarryItsFigures(transport: TransportKind) async throws {
        let tracer = InMemoryTracer()
        let received = try await withTracer(tracer) {
            try await withEmulator(transport: transport) { emulator, client in
                let projectId = emulator.seed.projectId
                _ = try await client.projects.list()
                emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects/*", status: 503, times: 1)])
                _ = try await client.projects.get(id: projectId)
                let error = try await expectIconectError { try await client.projects.get(id: "no-such-project") }
                #expect(error.code == .notFound)
                return emulator.stats().recentRequests.filter { $0.rawPath.hasPrefix("/v1/projects") }
            }
        }
        // The emulator saw the list, the 503 and its retry, and the 404.
        #expect(received.map(\.status) == [200, 503, 200, 404])
        let spans = tracer.finishedSpans.filter { $0.operationName.hasPrefix("iconect_") }
        #expect(spans.map(\.operationName) == ["iconect_list_projects", "iconect_get_project", "iconect_get_project"])
        guard spans.count == 3 else { return }
        let (list, get, missing) = (spans[0], spans[1], spans[2])
        for span in spans {
            #expect(span.kind == .client)
            #expect(span.attributes["http.request.method"]?.toSpanAttribute() == .string("GET"))
            #expect(span.attributes["iconect.request_id"] != nil, "\(span.operationName) has no request id")
        }
        #expect(list.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(200))
        #expect(list.attributes["iconect.retries"]?.toSpanAttribute() == .int64(0))
        #expect(list.status == nil)
        if case .int64(let bytes)? = list.attributes["http.response.body.size"]?.toSpanAttribute() {
            #expect(bytes > 0)
        } else {
            Issue.record("the list span has no response size")
        }
        #expect(get.attributes["iconect.retries"]?.toSpanAttribute() == .int64(1))
        #expect(get.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(200))
        #expect(missing.attributes["http.response.status_code"]?.toSpanAttribute() == .int64(404))
        #expect(missing.status?.code == .error)
        #expect(missing.errors.count == 1)
        // Every exchange carried the span's context (the in-memory tracer's keys), so a server could join the trace.
        let injected = tracer.performedContextInjections.filter { $0.values[InMemoryTracer.traceIDKey] != nil }
        #expect(injected.count >= 3)
    }
}
