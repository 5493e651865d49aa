import Foundation
import Iconect

/// The HTTP stacks a tool lets its user choose by name, as `iconect --transport` and `ICONECT_TRANSPORT` do for the
/// command-line tool and `iconect-mcp`.
///
/// ```swift
/// guard let stack = HTTPStack(named: ProcessInfo.processInfo.environment["ICONECT_TRANSPORT"]) else { ... }
/// let client = try IconectClient(configuration: configuration, transport: stack.factory)
/// ```
public enum HTTPStack: String, CaseIterable, Sendable {
    /// AsyncHTTPClient on SwiftNIO: ``AsyncHTTPClientTransport``.
    case asyncHTTPClient = "ahc"
    /// Foundation's `URLSession`: `URLSessionTransport`.
    case urlSession = "urlsession"

    /// AsyncHTTPClient on Linux, URLSession elsewhere.
    ///
    /// On Linux, Foundation's URLSession runs on libcurl and hands an upload's body over in 64 KiB pieces, re-arming a
    /// timer and queueing a delegate call for each. Measured with `iconect-bench peer` on two cores, it spends about twice
    /// the client CPU per uploaded byte of AsyncHTTPClient (3.0 s against 1.5 s per GiB), so bulk uploads run at 0.75 of a
    /// Python `requests` script on URLSession and at 1.1 on AsyncHTTPClient. Elsewhere URLSession is the system's own stack.
    public static var platformDefault: HTTPStack {
        #if os(Linux)
        .asyncHTTPClient
        #else
        .urlSession
        #endif
    }

    /// The stack `name` names, ignoring case and surrounding spaces: `ahc` (or `asynchttpclient`), `urlsession`; nil or
    /// an empty name is ``platformDefault``. Any other name gives nil, so the caller's error can name its own setting.
    public init?(named name: String?) {
        switch name?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "": self = Self.platformDefault
        case "ahc", "asynchttpclient": self = .asyncHTTPClient
        case "urlsession": self = .urlSession
        default: return nil
        }
    }

    /// The environment variable tools read a stack's name from: `ICONECT_TRANSPORT`.
    public static let environmentKey = "ICONECT_TRANSPORT"

    /// The stack ``environmentKey`` names in `environment` (``platformDefault`` when it is unset or empty).
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming `ICONECT_TRANSPORT` for any other name.
    public init(environment: [String: String]) throws(IconectError) {
        let value = environment[Self.environmentKey]
        guard let stack = HTTPStack(named: value) else {
            let message = "\"\(value ?? "")\" is not \(Self.choices)"
            throw IconectError(.invalidConfiguration, "\(Self.environmentKey): \(message)", fieldErrors: [Self.environmentKey: [message]])
        }
        self = stack
    }

    /// The names ``init(named:)`` accepts, for help and error texts: `ahc or urlsession`.
    public static let choices = allCases.map(\.rawValue).joined(separator: " or ")

    /// The transport choice to give `IconectClient`.
    public var factory: HTTPTransportFactory {
        switch self {
        case .asyncHTTPClient: .asyncHTTPClient()
        case .urlSession: .urlSession
        }
    }
}
