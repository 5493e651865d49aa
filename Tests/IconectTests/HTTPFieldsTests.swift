import Foundation
import HTTPTypes
import Testing

@testable import Iconect

/// The SDK's helpers around swift-http-types: its header names, the trace-context injector, and the split of a URL into
/// the request target a transport receives.
@Suite("HTTP fields and request targets")
struct HTTPFieldsTests {
    @Test func theSDKsHeaderNamesAreSpelledAsTheServerExpects() {
        #expect(HTTPField.Name.requestId.rawName == "X-Request-Id")
        #expect(HTTPField.Name.idempotencyKey.rawName == "Idempotency-Key")
        #expect(HTTPField.Name.chunkSHA256.rawName == "X-Chunk-SHA256")
        let fields: HTTPFields = [HTTPField.Name("x-request-id")!: "r-1"]
        #expect(fields[.requestId] == "r-1", "names compare without regard to case")
    }

    @Test func theInjectorSetsOneValuePerKeyAndSkipsInvalidNames() {
        var fields: HTTPFields = [.traceparent: "old"]
        let injector = HTTPFieldsInjector()
        injector.inject("00-trace-span-01", forKey: "traceparent", into: &fields)
        injector.inject("vendor=1", forKey: "tracestate", into: &fields)
        injector.inject("x", forKey: "not a name", into: &fields)
        #expect(fields[values: .traceparent] == ["00-trace-span-01"], "a replayed request carries one traceparent")
        #expect(fields[.tracestate] == "vendor=1")
        #expect(fields.count == 2)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/v1", "http", "127.0.0.1:8080", "/v1"),
        ("https://api.example.com", "https", "api.example.com", ""),
        ("http://[::1]:9/a%20b/c?x=1&y=%2F#fragment", "http", "[::1]:9", "/a%20b/c?x=1&y=%2F"),
        ("https://user:secret@Example.com/p", "https", "Example.com", "/p"),
    ])
    func aURLSplitsAsARequestHoldsIt(url: String, scheme: String, authority: String, path: String) throws {
        let target = try #require(RequestTarget(URL(string: url)!))
        #expect(target == RequestTarget(scheme: scheme, authority: authority, path: path))
    }

    @Test func aTargetWithoutAHostIsRefused() {
        #expect(RequestTarget(URL(fileURLWithPath: "/tmp/x")) == nil)
        #expect(RequestTarget(URL(string: "mailto:someone@example.com")!) == nil)
    }

    @Test func aRequestAppendsItsPathAndQueryToTheRoot() throws {
        let root = try #require(RequestTarget(URL(string: "http://127.0.0.1:8080/v1")!))
        let request = root.request(.get, appending: "/projects/p%2F1?page=2", headerFields: [.accept: "application/json"])
        #expect(request.method == .get && request.scheme == "http" && request.authority == "127.0.0.1:8080")
        #expect(request.path == "/v1/projects/p%2F1?page=2")
        #expect(request.url?.absoluteString == "http://127.0.0.1:8080/v1/projects/p%2F1?page=2")
        #expect(request.headerFields[.accept] == "application/json")
        let bare = try #require(RequestTarget(URL(string: "https://api.example.com")!))
        #expect(bare.request(.get).path == "/", "an empty path is sent as /")
    }
}
