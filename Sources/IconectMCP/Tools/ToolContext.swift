import Iconect
import Logging

/// What a tool's closure works with: the configured client, the session, the server's settings, the file paths it may
/// use and the progress of the call.
public struct ToolContext: Sendable {
    /// The server's connection state (for the configuration and auth tools).
    public let session: MCPSession
    /// The server's settings (the inline download cap, ...).
    public let settings: MCPSettings
    /// The checks for `filePath` and `outputPath`.
    public let files: FileAccess
    /// Progress of this call (notifications when the client asked for them).
    public let progress: ProgressReporter
    /// The server's logger (stderr).
    public let logger: Logger
    private let configuredClient: IconectClient?

    public init(session: MCPSession, client: IconectClient?, settings: MCPSettings, files: FileAccess,
                progress: ProgressReporter = .silent(), logger: Logger) {
        self.session = session
        self.configuredClient = client
        self.settings = settings
        self.files = files
        self.progress = progress
        self.logger = logger
    }

    /// The configured client; throws ``NotConfiguredError`` before any configuration.
    public var client: IconectClient {
        get throws(NotConfiguredError) {
            guard let configuredClient else { throw NotConfiguredError() }
            return configuredClient
        }
    }

    /// The configured client, or `nil`.
    public var clientIfConfigured: IconectClient? { configuredClient }
}

/// A tool that needs the API was called before the server had a configuration.
public struct NotConfiguredError: Error, Sendable, Hashable {
    public init() {}
}
