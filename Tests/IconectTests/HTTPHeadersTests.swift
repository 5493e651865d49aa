import Testing

@testable import Iconect

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        let headers: HTTPHeaders = ["Content-Type": "application/json", "X-Request-Id": "r-1"]
        #expect(headers["content-type"] == "application/json")
        #expect(headers["X-REQUEST-ID"] == "r-1")
        #expect(headers["Retry-After"] == nil)
    }

    @Test func settingReplacesEveryValueOfTheName() {
        var headers = HTTPHeaders()
        headers.add("Accept", "text/plain")
        headers.add("accept", "application/json")
        #expect(headers["ACCEPT"] == "text/plain", "the first value wins on lookup")
        headers["Accept"] = "application/xml"
        #expect(Array(headers).map(\.value) == ["application/xml"])
        headers["accept"] = nil
        #expect(headers.isEmpty)
    }

    @Test func orderIsKeptAndEqualityIsExact() {
        let one = HTTPHeaders([("A", "1"), ("B", "2")])
        let two = HTTPHeaders([("B", "2"), ("A", "1")])
        #expect(Array(one).map(\.name) == ["A", "B"])
        #expect(one != two)
        #expect(one == HTTPHeaders([("A", "1"), ("B", "2")]))
        #expect(one.hashValue == HTTPHeaders([("A", "1"), ("B", "2")]).hashValue)
    }

    @Test func caseInsensitiveEquality() {
        #expect("X-Request-Id".caseInsensitiveEquals("x-request-id"))
        #expect(!"X-Request-Id".caseInsensitiveEquals("X-Request-I"))
        #expect(!"ETag".caseInsensitiveEquals("E-Tag"))
        // Only letters fold: these pairs differ by the same bit as A/a but are not letters.
        #expect(!"@".caseInsensitiveEquals("`"))
        #expect(!"[x]".caseInsensitiveEquals("{x}"))
        #expect(!"É".caseInsensitiveEquals("é"), "header names are ASCII; nothing else folds")
        #expect("É".caseInsensitiveEquals("É"))
        #expect("".caseInsensitiveEquals(""))
    }
}
