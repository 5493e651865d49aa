import Foundation
import Iconect
import IconectAsyncHTTPClient
import IconectMCP

/// The HTTP stack `ICONECT_TRANSPORT` names: `ahc` (AsyncHTTPClient, the default on Linux, where it is several times
/// faster) or `urlsession` (Foundation's, the default elsewhere).
func httpTransport(_ environment: [String: String]) throws -> HTTPTransportFactory {
    let key = MCPSettings.EnvironmentKey.transport
    switch environment[key]?.trimmingCharacters(in: .whitespaces).lowercased() {
    case "ahc"?, "asynchttpclient"?:
        return .asyncHTTPClient()
    case "urlsession"?:
        return .urlSession
    case nil, ""?:
        #if os(Linux)
        return .asyncHTTPClient()
        #else
        return .urlSession
        #endif
    case let other?:
        throw IconectError.setting(key, "\"\(other)\" is not ahc or urlsession")
    }
}
