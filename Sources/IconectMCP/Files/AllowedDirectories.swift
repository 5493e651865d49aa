import Logging
import MCP

/// The directories file paths may name: the environment's (`ICONECT_MCP_ALLOWED_DIRS`) until the client declares the
/// `roots` capability; from then on the client's roots, which replace the environment's list and are read again on
/// every `notifications/roots/list_changed`.
///
/// Reading the roots is a request to the client answered through the same message loop that delivers the notification,
/// so ``rootsChanged()`` only starts the read; a tool call that needs the list waits for the newest read.
public actor AllowedDirectories {
    /// Where the current list comes from.
    public enum Source: String, Sendable {
        case environment
        case roots
    }

    /// How long a tool call waits for the client to answer `roots/list`.
    static let rootsTimeout: Duration = .seconds(10)

    /// The environment's list.
    public nonisolated let environment: [AllowedDirectory]
    private let logger: Logger
    private var listRoots: (@Sendable () async throws -> [Root])?
    private var read: Task<[AllowedDirectory], Never>?
    private var generation = 0

    /// The environment's `directories`, until a client declares roots.
    public init(environment: [AllowedDirectory], logger: Logger = Logger(label: "iconect-mcp")) {
        self.environment = environment
        self.logger = logger
    }

    /// The client declared `roots` (at `initialize`): from now on its roots are the list, read with `listRoots` once the
    /// client is initialized (``rootsChanged()``) or when a call first needs them.
    public func useClientRoots(_ listRoots: @escaping @Sendable () async throws -> [Root]) {
        self.listRoots = listRoots
        read = nil
    }

    /// The client is initialized, or its roots changed: starts reading them (calls made from now on wait for this read).
    public func rootsChanged() {
        guard let listRoots else { return }
        generation += 1
        let logger = self.logger
        read = Task {
            do {
                let roots = try await Self.withTimeout(Self.rootsTimeout) { try await listRoots() }
                let directories = roots.compactMap { root -> AllowedDirectory? in
                    guard let directory = AllowedDirectory(root: root) else {
                        logger.warning("ignoring a client root that is not an existing local directory",
                                       metadata: ["uri": "\(root.uri)"])
                        return nil
                    }
                    return directory
                }
                logger.info("file paths allowed in the client's roots", metadata: ["count": "\(directories.count)"])
                return directories
            } catch {
                logger.warning("the client's roots could not be read; no directory is allowed", metadata: ["error": "\(error)"])
                return []
            }
        }
    }

    /// The directories allowed now, and where they come from.
    public func current() async -> (directories: [AllowedDirectory], source: Source) {
        guard listRoots != nil else { return (environment, .environment) }
        if read == nil { rootsChanged() }
        while true {
            let seen = generation
            let directories = await read?.value ?? []
            if seen == generation { return (directories, .roots) }
        }
    }

    private static func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw CancellationError()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
