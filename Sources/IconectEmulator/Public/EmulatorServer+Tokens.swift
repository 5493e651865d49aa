import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension EmulatorServer {
    /// An access token for `user` (default: the first configured user, `demo`), obtained the way any client obtains one: a
    /// password grant, form-encoded, to `/openid/token` with the first configured OAuth client. For tests and tools that
    /// need to call the API with plain HTTP, independently of the SDK. The grant counts in ``stats()`` like any other.
    ///
    /// ```swift
    /// let token = try await emulator.accessToken()
    /// var request = URLRequest(url: emulator.apiURL.appendingPathComponent("projects"))
    /// request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    /// ```
    ///
    /// - Throws: ``EmulatorError/noAccessToken(_:)`` with the token endpoint's answer when it grants none.
    public func accessToken(for user: EmulatorUser? = nil) async throws -> String {
        guard let user = user ?? state.configuration.users.first, let client = state.configuration.oauthClients.first else {
            throw EmulatorError.noAccessToken("the emulator has no user or no OAuth client configured")
        }
        var fields = [("grant_type", "password"), ("scope", "iconect_api"), ("client_id", client.id),
                      ("username", user.username), ("password", user.password)]
        if let secret = client.secret { fields.append(("client_secret", secret)) }
        var request = URLRequest(url: baseURL.appendingPathComponent("openid/token"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(fields.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&").utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        guard case .object(let members)? = try? JSONDecoder().decode(JSON.self, from: data),
            case .string(let token)? = members["access_token"]
        else {
            throw EmulatorError.noAccessToken(String(decoding: data, as: UTF8.self))
        }
        return token
    }

    private static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
