import Foundation
@testable import IconectMCP
import Testing

@Suite("PathRules: the lexical part of path confinement")
struct PathRulesTests {
    @Test("normalisation removes ., .., empty and repeated separators, and .. stops at the root", arguments: [
        ("/a/b/../c", "/a/c"), ("/a/./b//c/", "/a/b/c"), ("/../../etc/passwd", "/etc/passwd"), ("/", "/"), ("//", "/"),
        ("/a/b/c/../../..", "/"), ("/allowed/../etc", "/etc"), ("/a/..b/c", "/a/..b/c"), ("/a/b.../", "/a/b..."),
    ])
    func normalised(path: String, expected: String) {
        #expect(PathRules.normalized(path) == expected)
    }

    @Test("containment is separator-aware", arguments: [
        ("/data", "/data", true), ("/data/x", "/data", true), ("/data-other/x", "/data", false), ("/datax", "/data", false),
        ("/", "/data", false), ("/anything", "/", true), ("/data/../etc", "/data", true),
    ])
    func within(path: String, directory: String, expected: Bool) {
        // The last case shows why paths are normalised before this test: lexically it is "inside".
        #expect(PathRules.isWithin(path, directory) == expected)
    }

    @Test("only ~ and ~/ are expanded")
    func home() {
        #expect(PathRules.expandingHome("~", home: "/home/me") == "/home/me")
        #expect(PathRules.expandingHome("~/cases/a.pdf", home: "/home/me") == "/home/me/cases/a.pdf")
        #expect(PathRules.expandingHome("~other/a", home: "/home/me") == "~other/a")
        #expect(PathRules.expandingHome("/x/~/y", home: "/home/me") == "/x/~/y")
        #expect(PathRules.expandingHome("~/a", home: nil) == "~/a")
    }

    @Test("the deepest existing ancestor is resolved, and what is missing below it is named")
    func deepestAncestor() throws {
        let folder = try TemporaryFolder()
        let real = try #require(PathRules.realPath(folder.path))
        let (resolved, missing) = PathRules.deepestRealAncestor(of: folder.path + "/no/such/file")
        #expect(resolved == real)
        #expect(missing == ["no", "such", "file"])
        let (existing, none) = PathRules.deepestRealAncestor(of: folder.path)
        #expect(existing == real && none.isEmpty)
        #expect(PathRules.deepestRealAncestor(of: "/").real == "/")
    }
}
