import Foundation
import Logging

/// The MCP server's own settings (beyond the SDK's `ICONECT_*` connection variables), read from the environment.
public struct MCPSettings: Sendable, Hashable {
    /// The environment variables read here.
    public enum EnvironmentKey {
        /// `debug`, `info`, `warn`/`warning`, `error` (any case; also `trace`, `notice`, `critical`). Default `info`.
        public static let logLevel = "ICONECT_LOG_LEVEL"
        /// The largest download returned inline as base64, in bytes. Default 10 MiB.
        public static let maxInlineBytes = "ICONECT_MCP_MAX_INLINE_BYTES"
    }

    /// The default inline download cap: 10 MiB.
    public static let defaultMaxInlineBytes = 10 * 1024 * 1024

    /// Where stderr logging starts.
    public var logLevel: Logger.Level
    /// The largest download `iconect_download_file` returns inline (base64) instead of asking for `outputPath`.
    public var maxInlineBytes: Int
    /// How long a shutdown waits for in-flight calls to answer.
    public var drainTimeout: Duration

    public init(logLevel: Logger.Level = .info, maxInlineBytes: Int = MCPSettings.defaultMaxInlineBytes,
                drainTimeout: Duration = .seconds(30)) {
        self.logLevel = logLevel
        self.maxInlineBytes = maxInlineBytes
        self.drainTimeout = drainTimeout
    }

    /// Reads the settings; a value that cannot be read is reported in `problems` and the default kept.
    public static func fromEnvironment(_ environment: [String: String]) -> (settings: MCPSettings, problems: [String]) {
        var settings = MCPSettings()
        var problems: [String] = []
        if let text = environment[EnvironmentKey.logLevel], !text.isEmpty {
            if let level = parseLogLevel(text) {
                settings.logLevel = level
            } else {
                problems.append("\(EnvironmentKey.logLevel)=\(text) is not one of debug, info, warn, error; using info")
            }
        }
        if let text = environment[EnvironmentKey.maxInlineBytes], !text.isEmpty {
            if let bytes = Int(text.trimmingCharacters(in: .whitespaces)), bytes >= 0 {
                settings.maxInlineBytes = bytes
            } else {
                problems.append("\(EnvironmentKey.maxInlineBytes)=\(text) is not a byte count; using \(defaultMaxInlineBytes)")
            }
        }
        return (settings, problems)
    }

    /// A log level from its name, case-insensitively: `debug`, `info`, `warn`, `warning`, `error`, and swift-log's others.
    public static func parseLogLevel(_ text: String) -> Logger.Level? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "warn": return .warning
        case let name: return Logger.Level(rawValue: name)
        }
    }
}
