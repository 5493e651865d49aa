import Foundation
import Iconect
import IconectAsyncHTTPClient
import IconectMCP

/// The HTTP stack `ICONECT_TRANSPORT` names (``HTTPStack``): `ahc` (AsyncHTTPClient, the default on Linux) or `urlsession`
/// (Foundation's, the default elsewhere).
func httpTransport(_ environment: [String: String]) throws -> HTTPTransportFactory {
    let key = MCPSettings.EnvironmentKey.transport
    guard let stack = HTTPStack(named: environment[key]) else {
        throw IconectError.setting(key, "\"\(environment[key] ?? "")\" is not \(HTTPStack.choices)")
    }
    return stack.factory
}
