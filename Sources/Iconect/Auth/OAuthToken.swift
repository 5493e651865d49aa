import Foundation

/// A token set from the identity provider, with the instants that decide when to refresh it.
struct OAuthToken: Sendable {
    var accessToken: Secret
    var refreshToken: Secret?
    var scope: String?
    var grantType: String
    /// When the token stops being valid (from `expires_in`), or `nil` for a static token.
    var expiresAt: ContinuousClock.Instant?
    /// When the SDK refreshes it: `refreshLeeway` before expiry, but never earlier than half its lifetime.
    var refreshAt: ContinuousClock.Instant?
    /// The same expiry on the wall clock, for status reports.
    var expiresAtDate: Date?

    /// Builds the token and its refresh deadline from a token response received at `receivedAt`.
    init(response: TokenResponse, grantType: String, previousRefreshToken: Secret?, leeway: Duration,
         receivedAt: ContinuousClock.Instant = .now, receivedAtDate: Date = Date()) {
        accessToken = Secret(response.accessToken)
        refreshToken = response.refreshToken.map { Secret($0) } ?? previousRefreshToken
        scope = response.scope
        self.grantType = grantType
        if let seconds = response.expiresIn {
            let lifetime = Duration.seconds(max(0, seconds))
            expiresAt = receivedAt + lifetime
            refreshAt = receivedAt + Self.refreshDelay(lifetime: lifetime, leeway: leeway)
            expiresAtDate = receivedAtDate.addingTimeInterval(TimeInterval(max(0, seconds)))
        }
    }

    /// A caller-supplied token, used as it is.
    init(staticToken: Secret) {
        accessToken = staticToken
        grantType = "static"
    }

    /// How long after receipt a token of `lifetime` is refreshed: `lifetime − leeway`, but at least half the lifetime, so
    /// a short-lived token (or a long leeway) never makes every request refresh.
    static func refreshDelay(lifetime: Duration, leeway: Duration) -> Duration {
        max(lifetime - leeway, lifetime / 2)
    }

    /// Whether the token may still be sent without refreshing first.
    func isFresh(at now: ContinuousClock.Instant = .now) -> Bool {
        guard let refreshAt else { return true }
        return now < refreshAt
    }

    /// Whether the token has not yet expired (it may still be sent when a refresh fails).
    func isUnexpired(at now: ContinuousClock.Instant = .now) -> Bool {
        guard let expiresAt else { return true }
        return now < expiresAt
    }
}

/// The token endpoint's success body (RFC 6749 §5.1).
struct TokenResponse: Decodable, Sendable {
    var accessToken: String
    var tokenType: String?
    var expiresIn: Int?
    var refreshToken: String?
    var scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
        case scope
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
        // Some providers send expires_in as a string.
        if let seconds = try? container.decodeIfPresent(Int.self, forKey: .expiresIn) {
            expiresIn = seconds
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .expiresIn) {
            expiresIn = Int(text)
        }
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
    }
}

/// The parts of an OpenID Connect discovery document the SDK uses.
struct ProviderMetadata: Decodable, Sendable {
    var tokenEndpoint: URL
    var authorizationEndpoint: URL?
    var revocationEndpoint: URL?

    enum CodingKeys: String, CodingKey {
        case tokenEndpoint = "token_endpoint"
        case authorizationEndpoint = "authorization_endpoint"
        case revocationEndpoint = "revocation_endpoint"
    }
}
