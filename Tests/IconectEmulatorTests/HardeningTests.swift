import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import IconectEmulator

#if canImport(Glibc)
import Glibc
#endif

/// The emulator's own hardening: private storage removed on stop, expired upload sessions refused and cleaned up,
/// `$regex` matched in linear time.
@Suite("Emulator hardening", .timeLimit(.minutes(2)))
struct HardeningTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func storageIsPrivateAndRemovedOnStop() async throws {
        let server = try await EmulatorServer.start()
        let client = TestClient(server)
        let token = try await client.token()
        let upload = try await client.sendJSON("POST", "/v1/files/upload", [
            "fileName": "f.bin", "projectId": .string(server.seed.projectId), "fileStoreId": .string(server.seed.fileStoreId),
            "fileContent": .string(Data("secret".utf8).base64EncodedString()),
        ], token: token)
        let fileId = try #require(try upload.json["id"]?.stringValue)
        let storage = server.state.storage
        #expect(Self.mode(storage.root.path) == 0o700)
        #expect(Self.mode(storage.filesDirectory.path) == 0o700)
        #expect(Self.mode(storage.filePath(fileId)) == 0o600)
        client.session.invalidateAndCancel()
        await server.stop()
        #expect(!FileManager.default.fileExists(atPath: storage.root.path))
    }

    @Test func expiredSessionsAreRefusedAndCleanedUp() async throws {
        try await withEmulator(.init(uploadSessionLifetime: 0)) { server, client in
            let token = try await client.token()
            let initiated = try await client.sendJSON("POST", "/v1/files/upload/chunked/initiate", [
                "fileName": "e.bin", "fileSize": 10, "projectId": .string(server.seed.projectId),
                "fileStoreId": .string(server.seed.fileStoreId),
            ], token: token)
            let id = try #require(try initiated.json["id"]?.stringValue)
            let status = try await client.send("GET", "/v1/files/upload/chunked/\(id)", token: token)
            #expect(try status.json["status"] == "expired")
            #expect(!FileManager.default.fileExists(atPath: server.state.storage.sessionDirectory(id).path))
            let complete = try await client.send("POST", "/v1/files/upload/chunked/\(id)/complete", token: token)
            #expect(complete.status == 409)
        }
    }

    static let regexCases: [(String, String, Bool)] = [
        ("abc", "xxabcxx", true), ("^abc", "xabc", false), ("abc$", "xxabc", true), ("^$", "", true),
        ("a.c", "abc", true), ("a.c", "a\nc", false), ("a*", "", true), ("^a+$", "aaaa", true), ("^a+$", "aaab", false),
        ("^a?b$", "b", true), ("^(ab)+$", "ababab", true), ("^(ab)+$", "ababa", false), ("^a{2,3}$", "aaa", true),
        ("^a{2,3}$", "aaaa", false), ("^a{2}$", "aa", true), ("^a{2,}$", "aaaaa", true), ("^(cat|dog)s?$", "dogs", true),
        ("^(cat|dog)s?$", "cow", false), ("[0-9]+", "abc123", true), ("^[^,]+$", "a,b", false), ("\\d\\d", "a12", true),
        ("^\\w+$", "snake_case1", true), ("\\s", "nospace", false), ("(?i)^HELLO$", "hello", true), ("^(?:a|b)*c$", "ababc", true),
        ("\\.", "a.b", true), ("\\.", "ab", false), ("^(a+)+$", String(repeating: "a", count: 5_000) + "b", false),
        ("^(a|aa)+$", String(repeating: "a", count: 5_000) + "b", false), ("x{0}y", "y", true), ("a{1", "a{1", true),
        ("[a-c]+z", "bbbz", true), ("^Ünï$", "Ünï", true),
    ]

    @Test(arguments: regexCases.indices)
    func linearRegexMatches(index: Int) throws {
        let (pattern, text, expected) = Self.regexCases[index]
        let started = ContinuousClock.now
        #expect(try LinearRegex(pattern).firstMatch(in: text) == expected, "\(pattern) on \(text.prefix(20))")
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test(arguments: ["(a)\\1", "(?=a)", "(?<=a)b", "\\b", "(", ")", "[a", "a**", "*a", "a{5,2}", "a{101}",
                      String(repeating: "x", count: 513), String(repeating: "(", count: 40) + String(repeating: ")", count: 40)])
    func linearRegexRefuses(pattern: String) {
        #expect(throws: LinearRegex.SyntaxError.self) { _ = try LinearRegex(pattern) }
    }
}
