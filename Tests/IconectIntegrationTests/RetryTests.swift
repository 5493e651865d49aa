import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Retries, backoff and idempotency against the emulator", .timeLimit(.minutes(10)))
struct RetryTests {
    @Test("429 with Retry-After: 1 waits at least one second, then succeeds", arguments: TransportKind.allCases)
    func honoursRetryAfter(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            _ = try await client.projects.get(id: projectId)  // sign in first, so only the retry is timed
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects/*", status: 429, retryAfter: "1", times: 1)])
            let start = ContinuousClock.now
            let project = try await client.projects.get(id: projectId)
            let elapsed = ContinuousClock.now - start
            #expect(project.id == projectId)
            #expect(elapsed >= .seconds(1), "waited \(elapsed)")
            let stats = emulator.stats()
            #expect(stats.count("GET", "/v1/projects/{id}", status: 429) == 1)
            #expect(stats.count("GET", "/v1/projects/{id}", status: 200) == 2)
            #expect(client.statistics()["iconect_get_project"]?.retries == 1)
        }
    }

    @Test("a Retry-After beyond the cap surfaces .rateLimited at once with the server's wait", arguments: TransportKind.allCases)
    func retryAfterOverCap(transport: TransportKind) async throws {
        try await withEmulator(configure: { $0.retryPolicy.maxRetryAfter = .seconds(2) }, transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", status: 429, retryAfter: "3600", times: 1)])
            let error = try await expectIconectError { try await client.projects.list() }
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == .seconds(3600))
            #expect(emulator.stats().count("GET", "/v1/projects") == 1)
        }
    }

    @Test("503s are retried with backoff, then surface .server with the server's message", arguments: TransportKind.allCases)
    func serverErrorsSurfaceAfterRetries(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", status: 503)])
            let error = try await expectIconectError { try await client.projects.list() }
            #expect(error.code == .server)
            #expect(error.status == 503)
            #expect(!error.message.isEmpty)
            #expect(error.requestId != nil)
            #expect(emulator.stats().count("GET", "/v1/projects", status: 503) == 3, "three attempts in all")
        }
    }

    @Test("a 503 that clears is invisible to the caller", arguments: TransportKind.allCases)
    func transientServerError(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", status: 503, times: 2)])
            let page = try await client.projects.list()
            #expect(page.total >= 1)
            #expect(emulator.stats().count("GET", "/v1/projects", status: 503) == 2, "both 503s reached the server")
            #expect(emulator.stats().count("GET", "/v1/projects", status: 200) == 1)
            #expect(client.statistics()["iconect_list_projects"]?.retries == 2)
            #expect(client.statistics()["iconect_list_projects"]?.errors == 0, "the caller saw no failure")
        }
    }

    @Test("an exhausted retry budget makes failures surface at once instead of being retried", arguments: TransportKind.allCases)
    func retryBudgetExhausted(transport: TransportKind) async throws {
        // Room for 3 retries, none earned back by successes; 10 attempts per call would otherwise be allowed.
        try await withEmulator(configure: {
            $0.retryPolicy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20),
                                         budgetCapacity: 3, budgetDepositPerSuccess: 0)
        }, transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", status: 503)])
            let first = try await expectIconectError { try await client.projects.list() }
            #expect(first.code == .server)
            let firstAttempts = emulator.stats().count("GET", "/v1/projects", status: 503)
            // 1 + the 3 retries of the budget, plus what it refilled (1 a second) on a loaded machine; 10 without a budget.
            #expect((4...7).contains(firstAttempts), "the budget, not maxAttempts, ended the first call after \(firstAttempts)")
            let second = try await expectIconectError { try await client.projects.list() }
            #expect(second.code == .server)
            #expect(second.status == 503)
            let secondAttempts = emulator.stats().count("GET", "/v1/projects", status: 503) - firstAttempts
            #expect(secondAttempts <= 4, "the second call got only what the budget refilled, not 10 attempts")
            #expect((client.statistics().counters["retry.budgetExhausted"] ?? 0) >= 2, "both calls met the empty budget")
        }
    }

    @Test("a POST retried after a dropped connection creates exactly one object", arguments: TransportKind.allCases)
    func postRetriedOnceCreatesOnce(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let seed = emulator.seed
            emulator.setFaults([FaultRule(method: "POST", path: "/v1/projects", drop: .afterHandling, times: 1)])
            let name = "Idempotent \(UUID().uuidString)"
            let project = try await client.projects.create(
                NewProject(name: name, clientId: seed.clientId, dataServerId: seed.dataServerId))
            #expect(project.name == name)

            let all = try await client.projects.list(ListOptions(pageSize: 100))
            #expect(all.data.filter { $0.name == name }.count == 1, "the server must hold one project, not two")
            let stats = emulator.stats()
            #expect(stats.idempotentReplays == 1)
            let posts = stats.recentRequests.filter { $0.method == "POST" && $0.rawPath == "/v1/projects" }
            #expect(posts.count == 2)
            #expect(posts.first?.idempotencyKey != nil)
            #expect(Set(posts.map(\.idempotencyKey)).count == 1, "both attempts carry the same Idempotency-Key")
        }
    }

    @Test("separate POST calls carry different Idempotency-Keys", arguments: TransportKind.allCases)
    func distinctKeysPerCall(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let seed = emulator.seed
            for index in 0..<3 {
                _ = try await client.projects.create(NewProject(name: "P\(index)", clientId: seed.clientId, dataServerId: seed.dataServerId))
            }
            let keys = emulator.stats().recentRequests.filter { $0.method == "POST" && $0.rawPath == "/v1/projects" }.map(\.idempotencyKey)
            #expect(keys.count == 3)
            #expect(Set(keys).count == 3)
        }
    }

    @Test("cancelling the calling task stops the retries", arguments: TransportKind.allCases)
    func cancellationStopsRetries(transport: TransportKind) async throws {
        try await withEmulator(configure: { $0.retryPolicy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(2), maxDelay: .seconds(2)) }, transport: transport) {
            emulator, client in
            _ = try await client.projects.list()
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", status: 503)])
            let task = Task { try await client.projects.list() }
            // Wait until the first failing attempt reached the server, then cancel during the backoff.
            try await waitUntil("the first 503 reached the client") { emulator.stats().count("GET", "/v1/projects", status: 503) > 0 }
            task.cancel()
            let error = try await iconectError(of: task)
            #expect(error.code == .cancelled)
            #expect(emulator.stats().count("GET", "/v1/projects", status: 503) == 1)
        }
    }

    @Test("cancelling the calling task cancels the HTTP request in flight", arguments: TransportKind.allCases)
    func cancellationCancelsTheRequest(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            _ = try await client.projects.list()
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", latencyMs: 30_000)])
            let task = Task { try await client.projects.list() }
            // Wait until the request is at the server (the fault matched), then cancel.
            try await waitUntil("the request reached the server") { emulator.stats().faultsInjected > 0 }
            let started = ContinuousClock.now
            task.cancel()
            let error = try await iconectError(of: task)
            #expect(error.code == .cancelled)
            // Far below the 30 s answer, with room for a machine loaded by the whole suite running in parallel.
            #expect(ContinuousClock.now - started < .seconds(20), "the call ended without waiting for the 30 s answer")
        }
    }
}
