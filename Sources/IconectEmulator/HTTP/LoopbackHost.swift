import Foundation

/// Which names and URIs surely stay on this machine.
enum LoopbackHost {
    /// `localhost`, `::1` or a dotted 127.0.0.0/8 address (brackets and case ignored).
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimming("[").trimming("]")
        if name == "localhost" || name == "::1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && UInt8(part) != nil }
    }

    /// The host of a `Host` header or authority (`127.0.0.1:8080`, `[::1]:80`, `localhost`), without the port.
    static func hostName(ofAuthority authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        if let colon = authority.lastIndex(of: ":") { return String(authority[..<colon]) }
        return authority
    }

    /// Whether `uri` is an `http` URI on a loopback host with no user info (where a native app listens for its code).
    static func isLoopbackHTTPURI(_ uri: String) -> Bool {
        guard let components = URLComponents(string: uri), components.scheme?.lowercased() == "http",
              components.user == nil, components.password == nil, let host = components.host
        else { return false }
        return isLoopback(host)
    }
}
