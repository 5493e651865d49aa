import Foundation
import Iconect
import IconectEmulator

/// Runs the built `iconect` binary as a user would: a child process with its own environment, its output captured in
/// files (so that no pipe can fill up), and its exit status.
struct CLIProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `iconect` executable beside the test bundle (`swift build --build-tests` builds it in the same directory).
    static let executable: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["ICONECT_CLI"] { return URL(fileURLWithPath: path) }
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = runner.deletingLastPathComponent()
        // On Darwin the runner sits inside an .xctest bundle; the products are beside the bundle.
        while directory.pathComponents.count > 1, !FileManager.default.fileExists(atPath: directory.appendingPathComponent("iconect").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("iconect")
    }()

    /// A scratch directory, with the child's HOME, config and cache inside it.
    let directory: URL
    var environment: [String: String]

    /// A process environment pointing at `emulator` as the demo user, with a home of its own under `directory`.
    init(emulator: EmulatorServer, directory: URL) {
        self.directory = directory
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.appendingPathComponent("home").path,
            "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
            "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
            "ICONECT_BASE_URL": emulator.baseURL.absoluteString,
            "ICONECT_CLIENT_ID": "emulator-client",
            "ICONECT_CLIENT_SECRET": "emulator-secret",
            "ICONECT_USERNAME": "demo",
            "ICONECT_PASSWORD": "demo-password",
        ]
        // Under `swift test --enable-code-coverage` the child's profile goes where the test process's goes, so what the
        // CLI tests exercise counts in the report (otherwise it lands in `directory`, removed with it).
        if let profile = ProcessInfo.processInfo.environment["LLVM_PROFILE_FILE"] { environment["LLVM_PROFILE_FILE"] = profile }
    }

    /// Starts `iconect arguments...`; `stdin` is a file to read from (standard input is empty otherwise).
    func start(_ arguments: [String], stdin: URL? = nil) throws -> Running {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let id = UUID().uuidString.prefix(8)
        let out = directory.appendingPathComponent("stdout-\(id)")
        let err = directory.appendingPathComponent("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        let (ended, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        try process.run()
        return Running(process: process, ended: ended, stdout: out, stderr: err)
    }

    /// Runs `iconect arguments...` to its end.
    func run(_ arguments: [String], stdin: URL? = nil) async throws -> Result {
        try await start(arguments, stdin: stdin).wait()
    }

    /// A started child.
    struct Running {
        let process: Process
        let ended: AsyncStream<Int32>
        let stdout: URL
        let stderr: URL

        /// Sends SIGINT, as Ctrl-C does.
        func interrupt() { process.interrupt() }

        /// Waits for the child to end and returns what it printed; a test cancelled meanwhile (its time limit) kills it.
        func wait() async throws -> Result {
            var iterator = ended.makeAsyncIterator()
            guard let status = await iterator.next() else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TestFailure("the test was cancelled while iconect was still running (killed): "
                                  + ((try? String(contentsOf: stderr, encoding: .utf8)) ?? ""))
            }
            return Result(status: status, stdout: try String(contentsOf: stdout, encoding: .utf8),
                          stderr: try String(contentsOf: stderr, encoding: .utf8))
        }
    }
}

/// A temporary directory for one test, removed by `remove()`.
func makeScratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-cli-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Starts an emulator and an SDK client (the oracle) on it, runs `body`, and stops both.
func withCLIEmulator<T>(_ configuration: EmulatorConfiguration = EmulatorConfiguration(seedRecords: 3_000),
                        _ body: (EmulatorServer, IconectClient, CLIProcess) async throws -> T) async throws -> T {
    let emulator = try await EmulatorServer.start(configuration)
    let directory = try makeScratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
        var settings = try IconectConfiguration(baseURL: emulator.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret",
                                                credentials: .password(username: "demo", password: "demo-password"))
        settings.cache.isEnabled = false
        let client = try IconectClient(configuration: settings)
        do {
            let result = try await body(emulator, client, CLIProcess(emulator: emulator, directory: directory))
            await client.shutdown()
            await emulator.stop()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    } catch {
        await emulator.stop()
        throw error
    }
}

/// Writes `count` random bytes to `url`, creating its directory.
func writeRandomFile(_ url: URL, bytes count: Int) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    var generator = SystemRandomNumberGenerator()
    let words = (0..<(count + 7) / 8).map { _ in generator.next() as UInt64 }
    try words.withUnsafeBytes { Data($0.prefix(count)) }.write(to: url)
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
