/// A secret string (password, client secret, token) that never prints itself.
///
/// `description`, `debugDescription`, string interpolation and `dump` all show `<redacted>`, so a secret that
/// reaches a log line, an error message or an MCP result by accident leaks nothing. Read the value with ``reveal()``
/// only where it goes on the wire.
public struct Secret: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    /// The secret itself, for the one place that must send it.
    public func reveal() -> String { value }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
