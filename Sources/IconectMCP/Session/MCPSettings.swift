import Foundation
import Logging

/// The MCP server's own settings (beyond the SDK's `ICONECT_*` connection variables), read from the environment.
public struct MCPSettings: Sendable, Hashable {
    /// The environment variables read here.
    public enum EnvironmentKey {
        /// `debug`, `info`, `warn`/`warning`, `error` (any case; also `trace`, `notice`, `critical`). Default `info`.
        public static let logLevel = "ICONECT_LOG_LEVEL"
        /// The largest download returned inline as base64, in bytes. Default 10 MiB (and never more than the result cap allows).
        public static let maxInlineBytes = "ICONECT_MCP_MAX_INLINE_BYTES"
        /// The largest tool result, in bytes of JSON text. Default 200,000.
        public static let maxResultBytes = "ICONECT_MCP_MAX_RESULT_BYTES"
        /// The longest message (line) read from stdin, in bytes. Default 100 MiB (a 64 MiB chunk in base64 fits).
        public static let maxMessageBytes = "ICONECT_MCP_MAX_MESSAGE_BYTES"
        /// Directories `filePath` and `outputPath` may name, as a path list (`/a:/b`). Default none.
        public static let allowedDirectories = "ICONECT_MCP_ALLOWED_DIRS"
        /// `1` (or `true`, `yes`, `on`): list and accept only read-only tools.
        public static let readOnly = "ICONECT_READ_ONLY"
        /// Toolsets (catalogue areas) to serve, comma-separated (``Toolset``); default all.
        public static let toolsets = "ICONECT_TOOLSETS"
        /// Tools to serve beyond the toolsets, comma-separated.
        public static let tools = "ICONECT_TOOLS"
        /// Tools never to serve, comma-separated (wins over the other two).
        public static let excludedTools = "ICONECT_EXCLUDE_TOOLS"
        /// The HTTP stack of the executable: `ahc` (AsyncHTTPClient, the default on Linux) or `urlsession`; read by
        /// `HTTPStack(environment:)` in `IconectAsyncHTTPClient`.
        public static let transport = "ICONECT_TRANSPORT"
    }

    /// The default inline download cap: 10 MiB.
    public static let defaultMaxInlineBytes = 10 * 1024 * 1024
    /// The default result cap: 200 KB of JSON text.
    public static let defaultMaxResultBytes = 200_000
    /// The default stdin message cap: 100 MiB.
    public static let defaultMaxMessageBytes = 100 * 1024 * 1024

    /// Where stderr logging starts.
    public var logLevel: Logger.Level
    /// The largest download `iconect_download_file` returns inline (base64) instead of asking for `outputPath`.
    public var maxInlineBytes: Int
    /// The largest result text; a larger result is a `tooLarge` error that says how to narrow it.
    public var maxResultBytes: Int
    /// The longest stdin message; a longer one is answered with a parse error and dropped.
    public var maxMessageBytes: Int
    /// How long a shutdown waits for in-flight calls to answer.
    public var drainTimeout: Duration
    /// The path list of allowed directories, as given (resolved by ``AllowedDirectory/list(_:source:)``).
    public var allowedDirectories: String
    /// Only read-only tools.
    public var readOnly: Bool
    /// Toolset names, or `nil` for all.
    public var toolsets: [String]?
    /// Tool names added to the toolsets.
    public var tools: [String]
    /// Tool names removed from everything.
    public var excludedTools: [String]

    public init(logLevel: Logger.Level = .info, maxInlineBytes: Int = MCPSettings.defaultMaxInlineBytes,
                maxResultBytes: Int = MCPSettings.defaultMaxResultBytes, maxMessageBytes: Int = MCPSettings.defaultMaxMessageBytes,
                drainTimeout: Duration = .seconds(30), allowedDirectories: String = "", readOnly: Bool = false,
                toolsets: [String]? = nil, tools: [String] = [], excludedTools: [String] = []) {
        self.logLevel = logLevel
        self.maxInlineBytes = maxInlineBytes
        self.maxResultBytes = maxResultBytes
        self.maxMessageBytes = maxMessageBytes
        self.drainTimeout = drainTimeout
        self.allowedDirectories = allowedDirectories
        self.readOnly = readOnly
        self.toolsets = toolsets
        self.tools = tools
        self.excludedTools = excludedTools
    }

    /// The largest inline download: ``maxInlineBytes``, and small enough that its base64 fits in ``maxResultBytes``.
    public var inlineDownloadLimit: Int {
        min(maxInlineBytes, max(0, (maxResultBytes - 1024) / 4 * 3))
    }

    /// Reads the settings; a value that cannot be read is reported in `problems` and the default kept (for
    /// `ICONECT_READ_ONLY`, read-only: an unreadable safety switch fails safe). Names are checked later, by
    /// ``ToolSelection``, against the tools there are.
    public static func fromEnvironment(_ environment: [String: String]) -> (settings: MCPSettings, problems: [String]) {
        var settings = MCPSettings()
        var problems: [String] = []
        func text(_ key: String) -> String? {
            guard let value = environment[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        func bytes(_ key: String, minimum: Int, default value: Int) -> Int {
            guard let given = text(key) else { return value }
            guard let number = Int(given), number >= minimum else {
                problems.append("\(key)=\(given) is not a byte count of at least \(minimum); using \(value)")
                return value
            }
            return number
        }
        if let given = text(EnvironmentKey.logLevel) {
            if let level = parseLogLevel(given) {
                settings.logLevel = level
            } else {
                problems.append("\(EnvironmentKey.logLevel)=\(given) is not one of debug, info, warn, error; using info")
            }
        }
        settings.maxInlineBytes = bytes(EnvironmentKey.maxInlineBytes, minimum: 0, default: defaultMaxInlineBytes)
        settings.maxResultBytes = bytes(EnvironmentKey.maxResultBytes, minimum: 4096, default: defaultMaxResultBytes)
        settings.maxMessageBytes = bytes(EnvironmentKey.maxMessageBytes, minimum: 65_536, default: defaultMaxMessageBytes)
        settings.allowedDirectories = text(EnvironmentKey.allowedDirectories) ?? ""
        if let given = text(EnvironmentKey.readOnly) {
            switch given.lowercased() {
            case "1", "true", "yes", "on": settings.readOnly = true
            case "0", "false", "no", "off": settings.readOnly = false
            default:
                settings.readOnly = true
                problems.append("\(EnvironmentKey.readOnly)=\(given) is not 1 or 0; serving read-only tools only")
            }
        }
        settings.toolsets = text(EnvironmentKey.toolsets).map(names)
        settings.tools = text(EnvironmentKey.tools).map(names) ?? []
        settings.excludedTools = text(EnvironmentKey.excludedTools).map(names) ?? []
        return (settings, problems)
    }

    /// The names of a comma- or space-separated list, lowercased.
    static func names(_ list: String) -> [String] {
        list.split { $0 == "," || $0 == " " }.map { $0.lowercased() }
    }

    /// A log level from its name, case-insensitively: `debug`, `info`, `warn`, `warning`, `error`, and swift-log's others.
    public static func parseLogLevel(_ text: String) -> Logger.Level? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "warn": return .warning
        case let name: return Logger.Level(rawValue: name)
        }
    }
}
