import Foundation
import HTTPTypes
import Testing

@testable import Iconect

/// The pure rules behind the hardening: dot segments, unambiguous filter query forms, which redirects are followed and how,
/// the compression limits, and the call gate.
@Suite("Hardening rules", .timeLimit(.minutes(2)))
struct HardeningUnitTests {
    @Test(arguments: [".", ".."])
    func dotSegmentsAreRefused(id: String) throws {
        let error = try iconectError { _ = try Route.getProject.render(["id": id]) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["id"])
    }

    @Test(arguments: ["...", ".a", "a.", "a/..", "%2e"])
    func otherDotsStayInTheirSegment(id: String) throws {
        let path = try Route.getProject.render(["id": id])
        #expect(path.hasPrefix("/projects/") && path.dropFirst("/projects/".count).contains("/") == false)
    }

    @Test func filterQueryFormsAreUnambiguous() throws {
        func encoded(_ filter: Filter) throws -> String { try filter.queryItems().encoded.removingPercentEncoding ?? "" }
        #expect(try encoded(Filter().where("status[$ne]", equals: "active")) == "filter.status[$ne][$eq]=active")
        #expect(try encoded(Filter().where("a]", equals: "x")) == "filter.a][$eq]=x")
        #expect(try encoded(Filter().where("c", .in(["x", "y"]))) == "filter.c[$in]=x,y")
        #expect(try encoded(Filter().where("c", .in(["x,y"]))) == "filter.c[$eq]=x,y")
        #expect(try encoded(Filter().where("c", .nin(["x,y"]))) == "filter.c[$ne]=x,y")
        #expect(try encoded(Filter().where("c", .in(["x,y", "z"]))) == "filter.c[$in]=x,y&filter.c[$in]=z")
        let error = try iconectError { _ = try Filter().where("c", .nin([])).queryItems() }
        #expect(error.fieldErrors["filter.c"] != nil)
    }

    static func redirect(_ status: Int, to location: String, from url: String = "http://127.0.0.1:8080/v1/files/f",
                         method: HTTPRequest.Method = .get, body: HTTPBody = .none,
                         insecure: Bool = false) -> (request: HTTPRequest, body: HTTPBody)? {
        let request = HTTPRequest(method: method, url: URL(string: url)!, headerFields: [.authorization: "Bearer t", .cookie: "c"])
        return RedirectPolicy.follow(HTTPResponse(status: .init(code: status), headerFields: [.location: location]), of: request,
                                     body: body, allowInsecureHTTP: insecure)
    }

    @Test func redirectsWithinTheOriginKeepCredentials() throws {
        let next = try #require(Self.redirect(302, to: "/v1/files/g?x=1"))
        #expect(next.request.url?.absoluteString == "http://127.0.0.1:8080/v1/files/g?x=1")
        #expect(next.request.headerFields[.authorization] == "Bearer t")
        let post = try #require(Self.redirect(307, to: "/v1/x", method: .post, body: .data(Data("{}".utf8))))
        #expect(post.request.method == .post && post.body == .data(Data("{}".utf8)))
        let seeOther = try #require(Self.redirect(303, to: "/v1/x", method: .post, body: .data(Data("{}".utf8))))
        #expect(seeOther.request.method == .get && seeOther.body == .none)
    }

    @Test func readsCrossOriginsWithoutCredentials() throws {
        let next = try #require(Self.redirect(302, to: "https://cdn.example.com/f", from: "https://api.example.com/v1/files/f"))
        #expect(next.request.authority == "cdn.example.com" && next.request.path == "/f")
        #expect(next.request.headerFields[.authorization] == nil && next.request.headerFields[.cookie] == nil)
        let loopback = try #require(Self.redirect(301, to: "http://127.0.0.1:9/f"))
        #expect(loopback.request.headerFields[.authorization] == nil)
        let ipv6 = try #require(Self.redirect(302, to: "http://[::1]:9/f", from: "http://[::1]:8080/v1/files/f"))
        #expect(ipv6.request.authority == "[::1]:9" && ipv6.request.headerFields[.authorization] == nil)
    }

    @Test(arguments: [
        (302, "http://cdn.example.com/f", HTTPRequest.Method.get), (307, "http://127.0.0.1:9/x", .post), (308, "https://other.example/x", .put),
        (302, "ftp://127.0.0.1/x", .get), (302, "file:///etc/passwd", .get), (302, "http://u:p@127.0.0.1:9/x", .get),
        (200, "/x", .get), (304, "/x", .get), (302, "", .get),
    ])
    func refusedRedirects(status: Int, location: String, method: HTTPRequest.Method) {
        let body: HTTPBody = method == .get ? .none : .data(Data("{}".utf8))
        #expect(Self.redirect(status, to: location, from: "https://api.example.com/v1/x", method: method, body: body) == nil)
    }

    @Test func aDowngradeToPlainHTTPIsRefusedUnlessAllowed() {
        #expect(Self.redirect(302, to: "http://api.example.com/v1/y", from: "https://api.example.com/v1/x") == nil)
        #expect(Self.redirect(302, to: "http://api.example.com/v1/y", from: "https://api.example.com/v1/x", insecure: true) != nil)
    }

    @Test func restoreLimits() throws {
        let limits = IconectConfiguration.Limits(maxInflatedBytes: 10_000, maxCompressionRatio: 100)
        func file(declaring size: Int?) throws -> File {
            var metadata = #""compressed": true, "compressionType": "gzip""#
            if let size { metadata += #", "originalSize": \#(size)"# }
            return try decodeModel(File.self, #"{"id": "f", "name": "n", "metadata": {\#(metadata)}}"#)
        }
        #expect(try CompressionMetadata.restoreLimit(of: file(declaring: nil), storedSize: 50, limits: limits, memoryCap: nil).bytes == 5_000)
        #expect(try CompressionMetadata.restoreLimit(of: file(declaring: 4_000), storedSize: 50, limits: limits, memoryCap: nil).bytes == 4_000)
        #expect(try CompressionMetadata.restoreLimit(of: file(declaring: nil), storedSize: 500, limits: limits, memoryCap: 10_000).bytes == 10_000)
        let forged = try iconectError { _ = try CompressionMetadata.restoreLimit(of: file(declaring: 1 << 30), storedSize: 50, limits: limits, memoryCap: nil) }
        #expect(forged.code == .tooLarge)
        let negative = try iconectError { _ = try CompressionMetadata.restoreLimit(of: file(declaring: -5), storedSize: 50, limits: limits, memoryCap: nil) }
        #expect(negative.code == .tooLarge)
        #expect(IconectConfiguration.Limits(maxCompressionRatio: 1_000).inflationLimit(storedSize: .max / 2) == .max)
    }

    @Test func theGateRefusesAfterClosingAndWaitsForCallsInFlight() async throws {
        let gate = CallGate()
        let (entered, enteredSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        let call = Task {
            try await gate.admit {
                enteredSignal.yield()
                for await _ in release { break }
                // Nested admission of the same call passes even though the gate is closed by now.
                return try await gate.admit { 42 }
            }
        }
        for await _ in entered { break }
        gate.close()
        await #expect(throws: IconectError.self) { try await gate.admit { 1 } }
        let drained = Task { await gate.drained(within: .seconds(60)) }
        releaseSignal.yield()
        #expect(try await call.value == 42)
        await drained.value
        let started = ContinuousClock.now
        let stuck = CallGate()
        let forever = Task { try await stuck.admit { try await Task.sleep(for: .seconds(60)) } }
        stuck.close()
        await stuck.drained(within: .milliseconds(100))
        #expect(ContinuousClock.now - started < .seconds(30))
        forever.cancel()
    }
}
