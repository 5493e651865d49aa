import Foundation
import IconectMCP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path confinement and safe opening against a real file system: an allowed folder, an outside folder, and the links,
/// FIFOs and directories a hostile document would name.
@Suite("FileAccess: confined paths, regular files only, downloads that replace nothing", .timeLimit(.minutes(10)))
struct FileAccessTests {
    let allowed: TemporaryFolder
    let outside: TemporaryFolder
    let access: FileAccess

    init() throws {
        allowed = try TemporaryFolder()
        outside = try TemporaryFolder()
        let directory = try AllowedDirectory(allowed.path, source: "test")
        access = FileAccess(directories: AllowedDirectories(environment: [directory]), home: outside.path)
    }

    private func readRefusal(_ text: String) async -> String? {
        do {
            _ = try await access.readableFile("filePath", text)
            return nil
        } catch {
            #expect(error.argument == "filePath")
            return error.message
        }
    }

    @Test("a regular file inside is opened, and read through its descriptor's path")
    func readsInside() async throws {
        let path = try allowed.write("docs/a.txt", "hello")
        let file = try await access.readableFile("filePath", allowed.path + "/docs/../docs/./a.txt")
        #expect(file.size == 5)
        let bytes = try await file.withPath { url in try Data(contentsOf: url) }
        #expect(bytes == Data("hello".utf8))
        _ = path
    }

    @Test("paths outside are refused before the file system is asked, whatever exists there")
    func outsideRefused() async throws {
        try outside.write("secret.txt")
        for text in ["/etc/passwd", allowed.path + "/../" + URL(fileURLWithPath: outside.path).lastPathComponent + "/secret.txt",
                     allowed.path + "-other/x", "~/secret.txt", "/"] {
            let message = try #require(await readRefusal(text), "\(text) was opened")
            #expect(message.contains("outside the allowed directories"), "\(text): \(message)")
            #expect(message.contains("\"\(text)\""), "the path is shown as given: \(message)")
        }
        // The home directory a ~ stood for is never shown.
        #expect(await readRefusal("~/secret.txt")?.contains(outside.path) == false)
    }

    @Test("a symbolic link inside that points outside is refused, whether or not its target exists")
    func symlinkOut() async throws {
        try outside.write("secret.txt")
        try FileManager.default.createSymbolicLink(atPath: allowed.file("link"), withDestinationPath: outside.file("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: allowed.file("dir"), withDestinationPath: outside.path)
        for text in [allowed.file("link"), allowed.file("dir/secret.txt"), allowed.file("dir/missing.txt"),
                     allowed.file("dir/missing/deeper.txt")] {
            let message = try #require(await readRefusal(text), "\(text) was opened")
            #expect(message.contains("outside the allowed directories"), "\(text): \(message)")
        }
        // A link that stays inside is followed.
        try allowed.write("real.txt", "inside")
        try FileManager.default.createSymbolicLink(atPath: allowed.file("inner"), withDestinationPath: allowed.file("real.txt"))
        #expect(try await access.readableFile("filePath", allowed.file("inner")).size == 6)
    }

    @Test("a FIFO, a directory and a missing file are not readable regular files, and nothing blocks")
    func notRegular() async throws {
        #expect(mkfifo(allowed.file("fifo"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: allowed.file("folder"), withIntermediateDirectories: true)
        for text in [allowed.file("fifo"), allowed.file("folder"), allowed.file("missing.txt")] {
            let message = try #require(await readRefusal(text), "\(text) was opened")
            #expect(message.hasSuffix("is not a readable regular file"), "\(text): \(message)")
        }
    }

    @Test("relative paths, NUL bytes and a server with no allowed directory are refused, saying what to do")
    func refusedForms() async throws {
        #expect(await readRefusal("docs/a.txt")?.contains("must be an absolute path") == true)
        #expect(await readRefusal(allowed.file("a\0b"))?.contains("NUL") == true)
        let none = FileAccess(directories: AllowedDirectories(environment: []))
        do {
            _ = try await none.readableFile("filePath", allowed.file("a.txt"))
            Issue.record("opened with no allowed directory")
        } catch {
            #expect(error.message.contains("ICONECT_MCP_ALLOWED_DIRS") && error.message.contains("fileContent"))
        }
    }

    private func writeRefusal(_ text: String, overwrite: Bool = false) async -> String? {
        do {
            _ = try await access.downloadTarget("outputPath", text, overwrite: overwrite)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("a download goes to a new file only, through a private staging folder, renamed into place")
    func downloadTargets() async throws {
        let existing = try allowed.write("existing.txt", "keep me")
        #expect(await writeRefusal(existing)?.contains("already exists; pass overwrite: true") == true)
        try FileManager.default.createDirectory(atPath: allowed.file("folder"), withIntermediateDirectories: true)
        try allowed.write("folder/inside.txt")
        #expect(await writeRefusal(allowed.file("folder"), overwrite: true)?.contains("is a directory") == true)
        try FileManager.default.createSymbolicLink(atPath: allowed.file("link"), withDestinationPath: outside.file("new.txt"))
        #expect(await writeRefusal(allowed.file("link"), overwrite: true)?.contains("symbolic link") == true)
        #expect(await writeRefusal(allowed.file("missing/new.txt"))?.contains("its folder does not exist") == true)
        #expect(await writeRefusal(outside.file("new.txt"))?.contains("outside the allowed directories") == true)
        try FileManager.default.createSymbolicLink(atPath: allowed.file("out"), withDestinationPath: outside.path)
        #expect(await writeRefusal(allowed.file("out/new.txt"))?.contains("outside the allowed directories") == true)
        #expect(!FileManager.default.fileExists(atPath: outside.file("new.txt")))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: allowed.file("folder")) == ["inside.txt"])

        let target = try await access.downloadTarget("outputPath", allowed.file("new.bin"), overwrite: false)
        let staging = try target.stage()
        var info = stat()
        #expect(lstat(staging.file.deletingLastPathComponent().path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        try Data("bytes".utf8).write(to: staging.file)
        try target.commit(staging)
        #expect(try String(contentsOfFile: allowed.file("new.bin"), encoding: .utf8) == "bytes")
        #expect(!FileManager.default.fileExists(atPath: staging.file.deletingLastPathComponent().path))

        // A file that appears while downloading is not replaced.
        let racing = try await access.downloadTarget("outputPath", allowed.file("race.txt"), overwrite: false)
        let second = try racing.stage()
        try Data("new".utf8).write(to: second.file)
        try allowed.write("race.txt", "first")
        #expect(throws: ToolArgumentError.self) { try racing.commit(second) }
        #expect(try String(contentsOfFile: allowed.file("race.txt"), encoding: .utf8) == "first")
        #expect(!FileManager.default.fileExists(atPath: second.file.deletingLastPathComponent().path))

        // overwrite: true replaces a regular file.
        let replacing = try await access.downloadTarget("outputPath", existing, overwrite: true)
        let third = try replacing.stage()
        try Data("replaced".utf8).write(to: third.file)
        try replacing.commit(third)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "replaced")
        let left = try FileManager.default.contentsOfDirectory(atPath: allowed.path).filter { $0.hasPrefix(".iconect-mcp") }
        #expect(left.isEmpty, "staging folders left behind: \(left)")
    }
}
