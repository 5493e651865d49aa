import Foundation
import IconectEmulator
import Testing

@Suite("Fixed path segments are never captured by /{id} routes", .timeLimit(.minutes(5)))
struct FixedSegmentTests {
    /// Each fixed segment with a method it does not serve: the answer is 405 naming the methods it does, never a
    /// lookup of an object whose id is the segment's name.
    static let wrongMethods: [(String, String, String)] = [
        ("GET", "/v1/jobs/from-template", "POST"), ("PUT", "/v1/jobs/queues", "GET"), ("DELETE", "/v1/jobs/templates", "GET"),
        ("PUT", "/v1/jobs/schedules", "GET"), ("GET", "/v1/jobs/import", "POST"), ("DELETE", "/v1/themes/current", "GET"),
        ("GET", "/v1/themes/validate", "POST"), ("GET", "/v1/themes/import", "POST"), ("PUT", "/v1/themes/current", "GET"),
    ]

    @Test("a fixed segment with a method it does not serve answers 405, not a 404 for an object named like it")
    func wrongMethodIsNotCaptured() async throws {
        try await withEmulator { _, client in
            let token = try await client.token()
            for (method, path, allowed) in Self.wrongMethods {
                let answer = try await client.send(method, path, token: token)
                #expect(answer.status == 405, "\(method) \(path): \(answer.status) \(answer.text)")
                #expect(answer.header("Allow")?.contains(allowed) == true, "\(method) \(path) allows \(answer.header("Allow") ?? "-")")
            }
        }
    }

    @Test("each fixed segment reaches its own handler")
    func fixedSegmentsReachTheirHandlers() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            for path in ["/v1/jobs/queues", "/v1/jobs/templates", "/v1/jobs/schedules"] {
                let list = try await client.send("GET", path, token: token)
                #expect(list.status == 200, "\(path): \(list.text)")
                #expect(try list.json["data"]?.arrayValue != nil, "\(path) answers a list")
            }
            let templates = try await client.send("GET", "/v1/jobs/templates", token: token)
            #expect(try templates.json["total"] == 4)
            let fromTemplate = try await client.sendJSON("POST", "/v1/jobs/from-template", ["name": "x"], token: token)
            #expect(fromTemplate.status == 400)
            #expect(try fromTemplate.json["error"]?["details"]?["fields"]?["templateId"] != nil, "\(fromTemplate.text)")
            let current = try await client.send("GET", "/v1/themes/current", token: token)
            #expect(current.status == 200)
            #expect(try current.json["source"] == "default")
            let validate = try await client.sendJSON("POST", "/v1/themes/validate", ["themeData": ["name": "x"]], token: token)
            #expect(validate.status == 200)
            #expect(try validate.json["valid"] == false)
            let importAnswer = try await client.sendJSON("POST", "/v1/themes/import", ["name": "x", "format": "json", "data": "{}"],
                                                         token: token)
            #expect(importAnswer.status == 400)
            #expect(try importAnswer.json["error"]?["details"]?["fields"]?["data.colors"] != nil, "\(importAnswer.text)")
            #expect(server.stats().count("GET", "/v1/themes/{id}", status: 404) == 0)
            #expect(server.stats().count("GET", "/v1/jobs/{id}", status: 404) == 0)
        }
    }
}
