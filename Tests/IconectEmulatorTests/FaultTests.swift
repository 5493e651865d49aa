import Foundation
import IconectEmulator
import Testing

@Suite("Fault injection", .timeLimit(.minutes(5)))
struct FaultTests {
    @Test func statusFaultWithRetryAfterAndBudget() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            server.setFaults([FaultRule(path: "/v1/projects*", status: 503, retryAfter: "2", times: 2)])
            for _ in 0..<2 {
                let answer = try await client.send("GET", "/v1/projects", token: token)
                #expect(answer.status == 503)
                #expect(answer.header("Retry-After") == "2")
                #expect(try answer.json["error"]?["code"] == "SERVICE_UNAVAILABLE")
                #expect(answer.header("X-Request-Id") != nil)
            }
            #expect(try await client.send("GET", "/v1/projects", token: token).status == 200)
            let stats = server.stats()
            #expect(stats.faultsInjected == 2)
            #expect(stats.count("GET", "/v1/projects", status: 503) == 2)
            #expect(stats.count("GET", "/v1/projects/{projectId}") == 0)
        }
    }

    @Test func latencyAndMethodMatching() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            server.setFaults([FaultRule(method: "get", path: "/v1/clients", latencyMs: 300)])
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await client.send("GET", "/v1/clients", token: token).status == 200)
            #expect(clock.now - start >= .milliseconds(290))
            #expect(try await client.sendJSON("POST", "/v1/clients", ["name": "unfaulted"], token: token).status == 201)
            #expect(server.stats().faultsInjected == 1)
        }
    }

    @Test func dropBeforeHandlingChangesNothing() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            server.setFaults([FaultRule(method: "POST", path: "/v1/clients", drop: .beforeHandling, times: 1)])
            await #expect(throws: (any Error).self) {
                _ = try await client.sendJSON("POST", "/v1/clients", ["name": "Lost"], token: token)
            }
            let list = try await client.send("GET", "/v1/clients", token: token)
            #expect(try list.json["total"] == 1)
        }
    }

    @Test func dropAfterHandlingKeepsTheChange() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            server.setFaults([FaultRule(method: "POST", path: "/v1/clients", drop: .afterHandling, times: 1)])
            await #expect(throws: (any Error).self) {
                _ = try await client.sendJSON("POST", "/v1/clients", ["name": "Kept"], headers: ["Idempotency-Key": "retry-me"], token: token)
            }
            let list = try await client.send("GET", "/v1/clients?filter.name=Kept", token: token)
            #expect(try list.json["total"] == 1)
            // The retry with the same key replays instead of creating a second client.
            let retry = try await client.sendJSON("POST", "/v1/clients", ["name": "Kept"], headers: ["Idempotency-Key": "retry-me"], token: token)
            #expect(retry.status == 201)
            #expect(try await client.send("GET", "/v1/clients?filter.name=Kept", token: token).json["total"] == 1)
            #expect(server.stats().idempotentReplays == 1)
        }
    }

    @Test func malformedBody() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            server.setFaults([FaultRule(path: "/v1/dataservers", malformedBody: true)])
            let answer = try await client.send("GET", "/v1/dataservers", token: token)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect((try? JSONSerialization.jsonObject(with: answer.body)) == nil)
        }
    }

    @Test func unauthorizedFaultProbabilityAndControlEndpoint() async throws {
        try await withEmulator(.init(faults: [FaultRule(path: "/v1/*", status: 401, times: 1)])) { server, client in
            let token = try await client.token()
            let first = try await client.send("GET", "/v1/clients", token: token)
            #expect(first.status == 401)
            #expect(first.header("WWW-Authenticate") == "Bearer error=\"invalid_token\"")
            #expect(try await client.send("GET", "/v1/clients", token: token).status == 200)

            server.setFaults([FaultRule(path: "*", status: 500, probability: 0)])
            for _ in 0..<5 { #expect(try await client.send("GET", "/v1/clients", token: token).status == 200) }

            let rules = try await client.control("POST", "/_emulator/faults", json: #"[{"path": "/v1/clients", "status": 429, "retryAfter": "1"}]"#)
            #expect(rules.status == 200)
            let limited = try await client.send("GET", "/v1/clients", token: token)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "1")
            let stats = try await client.control("GET", "/_emulator/stats")
            #expect(stats.status == 200)
            #expect(try stats.json["faultsInjected"]?.intValue == server.stats().faultsInjected)
            let reset = try await client.control("POST", "/_emulator/reset")
            #expect(reset.status == 200)
            #expect(server.stats().totalRequests == 0)
            #expect(try await client.send("GET", "/v1/clients", token: token).status == 401)
        }
    }
}
