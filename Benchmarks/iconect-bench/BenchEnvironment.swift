import Foundation
import Iconect
import IconectEmulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The server a bench run talks to: an emulator in a child process (the bench binary itself, in `serve-emulator` mode),
/// an emulator in this process, or an external deployment given by `--base-url`.
final class BenchEnvironment: Sendable {
    let baseURL: URL
    let configuration: IconectConfiguration
    let projectId: String
    /// Whether `/_emulator/*` controls exist (not on a real deployment).
    var hasEmulatorControls: Bool { adminToken != nil }
    /// The token `/_emulator/*` requires; nil on a real deployment.
    let adminToken: String?
    /// A tool built next to this binary (`swift build -c release --product NAME`), or nil when it is not there.
    static func builtTool(_ name: String) -> URL? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    /// The `ICONECT_*` variables that point a tool (`iconect`, `iconect-mcp`) at this run's server as its user; nil without
    /// password credentials.
    var toolVariables: [String: String]? {
        guard case .password(let username, let password) = configuration.credentials else { return nil }
        return [
            "ICONECT_BASE_URL": baseURL.absoluteString, "ICONECT_CLIENT_ID": configuration.clientId ?? "",
            "ICONECT_CLIENT_SECRET": configuration.clientSecret?.reveal() ?? "", "ICONECT_USERNAME": username,
            "ICONECT_PASSWORD": password.reveal(),
            "ICONECT_ALLOW_INSECURE_HTTP": ProcessInfo.processInfo.environment["ICONECT_ALLOW_INSECURE_HTTP"] ?? "",
        ]
    }
    /// The CPU seconds the emulator has used so far, when it runs in its own process (nil in process or on a deployment).
    var serverCPUSeconds: Double? { childPID.flatMap(CPUTime.ofProcess) }
    private let childPID: Int32?
    private let server: EmulatorServer?
    /// The emulator's data directory, removed when the run ends.
    private let dataDirectory: URL?

    private init(baseURL: URL, configuration: IconectConfiguration, projectId: String, adminToken: String?,
                 childPID: Int32?, server: EmulatorServer?, dataDirectory: URL?) {
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL
        self.configuration = configuration
        self.projectId = projectId
        self.adminToken = adminToken
        self.childPID = childPID
        self.server = server
    }

    static func start(baseURL: String?, mode: EmulatorMode, seedRecords: Int) async throws -> BenchEnvironment {
        var childPID: Int32?
        var server: EmulatorServer?
        var adminToken: String?
        var configuration: IconectConfiguration
        let dataDirectory = baseURL == nil ? memoryBackedDirectory() : nil
        if let baseURL {
            guard var fromEnvironment = try IconectConfiguration.fromEnvironment(
                ProcessInfo.processInfo.environment.merging(["ICONECT_BASE_URL": baseURL]) { _, new in new })
            else { throw BenchError("--base-url needs ICONECT_* credentials in the environment") }
            fromEnvironment.cache.isEnabled = false
            configuration = fromEnvironment
        } else {
            let url: URL
            switch mode {
            case .inprocess:
                var emulatorConfiguration = EmulatorConfiguration(seedRecords: seedRecords)
                emulatorConfiguration.dataDirectory = dataDirectory
                let started = try await EmulatorServer.start(emulatorConfiguration)
                server = started
                url = started.baseURL
                adminToken = started.adminToken
            case .subprocess:
                (url, adminToken, childPID) = try spawnEmulator(seedRecords: seedRecords, dataDirectory: dataDirectory)
            }
            configuration = try IconectConfiguration(
                baseURL: url, clientId: "emulator-client", clientSecret: "emulator-secret",
                credentials: .password(username: "demo", password: "demo-password"))
        }
        configuration.cache.isEnabled = false  // scenarios opt in where they measure the cache
        let probe = try IconectClient(configuration: configuration)
        let projects = try await probe.projects.list(ListOptions(pageSize: 1))
        await probe.shutdown()
        guard let project = projects.data.first else { throw BenchError("the server has no project to work in") }
        return BenchEnvironment(baseURL: configuration.baseURL, configuration: configuration, projectId: project.id,
                                adminToken: adminToken, childPID: childPID, server: server,
                                dataDirectory: dataDirectory)
    }

    /// A client for a scenario on `transport`, with the cache on or off (and, for URLSession, `poolSize` sessions).
    func makeClient(_ transport: BenchTransport = .urlsession, cache: Bool = false, connections: Int = 10, poolSize: Int? = nil)
        throws -> IconectClient
    {
        var configuration = self.configuration
        configuration.cache.isEnabled = cache
        configuration.maximumConnectionsPerHost = connections
        let factory = poolSize.map { HTTPTransportFactory.urlSession(poolSize: $0) } ?? transport.factory
        return try IconectClient(configuration: configuration, transport: factory)
    }

    /// A bearer token obtained with a plain form POST, for the bare-URLSession floors.
    func bareToken(session: URLSession) async throws -> String {
        guard case .password(let username, let password) = configuration.credentials else {
            throw BenchError("the bare floor needs password credentials")
        }
        var request = URLRequest(url: baseURL.appendingPathComponent("openid/token"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let form = "grant_type=password&scope=iconect_api&client_id=\(configuration.clientId ?? "")"
            + "&client_secret=\(configuration.clientSecret?.reveal() ?? "")&username=\(username)&password=\(password.reveal())"
        request.httpBody = Data(form.utf8)
        let (data, _) = try await session.data(for: request)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let token = object["access_token"] as? String
        else { throw BenchError("no token from \(request.url?.absoluteString ?? "")") }
        return token
    }

    /// A request to the emulator's control route `path` (`stats`, `faults`, `sink`), carrying the admin token.
    func controlRequest(_ path: String, method: String = "GET") -> URLRequest {
        var request = URLRequest(url: baseURL.appendingPathComponent("_emulator/" + path))
        request.httpMethod = method
        if let adminToken { request.setValue("Bearer \(adminToken)", forHTTPHeaderField: "Authorization") }
        return request
    }

    /// Replaces the emulator's fault rules.
    func setFaults(_ rules: [FaultRule]) async throws {
        var request = controlRequest("faults", method: "PUT")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder().encode(rules)
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw BenchError("the emulator refused the fault rules") }
    }

    /// The emulator's own count of changes to each record of `ids`.
    func revisions(_ ids: [String]) async throws -> [String: Int] {
        var request = controlRequest("revisions", method: "POST")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["ids": ids])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let revisions = object["revisions"] as? [String: Int]
        else { throw BenchError("the emulator gave no revisions") }
        return revisions
    }

    /// The emulator's request counters.
    func emulatorStats() async throws -> EmulatorStats {
        let (data, _) = try await URLSession.shared.data(for: controlRequest("stats"))
        return try JSONDecoder().decode(EmulatorStats.self, from: data)
    }

    /// How many requests the emulator has answered for `route` ("GET /v1/records/search"), or `nil` without controls.
    func requestCount(_ route: String) async throws -> Int? {
        guard hasEmulatorControls else { return nil }
        let (data, _) = try await URLSession.shared.data(for: controlRequest("stats"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let requests = object["requests"] as? [String: [String: Int]]
        else { return nil }
        return requests[route]?.values.reduce(0, +) ?? 0
    }

    /// A fresh directory on a memory file system (`/dev/shm`) for the emulator's stored files, when the machine has one:
    /// the bench measures the SDK and the wire, not the disk's write-back. Nil elsewhere (the emulator's default).
    static func memoryBackedDirectory() -> URL? {
        let shm = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        guard FileManager.default.isWritableFile(atPath: shm.path) else { return nil }
        let directory = shm.appendingPathComponent("iconect-bench-\(UUID().uuidString)", isDirectory: true)
        return (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) == nil ? nil : directory
    }

    func stop() async {
        if let childPID {
            kill(childPID, SIGTERM)
            var status: Int32 = 0
            waitpid(childPID, &status, 0)
        }
        await server?.stop()
        if let dataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    /// Starts this binary as `iconect-bench serve-emulator` and reads the URL and admin token it prints.
    private static func spawnEmulator(seedRecords: Int, dataDirectory: URL?) throws -> (URL, String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        process.arguments = ["--serve-emulator", "--records", String(seedRecords)]
            + (dataDirectory.map { ["--emulator-data", $0.path] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        func readLine() throws -> String {
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                line.append(byte)
            }
            return String(decoding: line, as: UTF8.self)
        }
        let text = try readLine()
        guard let range = text.range(of: "http://"), let url = URL(string: String(text[range.lowerBound...])) else {
            process.terminate()
            throw BenchError("the emulator child did not start: \(text)")
        }
        let token = try readLine().split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return (url, token, process.processIdentifier)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
