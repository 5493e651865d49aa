import Foundation
import Testing

@testable import Iconect

@Suite("OAuthToken")
struct OAuthTokenTests {
    private func response(_ json: String) throws -> TokenResponse {
        try JSONDecoder().decode(TokenResponse.self, from: Data(json.utf8))
    }

    // MARK: Refresh timing

    @Test(arguments: [
        (3600, 300, 3300), (3600, 0, 3600), (600, 3600, 300), (600, 600, 300), (600, 299, 301), (600, 301, 300), (1, 300, 0.5),
        (0, 300, 0),
    ] as [(Double, Double, Double)])
    func refreshDelay(lifetime: Double, leeway: Double, expected: Double) {
        #expect(OAuthToken.refreshDelay(lifetime: .seconds(lifetime), leeway: .seconds(leeway)) == .seconds(expected))
    }

    @Test func freshUntilTheRefreshInstantAndUnexpiredUntilExpiry() throws {
        let received = ContinuousClock.now
        let token = OAuthToken(
            response: try response(#"{"access_token": "at", "token_type": "Bearer", "expires_in": 3600}"#), grantType: "password",
            previousRefreshToken: nil, leeway: .seconds(300), receivedAt: received, receivedAtDate: Date(timeIntervalSince1970: 1000))
        #expect(token.expiresAt == received + .seconds(3600))
        #expect(token.refreshAt == received + .seconds(3300))
        #expect(token.expiresAtDate == Date(timeIntervalSince1970: 4600))
        #expect(token.isFresh(at: received))
        #expect(token.isFresh(at: received + .seconds(3299)))
        #expect(!token.isFresh(at: received + .seconds(3300)))
        #expect(token.isUnexpired(at: received + .seconds(3599)))
        #expect(!token.isUnexpired(at: received + .seconds(3600)))
        #expect(token.accessToken.reveal() == "at")
        #expect(token.grantType == "password")
    }

    @Test func aShortLivedTokenIsRefreshedAtHalfItsLifetime() throws {
        let received = ContinuousClock.now
        let token = OAuthToken(
            response: try response(#"{"access_token": "at", "expires_in": 60}"#), grantType: "client_credentials",
            previousRefreshToken: nil, leeway: .seconds(300), receivedAt: received)
        #expect(token.refreshAt == received + .seconds(30))
        #expect(token.isFresh(at: received + .seconds(29)))
        #expect(!token.isFresh(at: received + .seconds(30)))
        #expect(token.isUnexpired(at: received + .seconds(59)))
    }

    @Test func withoutExpiresInTheTokenNeverExpires() throws {
        let token = OAuthToken(
            response: try response(#"{"access_token": "at"}"#), grantType: "password", previousRefreshToken: nil, leeway: .seconds(300))
        #expect(token.expiresAt == nil)
        #expect(token.refreshAt == nil)
        #expect(token.expiresAtDate == nil)
        #expect(token.isFresh(at: .now + .seconds(1_000_000)))
        #expect(token.isUnexpired(at: .now + .seconds(1_000_000)))
    }

    @Test func negativeLifetimeIsAlreadyStale() throws {
        let received = ContinuousClock.now
        let token = OAuthToken(
            response: try response(#"{"access_token": "at", "expires_in": -5}"#), grantType: "password", previousRefreshToken: nil,
            leeway: .seconds(300), receivedAt: received)
        #expect(token.expiresAt == received)
        #expect(!token.isFresh(at: received))
        #expect(!token.isUnexpired(at: received))
    }

    @Test func staticTokensAreAlwaysUsable() {
        let token = OAuthToken(staticToken: "pat")
        #expect(token.grantType == "static")
        #expect(token.isFresh())
        #expect(token.isUnexpired())
        #expect(token.refreshToken == nil)
    }

    @Test func refreshTokenIsKeptWhenTheResponseOmitsIt() throws {
        let kept = OAuthToken(
            response: try response(#"{"access_token": "new"}"#), grantType: "refresh_token", previousRefreshToken: "old-rt",
            leeway: .zero)
        #expect(kept.refreshToken == Secret("old-rt"))
        let rotated = OAuthToken(
            response: try response(#"{"access_token": "new", "refresh_token": "new-rt"}"#), grantType: "refresh_token",
            previousRefreshToken: "old-rt", leeway: .zero)
        #expect(rotated.refreshToken == Secret("new-rt"), "a rotated refresh token replaces the old one")
    }

    // MARK: Token response

    @Test func tokenResponseFields() throws {
        let decoded = try response(
            #"{"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "rt", "scope": "iconect_api", "id_token": "x"}"#)
        #expect(decoded.accessToken == "at")
        #expect(decoded.tokenType == "Bearer")
        #expect(decoded.expiresIn == 3600)
        #expect(decoded.refreshToken == "rt")
        #expect(decoded.scope == "iconect_api")
    }

    @Test func expiresInAsAString() throws {
        #expect(try response(#"{"access_token": "at", "expires_in": "3600"}"#).expiresIn == 3600)
        #expect(try response(#"{"access_token": "at", "expires_in": "soon"}"#).expiresIn == nil)
        #expect(try response(#"{"access_token": "at", "expires_in": null}"#).expiresIn == nil)
        #expect(try response(#"{"access_token": "at"}"#).expiresIn == nil)
    }

    @Test func accessTokenIsRequired() {
        #expect(throws: DecodingError.self) { _ = try response(#"{"token_type": "Bearer", "expires_in": 3600}"#) }
        #expect(throws: DecodingError.self) { _ = try response(#"{"access_token": 5}"#) }
    }
}
